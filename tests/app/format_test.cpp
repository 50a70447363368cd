// Figures as the app writes them: a negative amount of money carries its sign in front of the
// whole amount ("-€ 440", "-440 €"), never between the currency and the figure ("€ -440").
#include "app.h"
#include "app_driver.h"
#include "ui/format.h"

TEST_CASE("format: money puts the sign of a negative amount in front, in every language") {
    AppDriver d;
    AppState& state = d.App();
    SetLanguage(state, profila::Language::En);
    d.Frames(2);  // the language switches between frames
    CHECK(ui::FormatMoney(state, 440) == "€ 440.00");
    CHECK(ui::FormatMoney(state, -440) == "-€ 440.00");
    CHECK(ui::FormatMoney(state, -440, true) == "-€ 440");
    CHECK(ui::FormatMoney(state, -440.5, true) == "-€ 440.50");
    CHECK(ui::FormatMoney(state, -1234.5) == "-€ 1,234.50");
    CHECK(ui::FormatMoney(state, -0.001) == "€ 0.00");  // rounds to no cents: no sign
    SetLanguage(state, profila::Language::It);
    d.Frames(2);
    REQUIRE(state.Settings.Language == profila::Language::It);
    CHECK(ui::FormatMoney(state, -440, true) == "-€ 440");
    CHECK(ui::FormatMoney(state, -1234.5) == "-€ 1.234,50");
    SetLanguage(state, profila::Language::Es);
    d.Frames(2);
    CHECK(ui::FormatMoney(state, 440, true) == "440 €");
    CHECK(ui::FormatMoney(state, -440, true) == "-440 €");
    CHECK(ui::FormatMoney(state, -1234.5) == "-1.234,50 €");
}
