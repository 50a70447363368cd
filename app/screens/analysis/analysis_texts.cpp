// Analysis: reason codes and figures turned into sentences in the user's language, and the names
// of statuses, segments and strategies.

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

// ---- [SECTION] Texts -----------------------------------------------------------------------------

std::string Fmt(const char* fmt, double value) {
    char buf[64];
    std::snprintf(buf, sizeof buf, fmt, value);
    return buf;
}

std::string Number(const AppState& state, double v) {
    return ui::FormatDecimal(state, v, std::abs(v - std::round(v)) < 1e-9 ? 0 : 1);
}

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
        {"model.unreliable", "nnrn"},  {"spend.unreliable", "nr"},     {"spend.identical", "m"},
        {"caveat.se", "Ppp"},          {"caveat.bound", "Pr"},
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
            case 'm': args.push_back(ui::FormatMoney(state, f)); break;
            case 'p': args.push_back(ui::FormatPercent(f)); break;
            case 'r': args.push_back(ui::FormatDecimal(state, f, 2)); break;
            case 'x': args.push_back(ui::FormatDecimal(state, f, 1)); break;
            case 'P': {  // a model parameter, by its index (ModelParam)
                static const char* const names[] = {"r", "alpha", "a", "b", "p", "q", "gamma"};
                args.push_back(names[std::clamp(static_cast<int>(f), 0, 6)]);
                break;
            }
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
    return index < AnalysisInput(state).Customers.size() ? &AnalysisInput(state).Customers[index] : nullptr;
}

std::string DisplayName(const Customer& c) {
    if (!c.Name.empty() && !c.Company.empty()) return c.Name + " (" + c.Company + ")";
    if (!c.Company.empty()) return c.Company;
    if (!c.Name.empty()) return c.Name;
    return c.Id;
}

}  // namespace analysis_ui
