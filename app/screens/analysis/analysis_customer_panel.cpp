// Analysis: the per-customer panel, DrawCustomerAnalysisPanel (also used by the customer card).

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <string>
#include <vector>

#include "analysis/export.h"
#include "analysis_panel.h"
#include "analysis_parts.h"
#include "i18n/i18n.h"
#include "imgui.h"
#include "screens/customers/customer_parts.h"
#include "screens/screens.h"
#include "ui/charts.h"
#include "ui/date_field.h"
#include "ui/format.h"
#include "ui/icons.h"
#include "ui/theme.h"
#include "ui/widgets.h"

using namespace profila;
using namespace analysis_ui;

// ---- [SECTION] Per-customer panel ---------------------------------------------------------------------

void DrawCustomerAnalysisPanel(AppState& state, const Customer& customer) {
    // The card never waits for a big base: the run advances a slice a frame (small bases finish
    // now) and the last complete result is shown meanwhile.
    const bool running = AdvanceAnalysis(state);
    if (running) ui::StatusMessage(ui::Tone::Info, state.T("analysis.computing"));
    if (!state.Analysis.Result) return;
    const AnalysisResult& r = *state.Analysis.Result;
    size_t index = r.Rows.size();
    if (customer.Privacy->ObjectsToProfiling) {
        ui::StatusMessage(ui::Tone::Info, state.T("privacy.not_profiled"));
        return;
    }
    const Workspace& input = AnalysisInput(state);
    for (size_t i = 0; i < input.Customers.size(); ++i)
        if (input.Customers[i].Id == customer.Id) {
            index = i;
            break;
        }
    const CustomerExplanation e = ExplainCustomer(r, customer, index);
    ImGui::PushID(customer.Id.c_str());
    ui::Heading(state.UiFonts.Heading, (DisplayName(customer) + " — " + state.T("analysis.panel_title")).c_str());
    // What to do first: the suggested strategy, its reason and this week's step.
    ui::StatusMessage(ui::Tone::Info, (std::string(state.T("analysis.panel_strategy")) + ": " + StrategyName(state, e.Suggested.Value) + ". " +
                                       ReasonText(state, e.Suggested.Why) + " " +
                                       state.T(Key("analysis.strategy_do.", StrategyCode(e.Suggested.Value)).c_str()))
                                          .c_str());
    ImGui::Dummy(ui::EmVec(0, 0.3f));
    auto line = [&](const char* caption_key, const std::string& value, const Reason& why) {
        ui::Paragraph((std::string(state.T(caption_key)) + ": " + value).c_str());
        ui::MutedText(ReasonText(state, why).c_str());
    };
    line("analysis.panel_status", StatusName(state, e.Status.Value), e.Status.Why);
    line("analysis.panel_frequency", state.T(Key("analysis.frequency.", FrequencyCode(e.Frequency.Value)).c_str()), e.Frequency.Why);

    ImGui::Dummy(ui::EmVec(0, 0.3f));
    ui::Paragraph(state.T("analysis.panel_types"));
    bool any = false;
    for (int t = 0; t < kCustomerTypeCount; ++t) {
        if (!e.Types.Has(static_cast<CustomerType>(t))) continue;
        any = true;
        ui::Paragraph((std::string(ICON_CHECK) + " " + state.T(Key("analysis.type.", CustomerTypeCode(static_cast<CustomerType>(t))).c_str()) +
                       ": " + ReasonText(state, e.Types.Why[t]))
                          .c_str());
    }
    if (!any) ui::MutedText(state.T("analysis.panel_types_none"));
    // Types only the owner can judge, set on the card.
    std::vector<std::string> owner;
    if (customer.Judgement->Benchmark) owner.push_back(state.T("analysis.owner_benchmark"));
    if (customer.Judgement->DoorOpener) owner.push_back(state.T("analysis.owner_door_opener"));
    if (customer.Judgement->Inspiring) owner.push_back(state.T("analysis.owner_inspiring"));
    constexpr const char* kOrient[] = {"", "analysis.orient_cost", "analysis.orient_value", "analysis.orient_technology"};
    if (customer.Judgement->Orient != Orientation::Unknown) owner.push_back(state.T(kOrient[static_cast<int>(customer.Judgement->Orient)]));
    constexpr const char* kStage[] = {"", "analysis.stage_reaching", "analysis.stage_acquisition", "analysis.stage_conversion",
                                   "analysis.stage_retention", "analysis.stage_inspiration"};
    if (customer.Judgement->Stage != LifecycleStage::Unknown) owner.push_back(state.T(kStage[static_cast<int>(customer.Judgement->Stage)]));
    std::string ownerText = state.T("analysis.panel_owner");
    ownerText += ": ";
    if (owner.empty()) ownerText += state.T("analysis.panel_owner_none");
    for (size_t k = 0; k < owner.size(); ++k) ownerText += (k ? ", " : "") + owner[k];
    ui::MutedText(ownerText.c_str());

    ImGui::Dummy(ui::EmVec(0, 0.3f));
    if (e.Profit.HasData) {
        ui::Paragraph(Pattern(state, "analysis.panel_profit", {ui::FormatMoney(state, e.Facts.Margin), Number(state, std::round(e.Profit.Score))}).c_str());
        constexpr const char* kRating[] = {"analysis.rating_nodata", "analysis.rating_poor", "analysis.rating_fair", "analysis.rating_good"};
        for (int c = 0; c < kProfitCriterionCount; ++c) {
            const Rating rating = e.Profit.Ratings[c];
            std::string text = std::string(state.T(Key("analysis.criterion.", ProfitCriterionCode(static_cast<ProfitCriterion>(c))).c_str())) +
                               " — " + state.T(kRating[static_cast<int>(rating)]);
            if (rating != Rating::NoData) text += ": " + ReasonText(state, e.Profit.Why[c]);
            ui::MutedText(text.c_str());
        }
        if (e.Profit.BigLowProfit) ui::StatusMessage(ui::Tone::Warning, ReasonText(state, e.Profit.BigWhy).c_str());
    }

    if (e.Facts.Occasions > 0) {
        ImGui::Dummy(ui::EmVec(0, 0.3f));
        ui::Paragraph(Pattern(state, "analysis.panel_rfm", {Number(state, e.Rfm.R), Number(state, e.Rfm.F), Number(state, e.Rfm.M), SegmentName(state, e.Rfm.Segment),
                                                             state.T(Key("analysis.segment_meaning.", RfmSegmentCode(e.Rfm.Segment)).c_str())})
                          .c_str());
        ui::Paragraph(Pattern(state, "analysis.panel_ltv", {ui::FormatMoney(state, e.Ltv.S), ui::FormatDecimal(state, e.Ltv.C, 2), ui::FormatPercent(e.Ltv.P), Number(state, std::round(e.Ltv.T)),
                                                             ui::FormatMoney(state, e.Ltv.Value())})
                          .c_str());
        if (e.Row.Clv != kNotAvailable)
            ui::Paragraph(Pattern(state, "analysis.panel_clv", {ui::FormatDecimal(state, e.Row.ExpectedPurchases, 2), Number(state, r.Settings.HorizonMonths),
                                                                 ui::FormatPercent(e.Row.PAlive), ui::FormatMoney(state, e.Row.ExpectedSpend), ui::FormatMoney(state, e.Row.Clv)})
                              .c_str());
        else
            ui::MutedText(ReasonText(state, r.Purchases.Why).c_str());
    }
    ImGui::PopID();
}

std::vector<std::string> CustomerAnalysisLines(AppState& state, const Customer& customer) {
    std::vector<std::string> lines;
    if (customer.Privacy->ObjectsToProfiling) return lines;
    const AnalysisResult& r = CurrentAnalysis(state);
    const Workspace& input = AnalysisInput(state);
    size_t index = r.Rows.size();
    for (size_t i = 0; i < input.Customers.size(); ++i)
        if (input.Customers[i].Id == customer.Id) index = i;
    const CustomerExplanation e = ExplainCustomer(r, customer, index);
    lines.push_back(std::string(state.T("analysis.panel_status")) + ": " + StatusName(state, e.Status.Value) + ". " + ReasonText(state, e.Status.Why));
    lines.push_back(std::string(state.T("analysis.panel_frequency")) + ": " +
                    state.T(Key("analysis.frequency.", FrequencyCode(e.Frequency.Value)).c_str()) + ". " + ReasonText(state, e.Frequency.Why));
    for (int t = 0; t < kCustomerTypeCount; ++t)
        if (e.Types.Has(static_cast<CustomerType>(t)))
            lines.push_back(std::string(state.T(Key("analysis.type.", CustomerTypeCode(static_cast<CustomerType>(t))).c_str())) + ": " +
                            ReasonText(state, e.Types.Why[t]));
    if (e.Facts.Occasions > 0)
        lines.push_back(Pattern(state, "analysis.panel_rfm", {Number(state, e.Rfm.R), Number(state, e.Rfm.F), Number(state, e.Rfm.M), SegmentName(state, e.Rfm.Segment),
                                                             state.T(Key("analysis.segment_meaning.", RfmSegmentCode(e.Rfm.Segment)).c_str())}));
    lines.push_back(std::string(state.T("analysis.panel_strategy")) + ": " + StrategyName(state, e.Suggested.Value) + ". " + ReasonText(state, e.Suggested.Why));
    return lines;
}
