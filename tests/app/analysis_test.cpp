// The Model tab natively, as a person reads it: the example shop analysed at a date in its past,
// the standard errors, every caveat in words, no plain "fitted" for a fit that is not used, the
// CLV saying what it falls back to, and the holdout chart.
#include <algorithm>
#include <string>

#include "app_driver.h"
#include "platform/storage_memory.h"
#include "analysis/export.h"
#include "screens/analysis/analysis_panel.h"
#include "screens/analysis/analysis_parts.h"
#include "screens/customers/customer_parts.h"
#include "store/collections.h"
#include "ui/format.h"

namespace {
bool HasStatus(const AppDriver& d, const std::string& text) {
    return d.FindIf([&](const item_registry::Item& i) { return i.ItemRole == item_registry::Role::Status && i.Label == text; }) != nullptr;
}
bool HasStatusStarting(const AppDriver& d, const std::string& start) {
    return d.FindIf([&](const item_registry::Item& i) {
               return i.ItemRole == item_registry::Role::Status && i.Label.rfind(start, 0) == 0;
           }) != nullptr;
}
}  // namespace

TEST_CASE("analysis: the Model tab shows standard errors, caveats in words and the forecast against what happened") {
    AppDriver d;
    d.Tap("nav.customers");
    d.Tap("customers.example");
    const std::vector<profila::Customer>& all = d.App().Doc.Data.Customers;
    REQUIRE(all.size() > 10);
    int32_t last = 0;
    for (const profila::Customer& c : all)
        for (const profila::Purchase& p : c.Purchases) last = std::max(last, p.When.Days);
    d.Tap("nav.analysis");
    // Six months before the last purchase: the months after it check the forecast.
    CHECK(SetAnalysisDate(d.App(), profila::FormatIsoDate(profila::Date{last - 182})).empty());
    d.WaitFor([&] { return !d.App().Analysis.Running && d.App().Analysis.Result; }, "the analysis");
    d.Tap("analysis.tab_model");
    const profila::AnalysisResult& r = CurrentAnalysis(d.App());
    REQUIRE(r.Purchases.HasEstimates());
    // The example shop's spend fit is not usable (its p runs to the bound): said, never "fitted".
    CHECK(r.Spend.Status == profila::FitStatus::Unreliable);
    CHECK_FALSE(HasStatusStarting(d, "Gamma-Gamma spend model fitted"));
    CHECK(HasStatus(d, analysis_ui::ReasonText(d.App(), r.Spend.Why)));
    REQUIRE_FALSE(r.Spend.Caveats.empty());
    for (const profila::Reason& c : r.Spend.Caveats) {
        const std::string text = analysis_ui::ReasonText(d.App(), c);
        CHECK(text.find("(rule:") != std::string::npos);
        CHECK(HasStatus(d, text));
    }
    for (const profila::Reason& c : r.Purchases.Caveats) CHECK(HasStatus(d, analysis_ui::ReasonText(d.App(), c)));
    // How the standard errors were found and the rule, and the spend model's definition, in words.
    d.Require(d.App().T("analysis.se_caption"));
    d.Require(d.App().T("analysis.gg_formula_published"));
    // The forecast checked against the six months after the date.
    REQUIRE(r.Holdout.Available);
    CHECK(r.Holdout.Total.Actual > 0);
    d.Require("analysis.holdout_chart");
    // What the CLV column falls back to, in words (the purchase model with each customer's own
    // ticket when only the spend fit is unusable).
    d.Require(d.App().T(!r.Purchases.Ok() ? "analysis.clv_source_simple" : "analysis.clv_source_own_ticket"));
}

TEST_CASE("analysis: a card another tab stores, or takes away, is in the next export") {
    AppDriver d;
    AppState& state = d.App();
    Document& doc = state.Doc;
    StoredExampleShop(d);
    const auto rowOf = [](const std::string& csv, const std::string& id) {
        const size_t at = csv.find("\n" + id + ",");
        return at == std::string::npos ? std::string() : csv.substr(at + 1, csv.find('\n', at + 1) - at - 1);
    };
    const std::string before = AnalysisCsv(state);
    profila::Customer theirs = doc.Data.Customers[3];
    const std::string oldRow = rowOf(before, theirs.Id);
    REQUIRE_FALSE(oldRow.empty());
    // The other tab adds a big purchase made yesterday: no command here, no EditSerial.
    profila::Purchase p;
    p.When = profila::Date{ui::Today().Days - 1};
    p.Amount = 25000.0;
    p.Id = "01JTHEOTHERTABPURCHASE0001";
    theirs.Purchases.push_back(p);
    theirs.Revision += 5;
    const uint64_t serial = doc.EditSerial;
    storage_memory::SimulateOtherTabWrite(doc.Data.Id, {CustomerRecord(theirs)});
    d.Frames(3);
    d.Advance(1.5);
    REQUIRE(FindCustomer(doc, theirs.Id)->Purchases.size() == theirs.Purchases.size());
    CHECK(doc.EditSerial == serial);
    const std::string newRow = rowOf(AnalysisCsv(state), theirs.Id);
    REQUIRE_FALSE(newRow.empty());
    CHECK(newRow != oldRow);
    // The other tab deletes the card: gone from the next export too.
    storage_memory::SimulateOtherTabWrite(doc.Data.Id, {}, {{"customers", theirs.Id}});
    d.Frames(3);
    d.Advance(1.5);
    REQUIRE(FindCustomer(doc, theirs.Id) == nullptr);
    CHECK(rowOf(AnalysisCsv(state), theirs.Id).empty());
}

// The facts kept from run to run (the view's FactsMemo) serve date changes until a card changes: an
// edit (a command) makes them again, so every export equals a run that reads every purchase.
TEST_CASE("analysis: date changes read the kept facts until a card is edited, and always give a fresh run's export") {
    AppDriver d;
    AppState& state = d.App();
    Document& doc = state.Doc;
    StoredExampleShop(d);
    const profila::Date today = ui::Today();
    auto freshCsv = [&](profila::Date asOf) {
        profila::AnalysisSettings s = state.Analysis.Settings;
        s.AsOf = asOf;
        return profila::ExportAnalysisCsv(profila::RunAnalysis(doc.Data, s), doc.Data);
    };
    CHECK(SetAnalysisDate(state, profila::FormatIsoDate(today)).empty());
    CHECK(AnalysisCsv(state) == freshCsv(today));
    const uint64_t made = state.Analysis.Facts.MadeKey;
    CHECK(made != 0);
    CHECK(SetAnalysisDate(state, profila::FormatIsoDate(profila::Date{today.Days - 3})).empty());
    CHECK(AnalysisCsv(state) == freshCsv(profila::Date{today.Days - 3}));
    CHECK(state.Analysis.Facts.MadeKey == made);  // kept, not made again

    // An edit: a big purchase ten days ago on one card, through the command the card screen uses.
    profila::Customer edited = doc.Data.Customers[3];
    profila::Purchase p;
    p.When = profila::Date{today.Days - 10};
    p.Amount = 25000.0;
    edited.Purchases.push_back(p);
    CommitCustomer(doc, edited, NowSeconds());
    CHECK(SetAnalysisDate(state, profila::FormatIsoDate(profila::Date{today.Days - 2})).empty());
    const std::string csv = AnalysisCsv(state);
    CHECK(state.Analysis.Facts.MadeKey != made);
    CHECK(csv == freshCsv(profila::Date{today.Days - 2}));
    CHECK(csv.find("\n" + edited.Id + ",") != std::string::npos);
}

// A customer who objects to profiling is left out of the analysis input, a copy of the others made
// when the cards change, not at every date change. The first export after the objection names the
// rows by that input (it once read the input before the run refreshed it: every row after the
// objector carried the next customer's id, the objector's among them).
TEST_CASE("analysis: the input without objectors is copied once for the cards, not again at each date change") {
    AppDriver d;
    AppState& state = d.App();
    Document& doc = state.Doc;
    StoredExampleShop(d);
    profila::Customer objecting = doc.Data.Customers[5];
    objecting.Privacy->ObjectsToProfiling = true;
    CommitCustomer(doc, objecting, NowSeconds());
    const profila::Date today = ui::Today();
    CHECK(SetAnalysisDate(state, profila::FormatIsoDate(today)).empty());
    const std::string csv = AnalysisCsv(state);
    CHECK(state.Analysis.LeftOut == 1);
    CHECK(csv.find("\n" + objecting.Id + ",") == std::string::npos);
    CHECK(csv.find("\n" + doc.Data.Customers[6].Id + ",") != std::string::npos);  // the rows' ids follow the input
    const profila::Customer* copied = state.Analysis.Input.Customers.data();
    CHECK(SetAnalysisDate(state, profila::FormatIsoDate(profila::Date{today.Days - 5})).empty());
    CHECK(AnalysisCsv(state).find("\n" + objecting.Id + ",") == std::string::npos);
    CHECK(state.Analysis.Input.Customers.data() == copied);  // the same copy
    CHECK(state.Analysis.Input.Customers.size() == doc.Data.Customers.size() - 1);
}
