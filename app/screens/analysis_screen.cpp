// The Analysis screen: who the customers are and what they are worth, with reasons.
// [SECTION] Cache and staged runs   - recompute only when data or settings change, a stage a frame
// [SECTION] Texts                   - reason codes + figures to sentences in the user's language
// [SECTION] Dashboard               - status and segment counts and value, Pareto, LTV, risk
// [SECTION] This week, Customers, Settings, Model tabs
// [SECTION] Per-customer panel      - DrawCustomerAnalysisPanel (also used by the customer card)
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
#include "i18n/i18n.h"
#include "imgui.h"
#include "customer_parts.h"
#include "screens.h"
#include "text/hash.h"
#include "ui/charts.h"
#include "ui/date_field.h"
#include "ui/icons.h"
#include "ui/theme.h"
#include "ui/widgets.h"

using namespace profila;

namespace {

// ---- [SECTION] Cache and staged runs ---------------------------------------------------------------

double WallMs() {
    using namespace std::chrono;
    return duration<double, std::milli>(steady_clock::now().time_since_epoch()).count();
}

// Today in the device's time zone (a purchase happens on a local day).
Date Today() {
    std::time_t now = std::time(nullptr);
    std::tm local = *std::localtime(&now);
    return DateFromYmd(local.tm_year + 1900, local.tm_mon + 1, local.tm_mday);
}

AnalysisSettings EffectiveSettings(const AnalysisView& v) {
    AnalysisSettings s = v.Settings;
    if (!v.DateSet) s.AsOf = Today();
    return s;
}

// A key for the data and settings: any command bumps EditSerial; count and revisions catch
// loads and restores that replace the workspace wholesale.
uint64_t DataKey(const AppState& state) {
    const AnalysisView& v = state.Analysis;
    uint64_t h = profila::kFnv1a64Basis;
    auto mix = [&](uint64_t x) { h = profila::Fnv1a64Word(h, x); };
    mix(state.Doc.EditSerial);
    mix(state.Doc.Data.Customers.size());
    int64_t revisions = 0;
    for (const Customer& c : state.Doc.Data.Customers) revisions += c.Revision;
    mix(static_cast<uint64_t>(revisions));
    mix(v.SettingsSerial);
    mix(static_cast<uint64_t>(EffectiveSettings(v).AsOf.Days));
    return h;
}

// Advances the analysis: small bases finish in one frame; big ones run slices of ~2,000 customers
// (or one whole ranking/fitting stage) for up to ~8 ms a frame while the last result stays on
// screen. Returns true while a run is in progress.
bool AdvanceAnalysis(AppState& state) {
    AnalysisView& v = state.Analysis;
    const uint64_t key = DataKey(state);
    if (v.Result && v.ResultKey == key) {
        v.Running.reset();
        return false;
    }
    if (!v.Running || v.RunningKey != key) {
        // The result before last lends its buffers (the run overwrites every field).
        if (v.Spare && v.Spare.use_count() == 1 && !v.Running)
            v.Running = std::move(v.Spare);
        else if (!v.Running)
            v.Running = std::make_shared<AnalysisResult>();
        v.RunningKey = key;
        v.Progress = {};
        v.RunStartedMs = -1.0;  // set by the first slice (a run started after this frame's slice waits a frame)
        v.RunFrames = 0;
        v.RunWorkMs = v.RunLongestSliceMs = v.RunLongestFrameMs = 0.0;
        ++v.RunsStarted;
    }
    if (v.AdvancedFrame == ImGui::GetFrameCount()) return true;  // this frame's slice is done
    v.AdvancedFrame = ImGui::GetFrameCount();
    const AnalysisSettings s = EffectiveSettings(v);
    const bool small = state.Doc.Data.Customers.size() <= 5000;
    const double frameStart = WallMs();
    if (v.RunStartedMs < 0) v.RunStartedMs = frameStart;
    bool done = false;
    double now = frameStart;
    while (!done) {
        const double sliceStart = now;
        done = AdvanceAnalysisRun(state.Doc.Data, s, *v.Running, v.Progress, 2000);
        now = WallMs();
        v.RunLongestSliceMs = std::max(v.RunLongestSliceMs, now - sliceStart);
        if (!small && now - frameStart > 8.0) break;  // keep the frame responsive
    }
    v.RunWorkMs += now - frameStart;
    v.RunLongestFrameMs = std::max(v.RunLongestFrameMs, now - frameStart);
    ++v.RunFrames;
    if (done) {
        v.LastRunFrames = v.RunFrames;
        v.Spare = std::move(v.Result);
        v.Result = std::move(v.Running);
        v.ResultKey = key;
        v.LastRunMs = now - v.RunStartedMs;
        v.LastRunWorkMs = v.RunWorkMs;
        v.LastLongestSliceMs = v.RunLongestSliceMs;
        v.LastLongestFrameMs = v.RunLongestFrameMs;
        return false;
    }
    return true;
}

// ---- [SECTION] Texts -----------------------------------------------------------------------------

std::string Fmt(const char* fmt, double value) {
    char buf[64];
    std::snprintf(buf, sizeof buf, fmt, value);
    return buf;
}

std::string Number(const AppState& state, double v) {
    return FormatDecimal(state, v, std::abs(v - std::round(v)) < 1e-9 ? 0 : 1);
}
std::string Percent(double v) { return Fmt("%.0f%%", v * 100.0); }

// How each reason's figures are written: n number, m money, p share as percent, r ratio (2 decimals), x months.
const char* FigureKinds(const std::string& code) {
    struct Kind {
        const char* Prefix;
        const char* Kinds;
    };
    static const Kind kinds[] = {
        {"type.loyal", "nxnnn"},       {"type.discount", "nnpp"},      {"type.impulsive", "nrmmrp"},
        {"type.need", "nprpr"},        {"type.wanderer", "nnpnp"},     {"type.high_volume", "mmp"},
        {"type.high_future", "mmpn"},  {"profit.margin", "pp"},        {"profit.full_price", "pnn"},
        {"profit.large", "mm"},        {"profit.no_cancel", "pnnn"},   {"profit.on_time", "pnn"},
        {"profit.after_sales", "rnn"}, {"profit.big", "mmnnpp"},       {"risk.top", "pp"},
        {"risk.hhi", "rrn"},           {"risk.similar", "pp"},         {"model.fitted", "nnrn"},
        {"spend.fitted", "nr"},        {"spend.q_le_1", "r"},          {"strategy.protect", "m"},
        {"strategy.harvest", "m"},     {"strategy.end_loss", "m"},     {"strategy.reengineer_loss", "m"},
        {"strategy.end_inactive", "nmp"}, {"strategy.regain", "nm"},
    };
    for (const Kind& k : kinds)
        if (code.compare(0, std::strlen(k.Prefix), k.Prefix) == 0) return k.Kinds;
    return "";
}

std::string ReasonText(const AppState& state, const Reason& why) {
    const std::string code = why.Code;
    const std::string key = "analysis.reason." + code;
    const char* kinds = FigureKinds(code);
    std::vector<std::string> args;
    for (int k = 0; k < why.FigureCount; ++k) {
        const double f = why.Figures[k];
        const char kind = k < static_cast<int>(std::strlen(kinds)) ? kinds[k] : 'n';
        switch (kind) {
            case 'm': args.push_back(FormatMoney(state, f)); break;
            case 'p': args.push_back(Percent(f)); break;
            case 'r': args.push_back(FormatDecimal(state, f, 2)); break;
            case 'x': args.push_back(FormatDecimal(state, f, 1)); break;
            default: args.push_back(Number(state, f)); break;
        }
    }
    return FormatText(state.T(key.c_str()), args);
}

std::string Key(const char* prefix, const char* code) { return std::string(prefix) + code; }

const char* StatusName(const AppState& state, RelationshipStatus s) {
    return state.T(Key("analysis.status.", StatusCode(s)).c_str());
}
const char* SegmentName(const AppState& state, RfmSegment s) {
    if (s == RfmSegment::None) return state.T("analysis.segment.none");
    return state.T(Key("analysis.segment.", RfmSegmentCode(s)).c_str());
}
const char* StrategyName(const AppState& state, Strategy s) {
    return state.T(Key("analysis.strategy.", StrategyCode(s)).c_str());
}

std::string Pattern(const AppState& state, const char* key, std::vector<std::string> args) {
    return FormatText(state.T(key), args);
}

const Customer* CustomerAt(const AppState& state, uint32_t index) {
    return index < state.Doc.Data.Customers.size() ? &state.Doc.Data.Customers[index] : nullptr;
}

std::string DisplayName(const Customer& c) {
    if (!c.Name.empty() && !c.Company.empty()) return c.Name + " (" + c.Company + ")";
    if (!c.Company.empty()) return c.Company;
    if (!c.Name.empty()) return c.Name;
    return c.Id;
}

// ---- [SECTION] Dashboard ---------------------------------------------------------------------------

void SectionHeading(AppState& state, const char* key) {
    ImGui::Dummy(ui::EmVec(0, 0.4f));
    ui::Heading(state.UiFonts.Heading, state.T(key));
}

void DrawStatusTiles(AppState& state, const AnalysisResult& r) {
    SectionHeading(state, "analysis.by_status");
    const float avail = ImGui::GetContentRegionAvail().x;
    const int columns = avail > ui::Em(40) ? 5 : 3;
    const float gap = ui::Em(0.5f);
    const float w = (avail - gap * (columns - 1)) / columns;
    const ui::Palette& p = ui::Colors();
    for (int k = 0; k < kStatusCount; ++k) {
        if (k % columns != 0) ImGui::SameLine(0, gap);
        const GroupSummary& g = r.ByStatus[k];
        ImDrawList* draw = ImGui::GetWindowDrawList();
        ImVec2 pos = ImGui::GetCursorScreenPos();
        char id[64];
        std::snprintf(id, sizeof id, "##status.%s", StatusCode(static_cast<RelationshipStatus>(k)));
        ImGui::InvisibleButton(id, ImVec2(w, ui::Em(4.2f)));
        draw->AddRectFilled(pos, ImVec2(pos.x + w, pos.y + ui::Em(4.2f)), ImGui::GetColorU32(p.Card), ui::Em(0.4f));
        draw->AddRect(pos, ImVec2(pos.x + w, pos.y + ui::Em(4.2f)), ImGui::GetColorU32(p.CardBorder), ui::Em(0.4f));
        const char* name = StatusName(state, static_cast<RelationshipStatus>(k));
        draw->AddText(ImVec2(pos.x + ui::Em(0.6f), pos.y + ui::Em(0.4f)), ImGui::GetColorU32(p.Muted), name);
        std::string count = Number(state, g.Count);
        draw->AddText(state.UiFonts.Heading, state.UiFonts.Heading->FontSize, ImVec2(pos.x + ui::Em(0.6f), pos.y + ui::Em(1.4f)),
                      ImGui::GetColorU32(p.Text), count.c_str());
        std::string margin = Pattern(state, "analysis.tile_margin", {FormatMoney(state, g.Margin)});
        draw->AddText(ImVec2(pos.x + ui::Em(0.6f), pos.y + ui::Em(2.9f)), ImGui::GetColorU32(p.Muted), margin.c_str());
    }
    // The same figures as text, for screen readers and tests.
    std::string line;
    for (int k = 0; k < kStatusCount; ++k) {
        if (k) line += " · ";
        line += StatusName(state, static_cast<RelationshipStatus>(k));
        line += " " + Number(state, r.ByStatus[k].Count);
    }
    ui::MutedText(line.c_str());
}

void DrawRisk(AppState& state, const AnalysisResult& r) {
    SectionHeading(state, "analysis.risk");
    const ConcentrationResult& c = r.Concentration;
    if (c.Warnings.empty())
        ui::StatusMessage(ui::Tone::Good, state.T("analysis.risk_ok"));
    for (const Reason& w : c.Warnings) {
        std::string text = ReasonText(state, w);
        if (std::string(w.Code) == "risk.similar") text += " (" + c.LargestGroup + ")";
        ui::StatusMessage(ui::Tone::Warning, text.c_str());
        ImGui::Dummy(ui::EmVec(0, 0.2f));
    }
    std::string figures = Pattern(state, "analysis.concentration_figures",
                                  {Percent(c.Top1Share), Percent(c.Top5Share), FormatDecimal(state, c.Herfindahl, 3),
                                   Number(state, std::round(c.EquivalentCustomers))});
    ui::MutedText(figures.c_str());
}

void DrawPareto(AppState& state, const AnalysisResult& r) {
    SectionHeading(state, "analysis.pareto");
    const ConcentrationResult& c = r.Concentration;
    std::string caption = Pattern(state, "analysis.pareto_caption", {Percent(c.Top20Share)});
    ui::Paragraph(caption.c_str());
    std::vector<ui::CurvePoint> points;
    for (const ParetoPoint& q : c.Curve) points.push_back({static_cast<float>(q.CustomerShare), static_cast<float>(q.MarginShare)});
    float w = std::min(ImGui::GetContentRegionAvail().x, ui::Em(30));
    ui::CurveChart("##chart.pareto", points, ImVec2(w, w * 0.62f), 0.2f, state.T("analysis.pareto_x"), state.T("analysis.pareto_y"));
    std::string abc = Pattern(state, "analysis.abc", {Number(state, c.CountA), Number(state, c.CountB), Number(state, c.CountC)});
    ui::MutedText(abc.c_str());
}

void DrawSegments(AppState& state, const AnalysisResult& r) {
    SectionHeading(state, "analysis.by_segment");
    const bool quintiles = r.Rfm.Method == RfmMethod::Quintiles;
    std::string method = quintiles ? Pattern(state, "analysis.rfm_quintiles", {Number(state, r.Rfm.Buyers)})
                                   : Pattern(state, "analysis.rfm_fixed", {Number(state, r.Rfm.Buyers), Number(state, r.Settings.RfmQuintileMinCustomers)});
    ui::StatusMessage(quintiles ? ui::Tone::Info : ui::Tone::Warning, method.c_str());
    std::vector<std::string> values;
    std::vector<ui::Bar> bars;
    values.reserve(kRfmSegmentCount);
    for (int k = 1; k < kRfmSegmentCount; ++k) {
        const GroupSummary& g = r.BySegment[k];
        values.push_back(Number(state, g.Count) + " · " + FormatMoney(state, g.Margin));
    }
    for (int k = 1; k < kRfmSegmentCount; ++k)
        bars.push_back({SegmentName(state, static_cast<RfmSegment>(k)), static_cast<float>(r.BySegment[k].Count), values[k - 1].c_str(), 0});
    ui::BarChart("##chart.segments", bars, ImGui::GetContentRegionAvail().x);
}

// Lifetime value by segment: a four-column table and its formulas, always the full width (in a
// half column its headers and segment names would be cut).
void DrawSegmentValue(AppState& state, const AnalysisResult& r) {
    SectionHeading(state, "analysis.ltv_by_segment");
    const bool model = r.ModelOk();
    if (ImGui::BeginTable("##table.ltv", 4, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp)) {
        ImGui::TableSetupColumn(state.T("analysis.col_segment"));
        ImGui::TableSetupColumn(state.T("analysis.col_customers"));
        ImGui::TableSetupColumn(state.T("analysis.col_ltv_avg"));
        ImGui::TableSetupColumn(state.T("analysis.col_clv_avg"));
        ImGui::TableHeadersRow();
        for (int k = 1; k < kRfmSegmentCount; ++k) {
            const GroupSummary& g = r.BySegment[k];
            if (g.Count == 0) continue;
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(SegmentName(state, static_cast<RfmSegment>(k)));
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", state.T(Key("analysis.segment_meaning.", RfmSegmentCode(static_cast<RfmSegment>(k))).c_str()));
            ImGui::TableNextColumn();
            ImGui::Text("%d", g.Count);
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(FormatMoney(state, g.SimpleLtv / g.Count).c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(model ? FormatMoney(state, g.Clv / g.Count).c_str() : "-");
        }
        ImGui::EndTable();
    }
    // Formulas, units and horizon: the simple LTV next to the model's CLV and why they differ.
    ImGui::Dummy(ui::EmVec(0, 0.3f));
    ui::Paragraph(Pattern(state, "analysis.ltv_formula", {Number(state, std::round(r.LtvMonths))}).c_str());
    ui::Paragraph(Pattern(state, "analysis.clv_formula", {Number(state, r.Settings.HorizonMonths), Percent(r.Settings.AnnualDiscountRate),
                                                          state.T(r.Settings.TimeUnitDays == 1.0 ? "analysis.unit_days" : "analysis.unit_weeks")})
                      .c_str());
    ui::MutedText(state.T("analysis.ltv_vs_clv"));
}

void DrawDashboard(AppState& state, const AnalysisResult& r) {
    DrawStatusTiles(state, r);
    DrawRisk(state, r);
    const float avail = ImGui::GetContentRegionAvail().x;
    // Two columns from about 1000 CSS px wide (a landscape tablet: ~50 Em beside the compact rail),
    // each still ~24 Em, enough for the curve, the bars and the four-column table.
    if (avail >= ui::Em(44)) {
        ImGui::BeginTable("##dash", 2, ImGuiTableFlags_SizingStretchSame);
        ImGui::TableNextColumn();
        DrawPareto(state, r);
        ImGui::TableNextColumn();
        DrawSegments(state, r);
        ImGui::EndTable();
    } else {
        DrawPareto(state, r);
        DrawSegments(state, r);
    }
    DrawSegmentValue(state, r);
}

// ---- [SECTION] This week, Customers, Settings, Model tabs ---------------------------------------------

void DrawThisWeek(AppState& state, const AnalysisResult& r) {
    ui::Heading(state.UiFonts.Heading, state.T("analysis.week_title"));
    ui::MutedText(state.T("analysis.week_help"));
    if (r.ThisWeek.empty()) {
        ui::StatusMessage(ui::Tone::Info, state.T("analysis.week_empty"));
        return;
    }
    int n = 0;
    for (const WeeklyAction& a : r.ThisWeek) {
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
        ui::Paragraph((ReasonText(state, a.Why) + " " + Pattern(state, "analysis.value_at_stake", {FormatMoney(state, a.ValueAtStake)})).c_str());
        ImGui::Dummy(ui::EmVec(0, 0.3f));
        ImGui::PopID();
    }
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
    for (uint32_t i = 0; i < r.Rows.size() && i < state.Doc.Data.Customers.size(); ++i) {
        const Customer& c = state.Doc.Data.Customers[i];
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
        ImGui::TableSetupColumn(state.T(model ? "analysis.col_clv" : "analysis.col_ltv"));
        ImGui::TableSetupColumn(state.T("analysis.col_strategy"));
        ImGui::TableHeadersRow();
        ImGuiListClipper clipper;
        clipper.Begin(static_cast<int>(shown.size()), ui::Em(2.6f));
        while (clipper.Step())
            for (int k = clipper.DisplayStart; k < clipper.DisplayEnd; ++k) {
                const uint32_t i = shown[k];
                const Customer& c = state.Doc.Data.Customers[i];
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
                cell(FormatMoney(state, model && row.Clv != kNotAvailable ? row.Clv : row.SimpleLtv).c_str());
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
    ImGui::Dummy(ui::EmVec(0, 0.5f));
    if (ImGui::Button((std::string(state.T("analysis.set_reset")) + "##analysis.reset").c_str(), ImVec2(0, ui::Em(2.6f)))) {
        const Date keep = s.AsOf;
        s = AnalysisSettings{};
        s.AsOf = keep;
        changed = true;
    }
    if (changed) ++v.SettingsSerial;
}

void DrawModelTab(AppState& state, const AnalysisResult& r) {
    ui::Heading(state.UiFonts.Heading, state.T("analysis.model_title"));
    const char* unit = state.T(r.Settings.TimeUnitDays == 1.0 ? "analysis.unit_days" : "analysis.unit_weeks");
    ui::MutedText(Pattern(state, "analysis.model_units", {unit, Number(state, r.Settings.HorizonMonths)}).c_str());
    const BgNbdFit& bg = r.Purchases;
    ui::StatusMessage(bg.Ok() ? ui::Tone::Good : ui::Tone::Warning, ReasonText(state, bg.Why).c_str());
    if (bg.Ok()) {
        ui::Paragraph(Pattern(state, "analysis.bgnbd_params", {FormatDecimal(state, bg.Params.R, 3), FormatDecimal(state, bg.Params.Alpha, 3), FormatDecimal(state, bg.Params.A, 3),
                                                               FormatDecimal(state, bg.Params.B, 3), unit})
                          .c_str());
    }
    ImGui::Dummy(ui::EmVec(0, 0.3f));
    const GammaGammaFit& gg = r.Spend;
    ui::StatusMessage(gg.Ok() ? ui::Tone::Good : ui::Tone::Warning, ReasonText(state, gg.Why).c_str());
    if (gg.Ok())
        ui::Paragraph(Pattern(state, "analysis.gg_params", {FormatDecimal(state, gg.Params.P, 3), FormatDecimal(state, gg.Params.Q, 3), FormatDecimal(state, gg.Params.Gamma, 3),
                                                            FormatMoney(state, gg.PopulationMean())})
                          .c_str());
    ImGui::Dummy(ui::EmVec(0, 0.5f));
    char label[128];
    std::snprintf(label, sizeof label, "%s  %s##analysis.export_csv", ICON_DOWNLOAD, state.T("analysis.export_csv"));
    if (ui::PrimaryButton(label, ImVec2(0, ui::Em(2.6f))))
        DownloadAnalysisFile("profila-analysis-" + FormatIsoDate(r.Settings.AsOf) + ".csv", "text/csv", ExportAnalysisCsv(r, state.Doc.Data));
    ImGui::SameLine();
    std::snprintf(label, sizeof label, "%s  %s##analysis.export_json", ICON_DOWNLOAD, state.T("analysis.export_json"));
    if (ImGui::Button(label, ImVec2(0, ui::Em(2.6f))))
        DownloadAnalysisFile("profila-model-" + FormatIsoDate(r.Settings.AsOf) + ".json", "application/json", ExportModelJson(r));
    // The work of the last run (its slices, not the frames drawn between them) and how it was spread.
    const AnalysisView& v = state.Analysis;
    ui::MutedText(Pattern(state, "analysis.run_time", {FormatDecimal(state, v.LastRunWorkMs, 1), Number(state, v.LastRunFrames), FormatDecimal(state, v.LastLongestFrameMs, 1)})
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

}  // namespace

// ---- [SECTION] Public ---------------------------------------------------------------------------------

const AnalysisResult& CurrentAnalysis(AppState& state) {
    AnalysisView& v = state.Analysis;
    const uint64_t key = DataKey(state);
    if (!v.Result || v.ResultKey != key) {
        const double start = WallMs();
        v.Result = std::make_shared<AnalysisResult>(RunAnalysis(state.Doc.Data, EffectiveSettings(v)));
        v.ResultKey = key;
        v.LastRunMs = v.LastRunWorkMs = v.LastLongestSliceMs = v.LastLongestFrameMs = WallMs() - start;
        v.LastRunFrames = 1;  // all at once, in this frame
        v.Running.reset();
    }
    return *v.Result;
}

void DrawAnalysisScreen(AppState& state) {
    AnalysisView& v = state.Analysis;
    ui::Heading(state.UiFonts.Title, state.T("analysis.title"));
    DrawDateRow(state);
    const bool running = AdvanceAnalysis(state);
    DrawTabs(state);
    if (running) ui::StatusMessage(ui::Tone::Info, state.T("analysis.computing"));
    if (!v.Result) return;
    const AnalysisResult& r = *v.Result;
    if (state.Doc.Data.Customers.empty()) {
        ui::StatusMessage(ui::Tone::Info, state.T("analysis.empty"));
        if (v.Tab != AnalysisTab::Settings) return;
    } else {
        ui::MutedText(Pattern(state, "analysis.summary", {ui::FormatUserDate(r.Settings.AsOf), Number(state, r.Base.Customers), Number(state, r.Base.Buyers),
                                                          FormatMoney(state, r.Base.Margin)})
                          .c_str());
    }
    ImGui::PushID(static_cast<int>(v.Tab));  // one scroll position per tab: a tab opens at its top
    ImGui::BeginChild("##analysis.body", ImVec2(0, 0), ImGuiChildFlags_None);
    switch (v.Tab) {
        case AnalysisTab::Dashboard: DrawDashboard(state, r); break;
        case AnalysisTab::ThisWeek: DrawThisWeek(state, r); break;
        case AnalysisTab::Customers: DrawCustomersTab(state, r); break;
        case AnalysisTab::Settings: DrawSettingsTab(state); break;
        case AnalysisTab::Model: DrawModelTab(state, r); break;
    }
    ImGui::EndChild();
    ImGui::PopID();
}

// ---- [SECTION] Per-customer panel ---------------------------------------------------------------------

void DrawCustomerAnalysisPanel(AppState& state, const Customer& customer) {
    // The card never waits for a big base: the run advances a slice a frame (small bases finish
    // now) and the last complete result is shown meanwhile.
    const bool running = AdvanceAnalysis(state);
    if (running) ui::StatusMessage(ui::Tone::Info, state.T("analysis.computing"));
    if (!state.Analysis.Result) return;
    const AnalysisResult& r = *state.Analysis.Result;
    size_t index = r.Rows.size();
    for (size_t i = 0; i < state.Doc.Data.Customers.size(); ++i)
        if (state.Doc.Data.Customers[i].Id == customer.Id) {
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
    if (customer.Judgement.Benchmark) owner.push_back(state.T("analysis.owner_benchmark"));
    if (customer.Judgement.DoorOpener) owner.push_back(state.T("analysis.owner_door_opener"));
    if (customer.Judgement.Inspiring) owner.push_back(state.T("analysis.owner_inspiring"));
    constexpr const char* kOrient[] = {"", "analysis.orient_cost", "analysis.orient_value", "analysis.orient_technology"};
    if (customer.Judgement.Orient != Orientation::Unknown) owner.push_back(state.T(kOrient[static_cast<int>(customer.Judgement.Orient)]));
    constexpr const char* kStage[] = {"", "analysis.stage_reaching", "analysis.stage_acquisition", "analysis.stage_conversion",
                                   "analysis.stage_retention", "analysis.stage_inspiration"};
    if (customer.Judgement.Stage != LifecycleStage::Unknown) owner.push_back(state.T(kStage[static_cast<int>(customer.Judgement.Stage)]));
    std::string ownerText = state.T("analysis.panel_owner");
    ownerText += ": ";
    if (owner.empty()) ownerText += state.T("analysis.panel_owner_none");
    for (size_t k = 0; k < owner.size(); ++k) ownerText += (k ? ", " : "") + owner[k];
    ui::MutedText(ownerText.c_str());

    ImGui::Dummy(ui::EmVec(0, 0.3f));
    if (e.Profit.HasData) {
        ui::Paragraph(Pattern(state, "analysis.panel_profit", {FormatMoney(state, e.Facts.Margin), Number(state, std::round(e.Profit.Score))}).c_str());
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
        ui::Paragraph(Pattern(state, "analysis.panel_ltv", {FormatMoney(state, e.Ltv.S), FormatDecimal(state, e.Ltv.C, 2), Percent(e.Ltv.P), Number(state, std::round(e.Ltv.T)),
                                                             FormatMoney(state, e.Ltv.Value())})
                          .c_str());
        if (e.Row.Clv != kNotAvailable)
            ui::Paragraph(Pattern(state, "analysis.panel_clv", {FormatDecimal(state, e.Row.ExpectedPurchases, 2), Number(state, r.Settings.HorizonMonths),
                                                                 Percent(e.Row.PAlive), FormatMoney(state, e.Row.ExpectedSpend), FormatMoney(state, e.Row.Clv)})
                              .c_str());
        else
            ui::MutedText(ReasonText(state, r.Purchases.Why).c_str());
    }
    ImGui::PopID();
}
