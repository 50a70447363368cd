// Analysis: the Dashboard tab (status and segment counts and value, Pareto, LTV, risk).

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

namespace analysis_ui {

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
        std::string margin = Pattern(state, "analysis.tile_margin", {ui::FormatMoney(state, g.Margin)});
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
                                  {ui::FormatPercent(c.Top1Share), ui::FormatPercent(c.Top5Share), ui::FormatDecimal(state, c.Herfindahl, 3),
                                   Number(state, std::round(c.EquivalentCustomers))});
    ui::MutedText(figures.c_str());
}

void DrawPareto(AppState& state, const AnalysisResult& r) {
    SectionHeading(state, "analysis.pareto");
    const ConcentrationResult& c = r.Concentration;
    std::string caption = Pattern(state, "analysis.pareto_caption", {ui::FormatPercent(c.Top20Share)});
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
        values.push_back(Number(state, g.Count) + " · " + ui::FormatMoney(state, g.Margin));
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
            ImGui::TextUnformatted(ui::FormatMoney(state, g.SimpleLtv / g.Count).c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(model ? ui::FormatMoney(state, g.Clv / g.Count).c_str() : "-");
        }
        ImGui::EndTable();
    }
    // Formulas, units and horizon: the simple LTV next to the model's CLV and why they differ.
    ImGui::Dummy(ui::EmVec(0, 0.3f));
    ui::Paragraph(Pattern(state, "analysis.ltv_formula", {Number(state, std::round(r.LtvMonths))}).c_str());
    ui::Paragraph(Pattern(state, "analysis.clv_formula", {Number(state, r.Settings.HorizonMonths), ui::FormatPercent(r.Settings.AnnualDiscountRate),
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

}  // namespace analysis_ui
