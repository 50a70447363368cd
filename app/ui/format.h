// Figures, dates and file names as the app shows them: one helper per job, used by every screen.
#pragma once
#include <string>

#include "model/date.h"

struct AppState;

namespace ui {

// Today in the device's time zone: a purchase, a lesson or an analysis date happens on a local day.
profila::Date Today();

// A figure as the reader's language writes it: "1.234,5" in Italian and Spanish, "1,234.5" in English.
std::string FormatDecimal(const AppState& state, double value, int decimals);
// A count as the reader's language writes it: "1.080.000" in Italian and Spanish, "1,080,000" in
// English (line and column numbers stay bare: they are read as references, not amounts).
std::string FormatCount(const AppState& state, long long count);
// An amount in the user's currency pattern, rounded to whole cents ("€ 1.234,50"); a negative one
// has its sign in front ("-€ 440.00", "-440,00 €"). whole_without_cents drops ",00" ("€ 440").
std::string FormatMoney(const AppState& state, double amount, bool whole_without_cents = false);
// A share (0.83) as a whole percent ("83%").
std::string FormatPercent(double share);

// Text made safe as part of a downloaded file's name: ASCII letters and digits and everything beyond
// ASCII (accented names) stay; every run of anything else (spaces, / \ : * ? " < > |, punctuation)
// becomes one '-', none at either end. "" when nothing is left: the caller names a fallback.
std::string SafeFileName(const std::string& text);

}  // namespace ui
