// Case and accent folding: search keeps everything but case and accents; matching keeps only
// letters and digits, one space between words.
#include <doctest/doctest.h>

#include "text/fold.h"

using namespace profila;

TEST_CASE("fold: the Latin-1 letters fold to their base letter in either case") {
    CHECK(FoldLatin1Letter(0xA0) == 'a');  // à
    CHECK(FoldLatin1Letter(0x80) == 'a');  // À
    CHECK(FoldLatin1Letter(0xB1) == 'n');  // ñ
    CHECK(FoldLatin1Letter(0x91) == 'n');  // Ñ
    CHECK(FoldLatin1Letter(0xA7) == 'c');  // ç
    CHECK(FoldLatin1Letter(0xB8) == 'o');  // ø
    CHECK(FoldLatin1Letter(0x9F) == 's');  // ß
    CHECK(FoldLatin1Letter(0xBF) == 'y');  // ÿ
    CHECK(FoldLatin1Letter(0x97) == 0);    // ×
    CHECK(FoldLatin1Letter(0xB7) == 0);    // ÷
    CHECK(FoldLatin1Letter(0x41) == 0);    // not a continuation byte
}

TEST_CASE("fold: search folds case and accents and keeps the rest") {
    CHECK(FoldForSearch("Nicolò") == "nicolo");
    CHECK(FoldForSearch("PEÑA") == "pena");
    CHECK(FoldForSearch("Àlvaro Núñez") == "alvaro nunez");
    CHECK(FoldForSearch("Caffè  Già-Fatto") == "caffe  gia-fatto");
    CHECK(FoldForSearch("Mario.Rossi@Example.IT") == "mario.rossi@example.it");
    CHECK(FoldForSearch("a\nb") == "a\nb");
    CHECK(FoldForSearch("5 × 3 €") == "5 × 3 €");  // not letters: kept byte for byte
    CHECK(FoldForSearch("Δέλτα") == "Δέλτα");       // other scripts kept
    CHECK(FoldForSearch("") == "");
    CHECK(FoldForSearch("\xC3") == "\xC3");         // a cut sequence stays
}

TEST_CASE("fold: matching keeps letters and digits, one space between words") {
    CHECK(FoldForMatch("E-mail ") == "e mail");
    CHECK(FoldForMatch("  Città / Località ") == "citta localita");
    CHECK(FoldForMatch("N° cliente") == "n cliente");
    CHECK(FoldForMatch("Importo (€)") == "importo");
    CHECK(FoldForMatch("Año 2024") == "ano 2024");
    CHECK(FoldForMatch("a×b") == "a b");
    CHECK(FoldForMatch("Straße") == "strase");
    CHECK(FoldForMatch("...") == "");
    CHECK(FoldForMatch("") == "");
    CHECK(FoldForMatch("x\xC3") == "x");
}
