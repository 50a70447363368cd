// Analysis: the This week, Customers, Settings and Model tabs, the tab bar and the date row.

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <string>
#include <vector>

#include "analysis/export.h"
#include "privacy/privacy.h"
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

namespace analysis_ui {

// ---- [SECTION] This week, Customers, Settings, Model tabs ---------------------------------------------

void DrawThisWeek(AppState& state, const AnalysisResult& r) {
    ui::Heading(state.UiFonts.Heading, state.T("analysis.week_title"));
    ui::MutedText(state.T("analysis.week_help"));
    if (r.ThisWeek.empty()) {
        ui::StatusMessage(ui::Tone::Info, state.T("analysis.week_empty"));
        return;
    }
    // Only customers who agreed to be contacted on some channel; the others are listed after, with why.
    const ContactSplit split = ThisWeekByConsent(state, r);
    int n = 0;
    for (const WeeklyAction& a : r.ThisWeek) {
        if (std::find(split.Kept.begin(), split.Kept.end(), a.Customer) == split.Kept.end()) continue;
        const Customer* c = CustomerAt(state, a.Customer);
        if (!c) continue;
        ++n;
        ImGui::PushID(static_cast<int>(a.Customer));
        std::string title = Number(state, n) + ". " + StrategyName(state, a.Suggested) + " — " + DisplayName(*c);
        std::string label = title + "##week." + std::to_string(n);
        if (ImGui::Button(label.c_str(), ImVec2(ImGui::GetContentRegionAvail().x, ui::Em(2.6f)))) {
            state.Analysis.SelectedId = c->Id;
            state.Analysis.Tab = AnalysisTab::Customers;
        }
        ui::Paragraph((ReasonText(state, a.Why) + " " + Pattern(state, "analysis.value_at_stake", {ui::FormatMoney(state, a.ValueAtStake)})).c_str());
        ImGui::Dummy(ui::EmVec(0, 0.3f));
        ImGui::PopID();
    }
    if (n == 0) ui::StatusMessage(ui::Tone::Info, state.T("analysis.week_empty"));
    if (!split.Left.empty()) {
        ui::Heading(state.UiFonts.Heading, Pattern(state, "privacy.week_left_out", {Number(state, static_cast<double>(split.Left.size()))}).c_str());
        ui::MutedText(state.T("privacy.week_left_out_why"));
        for (const ContactSplit::LeftOut& l : split.Left)
            if (const Customer* c = CustomerAt(state, static_cast<uint32_t>(l.Index)))
                ui::Paragraph((DisplayName(*c) + ": " + ConsentReasonText(state, l.Why)).c_str());
    }
}

ContactSplit ThisWeekByConsent(const AppState& state, const AnalysisResult& r) {
    std::vector<size_t> indices;
    for (const WeeklyAction& a : r.ThisWeek) indices.push_back(a.Customer);
    return SplitByConsent(AnalysisInput(state).Customers, indices, nullptr, ui::Today());
}

void DrawCustomersTab(AppState& state, const AnalysisResult& r) {
    AnalysisView& v = state.Analysis;
    if (!v.SelectedId.empty()) {
        if (const Customer* c = FindCustomer(state.Doc, v.SelectedId)) {
            char back[128];
            std::snprintf(back, sizeof back, "%s  %s##analysis.back", ICON_CHEVRON_L, state.T("common.back"));
            if (ImGui::Button(back, ImVec2(0, ui::Em(2.6f)))) v.SelectedId.clear();
            DrawCustomerAnalysisPanel(state, *c);
            return;
        }
        v.SelectedId.clear();
    }
    ImGui::SetNextItemWidth(std::min(ImGui::GetContentRegionAvail().x, ui::Em(24)));
    ImGui::InputTextWithHint("##analysis.filter", state.T("analysis.filter_hint"), v.Filter, sizeof v.Filter);
    std::vector<uint32_t> shown;
    const std::string filter = v.Filter;
    for (uint32_t i = 0; i < r.Rows.size() && i < AnalysisInput(state).Customers.size(); ++i) {
        const Customer& c = AnalysisInput(state).Customers[i];
        if (!filter.empty() && DisplayName(c).find(filter) == std::string::npos && c.Id.find(filter) == std::string::npos) continue;
        shown.push_back(i);
    }
    const bool model = r.ModelOk();
    if (ImGui::BeginTable("##table.customers", 5, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY |
                                                      ImGuiTableFlags_SizingStretchProp,
                          ImVec2(0, ImGui::GetContentRegionAvail().y))) {
        ImGui::TableSetupScrollFreeze(0, 1);
        ImGui::TableSetupColumn(state.T("analysis.col_customer"), 0, 2.0f);
        ImGui::TableSetupColumn(state.T("analysis.col_status"));
        ImGui::TableSetupColumn(state.T("analysis.col_segment"));
        // The column says what it shows when the models cannot be used.
        const char* value_key = !model ? (r.Purchases.HasEstimates() ? "analysis.col_ltv_fallback" : "analysis.col_ltv")
                                       : (r.Spend.Ok() ? "analysis.col_clv" : "analysis.col_clv_own_ticket");
        ImGui::TableSetupColumn(state.T(value_key));
        ImGui::TableSetupColumn(state.T("analysis.col_strategy"));
        ImGui::TableHeadersRow();
        ImGuiListClipper clipper;
        clipper.Begin(static_cast<int>(shown.size()), ui::Em(2.6f));
        while (clipper.Step())
            for (int k = clipper.DisplayStart; k < clipper.DisplayEnd; ++k) {
                const uint32_t i = shown[k];
                const Customer& c = AnalysisInput(state).Customers[i];
                const CustomerRow& row = r.Rows[i];
                ImGui::TableNextRow(0, ui::Em(2.6f));
                ImGui::TableNextColumn();
                std::string label = DisplayName(c) + "##analysis.row." + c.Id;
                // Texts centred in the tall (touch-sized) rows, as the name in its selectable.
                ImGui::PushStyleVar(ImGuiStyleVar_SelectableTextAlign, ImVec2(0.0f, 0.5f));
                if (ImGui::Selectable(label.c_str(), false, ImGuiSelectableFlags_SpanAllColumns, ImVec2(0, ui::Em(2.4f))))
                    v.SelectedId = c.Id;
                ImGui::PopStyleVar();
                const float middle = (ui::Em(2.4f) - ImGui::GetTextLineHeight()) * 0.5f;
                auto cell = [&](const char* text) {
                    ImGui::TableNextColumn();
                    ImGui::SetCursorPosY(ImGui::GetCursorPosY() + middle);
                    ImGui::TextUnformatted(text);
                };
                cell(StatusName(state, row.Status));
                cell(SegmentName(state, row.Rfm.Segment));
                cell(ui::FormatMoney(state, model && row.Clv != kNotAvailable ? row.Clv : row.SimpleLtv).c_str());
                cell(StrategyName(state, row.Suggested));
            }
        ImGui::EndTable();
    }
}

bool StepperInt(AppState& state, const char* caption_key, const char* key, int& value, int step, int lo, int hi) {
    ImGui::PushID(key);
    ImGui::TextUnformatted(state.T(caption_key));
    bool changed = false;
    char label[96];
    std::snprintf(label, sizeof label, "-##%s.minus", key);
    if (ImGui::Button(label, ui::EmVec(2.6f, 2.6f))) {
        value = std::max(lo, value - step);
        changed = true;
    }
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ui::Em(6));
    std::snprintf(label, sizeof label, "##%s", key);
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(ImGui::GetStyle().FramePadding.x, ui::Em(0.7f)));
    if (ImGui::InputInt(label, &value, 0, 0)) {
        value = std::clamp(value, lo, hi);
        changed = true;
    }
    ImGui::PopStyleVar();
    ImGui::SameLine();
    std::snprintf(label, sizeof label, "+##%s.plus", key);
    if (ImGui::Button(label, ui::EmVec(2.6f, 2.6f))) {
        value = std::min(hi, value + step);
        changed = true;
    }
    ImGui::PopID();
    return changed;
}

void DrawSettingsTab(AppState& state) {
    AnalysisView& v = state.Analysis;
    AnalysisSettings& s = v.Settings;
    bool changed = false;
    ui::Heading(state.UiFonts.Heading, state.T("analysis.settings_title"));
    ui::MutedText(state.T("analysis.settings_help"));
    changed |= StepperInt(state, "analysis.set_window", "analysis.window", s.ActiveWindowDays, 30, 7, 3650);
    changed |= StepperInt(state, "analysis.set_active_min", "analysis.active_min", s.ActiveMinOccasions, 1, 1, 100);
    changed |= StepperInt(state, "analysis.set_habitual", "analysis.habitual", s.HabitualMinOccasions, 1, 1, 365);
    changed |= StepperInt(state, "analysis.set_occasional", "analysis.occasional", s.OccasionalMinOccasions, 1, 1, 365);
    changed |= StepperInt(state, "analysis.set_rfm_min", "analysis.rfm_min", s.RfmQuintileMinCustomers, 10, 5, 100000);
    ui::MutedText(state.T("analysis.set_rfm_fixed_help"));
    for (int k = 0; k < 4; ++k) {
        char key[48], caption[48];
        std::snprintf(key, sizeof key, "analysis.rfm_r%d", 5 - k);
        std::snprintf(caption, sizeof caption, "analysis.set_rfm_r%d", 5 - k);
        changed |= StepperInt(state, caption, key, s.RfmFixed.RecencyDays[k], 10, 1, 3650);
    }
    int horizon = s.HorizonMonths;
    if (StepperInt(state, "analysis.set_horizon", "analysis.horizon", horizon, 1, 1, 60)) {
        s.HorizonMonths = horizon;
        changed = true;
    }
    int discount = static_cast<int>(std::lround(s.AnnualDiscountRate * 100));
    if (StepperInt(state, "analysis.set_discount", "analysis.discount", discount, 1, 0, 50)) {
        s.AnnualDiscountRate = discount / 100.0;
        changed = true;
    }
    ImGui::TextUnformatted(state.T("analysis.set_unit"));
    if (ui::ChoiceButton((std::string(state.T("analysis.unit_weeks")) + "##analysis.unit.weeks").c_str(), s.TimeUnitDays == 7.0,
                         ui::EmVec(8, 2.6f))) {
        s.TimeUnitDays = 7.0;
        changed = true;
    }
    ImGui::SameLine();
    if (ui::ChoiceButton((std::string(state.T("analysis.unit_days")) + "##analysis.unit.days").c_str(), s.TimeUnitDays == 1.0,
                         ui::EmVec(8, 2.6f))) {
        s.TimeUnitDays = 1.0;
        changed = true;
    }
    // The spend model's definition: as published (default) or with the first purchase kept.
    ImGui::TextUnformatted(state.T("analysis.set_spend"));
    if (ui::ChoiceButton((std::string(state.T("analysis.spend_published")) + "##analysis.spend.published").c_str(),
                         !s.SpendKeepsFirstPurchase, ui::EmVec(12, 2.6f))) {
        s.SpendKeepsFirstPurchase = false;
        changed = true;
    }
    ImGui::SameLine();
    if (ui::ChoiceButton((std::string(state.T("analysis.spend_first")) + "##analysis.spend.first").c_str(),
                         s.SpendKeepsFirstPurchase, ui::EmVec(12, 2.6f))) {
        s.SpendKeepsFirstPurchase = true;
        changed = true;
    }
    ImGui::Dummy(ui::EmVec(0, 0.5f));
    if (ImGui::Button((std::string(state.T("analysis.set_reset")) + "##analysis.reset").c_str(), ImVec2(0, ui::Em(2.6f)))) {
        const Date keep = s.AsOf;
        s = AnalysisSettings{};
        s.AsOf = keep;
        changed = true;
    }
    if (changed) ++v.SettingsSerial;
}

namespace {
const char* const kParamNames[] = {"r", "alpha", "a", "b", "p", "q", "gamma"};

// Estimates with their standard errors (observed information) in a small table; an error that
// could not be computed is a dash.
void DrawEstimates(AppState& state, const char* id, const double* values, const double* errors, int count, int first_param) {
    const ImGuiTableFlags flags = ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_NoHostExtendX;
    if (!ImGui::BeginTable(id, 4, flags)) return;
    ImGui::TableSetupColumn(state.T("analysis.se_param"));
    ImGui::TableSetupColumn(state.T("analysis.se_estimate"));
    ImGui::TableSetupColumn(state.T("analysis.se_error"));
    ImGui::TableSetupColumn(state.T("analysis.se_relative"));
    ImGui::TableHeadersRow();
    for (int k = 0; k < count; ++k) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(kParamNames[first_param + k]);
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(ui::FormatDecimal(state, values[k], values[k] >= 100 ? 1 : 3).c_str());
        ImGui::TableNextColumn();
        const bool known = std::isfinite(errors[k]);
        ImGui::TextUnformatted(known ? ui::FormatDecimal(state, errors[k], errors[k] >= 100 ? 1 : 3).c_str() : "-");
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(known && values[k] != 0 ? ui::FormatPercent(errors[k] / values[k]).c_str() : "-");
    }
    ImGui::EndTable();
}

void DrawCaveats(AppState& state, const std::vector<Reason>& caveats) {
    for (const Reason& c : caveats) ui::StatusMessage(ui::Tone::Warning, ReasonText(state, c).c_str());
}

// Expected against actual repeat purchases after the analysis date (the calibration/holdout check).
void DrawHoldout(AppState& state, const AnalysisResult& r) {
    const HoldoutCheck& h = r.Holdout;
    if (!h.Available) return;
    ImGui::Dummy(ui::EmVec(0, 0.3f));
    ui::Heading(state.UiFonts.Heading, state.T("analysis.holdout_title"));
    const char* unit = state.T(r.Settings.TimeUnitDays == 1.0 ? "analysis.unit_days" : "analysis.unit_weeks");
    ui::Paragraph(Pattern(state, "analysis.holdout_total",
                          {ui::FormatUserDate(r.Settings.AsOf), ui::FormatUserDate(h.End), ui::FormatDecimal(state, h.Length, 1), unit,
                           ui::FormatDecimal(state, h.Total.Expected, 0), ui::FormatDecimal(state, h.Total.Actual, 0), Number(state, h.Total.Customers)})
                      .c_str());
    std::vector<std::string> labels(kHoldoutBuckets);
    std::vector<ui::BarPair> bars;
    for (int k = 0; k < kHoldoutBuckets; ++k) {
        const HoldoutBucket& b = h.ByRepeat[k];
        labels[k] = std::to_string(k) + (k == kHoldoutBuckets - 1 ? "+" : "");
        const float n = static_cast<float>(std::max(1, b.Customers));
        bars.push_back({labels[k].c_str(), static_cast<float>(b.Expected) / n, static_cast<float>(b.Actual) / n});
    }
    const float width = std::min(ImGui::GetContentRegionAvail().x, ui::Em(34));
    ui::PairedBarChart("##analysis.holdout_chart", bars, ImVec2(width, ui::Em(13)), state.T("analysis.holdout_expected"),
                       state.T("analysis.holdout_actual"));
    ui::MutedText(state.T("analysis.holdout_caption"));
}
}  // namespace

void DrawModelTab(AppState& state, const AnalysisResult& r) {
    ui::Heading(state.UiFonts.Heading, state.T("analysis.model_title"));
    const char* unit = state.T(r.Settings.TimeUnitDays == 1.0 ? "analysis.unit_days" : "analysis.unit_weeks");
    ui::MutedText(Pattern(state, "analysis.model_units", {unit, Number(state, r.Settings.HorizonMonths)}).c_str());
    const BgNbdFit& bg = r.Purchases;
    ui::StatusMessage(bg.Ok() ? ui::Tone::Good : ui::Tone::Warning, ReasonText(state, bg.Why).c_str());
    if (bg.HasEstimates()) {
        ui::Paragraph(Pattern(state, "analysis.bgnbd_params", {ui::FormatDecimal(state, bg.Params.R, 3), ui::FormatDecimal(state, bg.Params.Alpha, 3), ui::FormatDecimal(state, bg.Params.A, 3),
                                                               ui::FormatDecimal(state, bg.Params.B, 3), unit})
                          .c_str());
        const double values[] = {bg.Params.R, bg.Params.Alpha, bg.Params.A, bg.Params.B};
        const double errors[] = {bg.Se.R, bg.Se.Alpha, bg.Se.A, bg.Se.B};
        DrawEstimates(state, "##table.bgnbd_se", values, errors, 4, kParamR);
        DrawCaveats(state, bg.Caveats);
    }
    ImGui::Dummy(ui::EmVec(0, 0.3f));
    const GammaGammaFit& gg = r.Spend;
    ui::StatusMessage(gg.Ok() ? ui::Tone::Good : ui::Tone::Warning, ReasonText(state, gg.Why).c_str());
    ui::MutedText(state.T(r.Settings.SpendKeepsFirstPurchase ? "analysis.gg_formula_first" : "analysis.gg_formula_published"));
    if (gg.HasEstimates() && gg.FitCustomers > 0) {
        if (gg.Ok())
            ui::Paragraph(Pattern(state, "analysis.gg_params", {ui::FormatDecimal(state, gg.Params.P, 3), ui::FormatDecimal(state, gg.Params.Q, 3), ui::FormatDecimal(state, gg.Params.Gamma, 3),
                                                                ui::FormatMoney(state, gg.PopulationMean())})
                              .c_str());
        const double values[] = {gg.Params.P, gg.Params.Q, gg.Params.Gamma};
        const double errors[] = {gg.Se.P, gg.Se.Q, gg.Se.Gamma};
        DrawEstimates(state, "##table.gg_se", values, errors, 3, kParamP);
        DrawCaveats(state, gg.Caveats);
    }
    ui::MutedText(state.T("analysis.se_caption"));
    // What the CLV column shows, as the fits allow.
    ui::Paragraph(state.T(!bg.Ok() ? "analysis.clv_source_simple" : gg.Ok() ? "analysis.clv_source_model" : "analysis.clv_source_own_ticket"));
    DrawHoldout(state, r);
    ImGui::Dummy(ui::EmVec(0, 0.5f));
    char label[128];
    std::snprintf(label, sizeof label, "%s  %s##analysis.export_csv", ICON_DOWNLOAD, state.T("analysis.export_csv"));
    if (ui::PrimaryButton(label, ImVec2(0, ui::Em(2.6f))))
        DownloadAnalysisFile("profila-analysis-" + FormatIsoDate(r.Settings.AsOf) + ".csv", "text/csv;charset=utf-8", AnalysisCsvForSpreadsheet(state, r));
    std::snprintf(label, sizeof label, "%s  %s##analysis.export_xlsx", ICON_DOWNLOAD, state.T("analysis.export_xlsx"));
    ui::SameLineIfFits(ImGui::CalcTextSize(label, nullptr, true).x + ImGui::GetStyle().FramePadding.x * 2.0f);
    if (ImGui::Button(label, ImVec2(0, ui::Em(2.6f)))) DownloadAnalysisXlsx(state, r);
    std::snprintf(label, sizeof label, "%s  %s##analysis.export_json", ICON_DOWNLOAD, state.T("analysis.export_json"));
    ui::SameLineIfFits(ImGui::CalcTextSize(label, nullptr, true).x + ImGui::GetStyle().FramePadding.x * 2.0f);
    if (ImGui::Button(label, ImVec2(0, ui::Em(2.6f))))
        DownloadAnalysisFile("profila-model-" + FormatIsoDate(r.Settings.AsOf) + ".json", "application/json", ExportModelJson(r));
    // The work of the last run (its slices, not the frames drawn between them) and how it was spread.
    const AnalysisView& v = state.Analysis;
    ui::MutedText(Pattern(state, "analysis.run_time", {ui::FormatDecimal(state, v.LastRunWorkMs, 1), Number(state, v.LastRunFrames), ui::FormatDecimal(state, v.LastLongestFrameMs, 1)})
                      .c_str());
}

void DrawTabs(AppState& state) {
    struct TabEntry {
        AnalysisTab Tab;
        const char* Icon;
        const char* Key;
    };
    const TabEntry tabs[] = {{AnalysisTab::Dashboard, ICON_PIE, "analysis.tab_dashboard"},
                             {AnalysisTab::ThisWeek, ICON_CALENDAR, "analysis.tab_week"},
                             {AnalysisTab::Customers, ICON_USERS, "analysis.tab_customers"},
                             {AnalysisTab::Settings, ICON_COG, "analysis.tab_settings"},
                             {AnalysisTab::Model, ICON_CHART, "analysis.tab_model"}};
    // Icon and name on every tab (a tablet has no hover to explain a bare icon); a narrow screen
    // wraps them onto a second row.
    const float pad = ImGui::GetStyle().FramePadding.x * 2.0f;
    bool first = true;
    for (const TabEntry& t : tabs) {
        char label[128];
        std::snprintf(label, sizeof label, "%s  %s##%s", t.Icon, state.T(t.Key), t.Key);
        const float width = ImGui::CalcTextSize(label, nullptr, true).x + pad;
        if (!first) ui::SameLineIfFits(width);
        first = false;
        if (ui::ChoiceButton(label, state.Analysis.Tab == t.Tab, ImVec2(0, ui::Em(2.6f)))) {
            state.Analysis.Tab = t.Tab;
            if (t.Tab == AnalysisTab::Customers) state.Analysis.SelectedId.clear();
        }
    }
}

void DrawDateRow(AppState& state) {
    AnalysisView& v = state.Analysis;
    const Date inUse = EffectiveSettings(v).AsOf;
    // Following today: after midnight the field shows the new day (unless it is being typed in).
    if (v.DateSynced && !v.DateSet && !v.DateEditing && ui::FormatUserDate(inUse) != v.DateText) v.DateSynced = false;
    if (!v.DateSynced) {
        std::snprintf(v.DateText, sizeof v.DateText, "%s", ui::FormatUserDate(inUse).c_str());
        v.DateSynced = true;
        v.DateInvalid = false;
    }
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(ImGui::GetStyle().FramePadding.x, ui::Em(0.7f)));
    ImGui::AlignTextToFramePadding();  // the caption on the same baseline as the taller field's text
    ImGui::TextUnformatted(state.T("analysis.asof"));
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ui::Em(8));
    if (ImGui::InputTextWithHint("##analysis.date", state.T("analysis.date_hint"), v.DateText, sizeof v.DateText)) {
        if (auto date = ui::ParseUserDate(v.DateText)) {
            v.DateInvalid = false;
            if (!v.DateSet || date->Days != inUse.Days) {
                v.Settings.AsOf = *date;
                v.DateSet = true;
                ++v.SettingsSerial;
            }
        } else {
            v.DateInvalid = true;  // the analysis keeps its date until the text is a real day
        }
    }
    v.DateEditing = ImGui::IsItemActive();
    ImGui::PopStyleVar();
    ImGui::SameLine();
    std::string today = std::string(state.T("analysis.asof_today")) + "##analysis.today";
    if (ui::ChoiceButton(today.c_str(), !v.DateSet, ImVec2(0, ui::Em(2.6f)))) {
        v.DateSet = false;
        v.DateSynced = false;
        ++v.SettingsSerial;
    }
    if (v.DateInvalid)
        ui::StatusMessage(ui::Tone::Bad, Pattern(state, "analysis.date_invalid", {state.T("analysis.asof"), v.DateText}).c_str());
}

}  // namespace analysis_ui
