// Course: the graded case on real data (core/course/case.h), the unit's closing lesson. The
// learner chooses their own customers (when enough of them may be profiled) or the example shop,
// then plays the steps in order: the Pareto curve and the RFM table drawn with the analysis
// screen's charts, five customers to classify, a strategy for each (every choice shows what
// happens next), a group's LTV, the LTV against the acquisition cost, the persona against the
// data. Each step is recorded with the course progress when checked; the result closes the round.
//
// [SECTION] Data and helpers
// [SECTION] Steps
// [SECTION] Result
// [SECTION] Case screen
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include "app_state.h"
#include "course/case.h"
#include "course_parts.h"
#include "screens/analysis/analysis_parts.h"
#include "imgui.h"
#include "model/example_shop.h"
#include "persona/compare.h"
#include "privacy/privacy.h"
#include "text/numbers.h"
#include "ui/charts.h"
#include "ui/format.h"
#include "ui/icons.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace course_ui {

// ---- [SECTION] Data and helpers -------------------------------------------------------------------

namespace {

// Frames the page keeps scrolling down to Continue after Check: the feedback panels grow to their
// height over a few frames.
constexpr int kScrollDownFrames = 8;

std::string CFmt(const CourseView& v, const std::string& key, std::vector<std::string> args) {
    return profila::FormatText(CT(v, key), args);
}

std::string Fixed(double f, int decimals) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, f);
    return buf;
}

// Whole numbers without decimals, others with two (money, rates as the screen shows them).
std::string Amount(double f) { return std::fabs(f - std::round(f)) < 1e-9 ? Fixed(f, 0) : Fixed(f, 2); }
// Money in the app's pattern, sign in front ("-€ 440", "-440 €"), whole euros without cents.
std::string Money(const AppState& state, double f) { return ui::FormatMoney(state, f, true); }

const char* SegmentLabel(const AppState& state, profila::RfmSegment s) {
    return state.T((std::string("analysis.segment.") + profila::RfmSegmentCode(s)).c_str());
}
const char* SegmentLabel(const AppState& state, const std::string& code) { return state.T(("analysis.segment." + code).c_str()); }
const char* StatusLabel(const AppState& state, profila::RelationshipStatus s) {
    return state.T((std::string("course.practice.status.") + profila::StatusCode(s)).c_str());
}
const char* StrategyLabel(const AppState& state, profila::Strategy s) {
    return state.T((std::string("analysis.strategy.") + profila::StrategyCode(s)).c_str());
}

// A compared value in words: genders and weekdays have string keys (as on the Persona screen).
std::string PersonaValue(const AppState& state, profila::PersonaDetail d, const std::string& value) {
    std::string key = "persona.value." + value;
    if ((d == profila::PersonaDetail::Gender || d == profila::PersonaDetail::BuysWhen) && state.Strings.Has(key)) return state.T(key.c_str());
    return value;
}

profila::AnalysisSettings CaseSettings() {
    profila::AnalysisSettings settings;
    settings.AsOf = ui::Today();
    return settings;
}

// The customers who may be profiled (issue 18: those who object stay out of the case).
size_t ProfiledData(const AppState& state, profila::Workspace& out) {
    size_t left_out = profila::ProfilingInput(state.Doc.Data, out);
    if (left_out == 0) out = state.Doc.Data;
    return left_out;
}

void BuildOn(AppState& state, bool example) {
    CourseView& v = state.Course;
    profila::AnalysisSettings settings = CaseSettings();
    if (example) {
        profila::ExampleShopOptions options;
        options.AsOf = settings.AsOf;
        v.CaseData = profila::GenerateExampleShop(options).Shop;
        v.CaseLeftOut = 0;
    } else {
        v.CaseLeftOut = static_cast<int>(ProfiledData(state, v.CaseData));
    }
    const course::LessonProgress* lp = state.Doc.Progress.FindLesson(course::kCaseLessonId);
    v.Case = course::BuildCase(v.CaseData, settings, example, lp ? lp->Round : 1);
    v.CaseStatuses.assign(v.Case->Customers.size(), std::nullopt);
    v.CaseStrategies.assign(v.Case->Customers.size(), std::nullopt);
    v.CaseCustomer = 0;
    v.CasePick.clear();
    v.CaseNumber[0] = 0;
    v.CaseChecked = false;
    v.CaseStepStart = ImGui::GetTime();
}

// Records the step shown with its score and keeps its feedback on screen until Continue.
void CheckStep(AppState& state, const course::Lesson& lesson, const course::Answer& answer, double score) {
    CourseView& v = state.Course;
    const course::LessonProgress* lp = state.Doc.Progress.FindLesson(lesson.Id);
    v.CaseShownStep = lp ? lp->Current : 0;
    double seconds = std::round((ImGui::GetTime() - v.CaseStepStart) * 10) / 10;
    if (course::RecordScore(state.Doc.Progress, v.Unit, lesson, answer, score, seconds, Now())) MarkDirty(state);
    v.CaseScore = score;
    v.CaseChecked = true;
    v.CaseScroll = kScrollDownFrames;
}

void NextStep(CourseView& v) {
    v.CaseChecked = false;
    v.CaseScroll = 1;
    v.CasePick.clear();
    v.CaseNumber[0] = 0;
    v.CaseStepStart = ImGui::GetTime();
}

float ContentWidth() { return std::min(ImGui::GetContentRegionAvail().x, ui::Em(44.0f)); }

void Wrapped(const char* text) {
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + ContentWidth());
    ui::Paragraph(text);
    ImGui::PopTextWrapPos();
}

void Feedback(bool right, const std::string& text) {
    ui::StatusMessage(right ? ui::Tone::Good : ui::Tone::Warning, ((right ? ICON_CHECK "  " : ICON_TIMES "  ") + text).c_str());
}

bool CheckButton(const CourseView& v, bool enabled) {
    ImGui::Dummy(ui::EmVec(0, 0.3f));
    ImGui::BeginDisabled(!enabled);
    std::string label = std::string(ICON_CHECK "  ") + CT(v, "case.check") + "##case.check";
    bool pressed = ui::PrimaryButton(label.c_str(), ImVec2(0, ui::Em(2.8f)));
    ImGui::EndDisabled();
    return pressed && enabled;
}

// Continue; the first frame it shows after Check, the page scrolls down to it, so the feedback
// above it is in view.
bool ContinueButton(CourseView& v) {
    ImGui::Dummy(ui::EmVec(0, 0.3f));
    std::string label = std::string(CT(v, "case.next")) + "  " ICON_CHEVRON_R "##case.next";
    bool pressed = ui::PrimaryButton(label.c_str(), ImVec2(0, ui::Em(2.8f)));
    if (v.CaseScroll >= 2) {
        ImGui::SetScrollHereY(1.0f);
        if (--v.CaseScroll < 2) v.CaseScroll = 0;
    }
    return pressed;
}

// Options of a single-choice step as cards, one a row, spaced as the lesson player's; locked once checked.
void Options(CourseView& v, const std::vector<std::string>& ids, const std::vector<std::string>& texts) {
    float w = ContentWidth();
    for (size_t i = 0; i < ids.size(); ++i) {
        if (OptionCard(texts[i].c_str(), "case.option." + ids[i], v.CasePick == ids[i], false, w) && !v.CaseChecked) v.CasePick = ids[i];
    }
}

// The facts of a customer as the practice shows them.
std::string FactsText(const AppState& state, const course::PracticeCustomer& c, profila::Date as_of) {
    if (c.Facts.Occasions > 0)
        return Fmt(state, "course.practice.bought", {std::to_string(c.Facts.Occasions), profila::FormatIsoDate(c.Facts.Last),
                                                     std::to_string(c.Facts.DaysSinceLast(as_of)), std::to_string(c.Facts.OccasionsInActiveWindow)});
    return state.T(c.ShowedInterest || c.Facts.OtherRequests > 0 ? "course.practice.asked" : "course.practice.never");
}

std::string ReasonText(const AppState& state, const char* prefix, const profila::Reason& why) {
    std::vector<std::string> figures;
    for (int f = 0; f < why.FigureCount; ++f) figures.push_back(Amount(std::round(why.Figures[static_cast<size_t>(f)] * 100) / 100));
    return Fmt(state, (std::string(prefix) + why.Code).c_str(), figures);
}

// ---- [SECTION] Steps ------------------------------------------------------------------------------

void DrawParetoStep(AppState& state, const course::Lesson& lesson) {
    CourseView& v = state.Course;
    const course::CaseStudy& cs = *v.Case;
    std::vector<ui::CurvePoint> points;
    for (const profila::ParetoPoint& q : cs.Curve) points.push_back({static_cast<float>(q.CustomerShare), static_cast<float>(q.MarginShare)});
    float w = std::min(ImGui::GetContentRegionAvail().x, ui::Em(26.0f));
    ui::CurveChart("##case.pareto_chart", points, ImVec2(w, w * 0.62f), 0.2f, state.T("analysis.pareto_x"), state.T("analysis.pareto_y"));
    ImGui::Dummy(ui::EmVec(0, 0.3f));
    Wrapped(CT(v, "case.pareto.prompt"));
    std::vector<std::string> texts;
    for (const std::string& o : cs.Pareto.Options) texts.push_back(o + "%");
    Options(v, cs.Pareto.Options, texts);
    if (!v.CaseChecked) {
        if (CheckButton(v, !v.CasePick.empty())) {
            course::Answer a;
            a.Values = {v.CasePick};
            CheckStep(state, lesson, a, course::GradeCaseQuestion(cs.Pareto, v.CasePick));
        }
        return;
    }
    const std::string& right = cs.Pareto.Correct[0];
    const char* key = v.CaseScore >= 1 ? "case.pareto.right" : v.CasePick == "20" ? "case.pareto.wrong_x" : v.CasePick == "80" ? "case.pareto.wrong_rule" : "case.pareto.wrong";
    Feedback(v.CaseScore >= 1, CFmt(v, key, {right}));
}

void DrawRfmStep(AppState& state, const course::Lesson& lesson) {
    CourseView& v = state.Course;
    const course::CaseStudy& cs = *v.Case;
    std::vector<std::string> values;
    std::vector<ui::Bar> bars;
    for (int k = 1; k < profila::kRfmSegmentCount; ++k)
        values.push_back(std::to_string(cs.SegmentCounts[static_cast<size_t>(k)]) + " · " + ui::FormatMoney(state, cs.SegmentMargins[static_cast<size_t>(k)]));
    for (int k = 1; k < profila::kRfmSegmentCount; ++k)
        bars.push_back({SegmentLabel(state, static_cast<profila::RfmSegment>(k)), static_cast<float>(cs.SegmentCounts[static_cast<size_t>(k)]),
                        values[static_cast<size_t>(k - 1)].c_str(), 0});
    ui::BarChart("##case.rfm_chart", bars, std::min(ImGui::GetContentRegionAvail().x, ui::Em(40.0f)));
    ImGui::Dummy(ui::EmVec(0, 0.3f));
    Wrapped(CT(v, "case.rfm.prompt"));
    std::vector<std::string> texts;
    for (const std::string& o : cs.Rfm.Options) texts.push_back(SegmentLabel(state, o));
    Options(v, cs.Rfm.Options, texts);
    if (!v.CaseChecked) {
        if (CheckButton(v, !v.CasePick.empty())) {
            course::Answer a;
            a.Values = {v.CasePick};
            CheckStep(state, lesson, a, course::GradeCaseQuestion(cs.Rfm, v.CasePick));
        }
        return;
    }
    auto figure = [&](const std::string& id) {
        auto at = std::find(cs.Rfm.Options.begin(), cs.Rfm.Options.end(), id) - cs.Rfm.Options.begin();
        return std::to_string(static_cast<int>(cs.Rfm.Figures[static_cast<size_t>(at)]));
    };
    const std::string& right = cs.Rfm.Correct[0];
    if (v.CaseScore >= 1) Feedback(true, CFmt(v, "case.rfm.right", {SegmentLabel(state, v.CasePick), figure(v.CasePick)}));
    else Feedback(false, CFmt(v, "case.rfm.wrong", {SegmentLabel(state, v.CasePick), figure(v.CasePick), SegmentLabel(state, right), figure(right)}));
}

void DrawClassifyStep(AppState& state, const course::Lesson& lesson) {
    CourseView& v = state.Course;
    const course::CaseStudy& cs = *v.Case;
    profila::AnalysisSettings settings = CaseSettings();
    Wrapped(CFmt(v, "case.classify.prompt", {std::to_string(settings.ActiveWindowDays), std::to_string(settings.ActiveMinOccasions)}).c_str());
    const profila::RelationshipStatus kStatuses[] = {profila::RelationshipStatus::Current, profila::RelationshipStatus::Active,
                                                     profila::RelationshipStatus::Inactive, profila::RelationshipStatus::Potential,
                                                     profila::RelationshipStatus::Probable};
    std::vector<course::PracticeCustomer> base;
    for (const course::CaseCustomer& c : cs.Customers) base.push_back(c.Base);
    for (size_t i = 0; i < cs.Customers.size(); ++i) {
        const course::PracticeCustomer& c = cs.Customers[i].Base;
        ImGui::PushID(static_cast<int>(i));
        ui::BeginPanel("##case.customer", ImVec2(ContentWidth(), 0));
        ui::Heading(state.UiFonts.Heading, c.Name.c_str());
        ui::MutedText(FactsText(state, c, cs.AsOf).c_str());
        // Five buttons a row where they fit, else as many as fit.
        float avail = ImGui::GetContentRegionAvail().x, gap = ImGui::GetStyle().ItemSpacing.x;
        float bw = std::min(ui::Em(8.2f), (avail - 4 * gap) / 5);
        bool wrap = bw < ui::Em(6.0f);
        if (wrap) bw = (avail - 2 * gap) / 3;
        for (size_t s = 0; s < 5; ++s) {
            const char* code = profila::StatusCode(kStatuses[s]);
            std::string label = std::string(StatusLabel(state, kStatuses[s])) + "##case.status." + std::to_string(i) + "." + code;
            if (s && !(wrap && s == 3)) ImGui::SameLine();
            bool selected = v.CaseStatuses[i] == kStatuses[s];
            if (ui::ChoiceButton(label.c_str(), selected, ImVec2(bw, ui::Em(2.6f))) && !v.CaseChecked) v.CaseStatuses[i] = kStatuses[s];
        }
        if (v.CaseChecked) {
            bool match = v.CaseStatuses[i] == c.Profila.Value;
            Feedback(match, Fmt(state, "course.practice.profila_says", {StatusLabel(state, c.Profila.Value)}));
            ImGui::PushStyleColor(ImGuiCol_Text, ui::Colors().Muted);
            ui::Paragraph(ReasonText(state, "course.practice.reason.", c.Profila.Why).c_str());
            ImGui::PopStyleColor();
        }
        ui::EndPanel();
        ImGui::PopID();
        ImGui::Dummy(ui::EmVec(0, 0.15f));
    }
    if (!v.CaseChecked) {
        bool all = std::all_of(v.CaseStatuses.begin(), v.CaseStatuses.end(), [](const auto& s) { return s.has_value(); });
        if (CheckButton(v, all)) {
            course::Answer a;
            for (const auto& s : v.CaseStatuses) a.Values.push_back(s ? profila::StatusCode(*s) : "");
            CheckStep(state, lesson, a, course::GradePractice(base, v.CaseStatuses).Score);
        }
        return;
    }
    course::PracticeGrade g = course::GradePractice(base, v.CaseStatuses);
    ui::Heading(state.UiFonts.Heading, CFmt(v, "case.classify.score", {std::to_string(g.Right), std::to_string(base.size())}).c_str());
}

// One customer at a time: choose, see what happens next, go on to the next customer; the step is
// recorded after the last one.
void DrawStrategyStep(AppState& state, const course::Lesson& lesson) {
    CourseView& v = state.Course;
    const course::CaseStudy& cs = *v.Case;
    if (cs.Customers.empty()) return;
    if (v.CaseChecked) {
        ui::Heading(state.UiFonts.Heading, CFmt(v, "case.classify.score", {std::to_string(static_cast<int>(std::lround(v.CaseScore * cs.Customers.size()))),
                                                                           std::to_string(cs.Customers.size())}).c_str());
        return;
    }
    size_t i = static_cast<size_t>(std::clamp(v.CaseCustomer, 0, static_cast<int>(cs.Customers.size()) - 1));
    const course::CaseCustomer& c = cs.Customers[i];
    ImGui::PushID(static_cast<int>(i));
    ui::BeginPanel("##case.strategy_customer", ImVec2(ContentWidth(), 0));
    ui::Heading(state.UiFonts.Heading, CFmt(v, "case.strategy.prompt", {std::to_string(i + 1), std::to_string(cs.Customers.size()), c.Base.Name}).c_str());
    ui::MutedText(FactsText(state, c.Base, cs.AsOf).c_str());
    std::string segment = c.Segment == profila::RfmSegment::None ? state.T("analysis.segment.none") : SegmentLabel(state, c.Segment);
    ui::MutedText(CFmt(v, "case.strategy.facts", {segment, Money(state, std::round(c.Base.Facts.Margin)), StatusLabel(state, c.Base.Profila.Value)}).c_str());
    ui::EndPanel();
    ImGui::Dummy(ui::EmVec(0, 0.2f));
    float w = ContentWidth();
    const std::optional<profila::Strategy>& chosen = v.CaseStrategies[i];
    for (profila::Strategy s : c.Choices) {
        if (OptionCard(StrategyLabel(state, s), std::string("case.strategy.") + profila::StrategyCode(s), chosen == s, false, w) && !chosen) {
            v.CaseStrategies[i] = s;
            v.CaseScroll = kScrollDownFrames;
        }
    }
    if (chosen) {
        course::CaseOutcome o = course::StrategyOutcome(c, *chosen);
        ImGui::Dummy(ui::EmVec(0, 0.2f));
        Wrapped(CT(v, o.ConsequenceKey));
        Feedback(o.Right, CFmt(v, o.Right ? "case.strategy.right" : "case.strategy.wrong", {StrategyLabel(state, c.Suggested.Value)}));
        ImGui::PushStyleColor(ImGuiCol_Text, ui::Colors().Muted);
        // Worded as the Analysis screen words it (money as money, in the reader's convention).
        Wrapped(CFmt(v, "case.strategy.why", {analysis_ui::ReasonText(state, c.Suggested.Why)}).c_str());
        ImGui::PopStyleColor();
        if (ContinueButton(v)) {
            if (i + 1 < cs.Customers.size()) {
                ++v.CaseCustomer;
                v.CaseScroll = 1;
            } else {
                course::Answer a;
                for (const auto& s : v.CaseStrategies) a.Values.push_back(s ? profila::StrategyCode(*s) : "");
                CheckStep(state, lesson, a, course::GradeStrategies(cs.Customers, v.CaseStrategies));
                NextStep(v);  // the consequences were the feedback: straight on to the next step
            }
        }
    }
    ImGui::PopID();
}

// A number typed for the LTV or cost step.
bool NumberField(CourseView& v, double* out) {
    ImGui::SetNextItemWidth(ui::Em(10.0f));
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(ui::Em(0.6f), ui::Em(0.55f)));
    ImGuiInputTextFlags flags = ImGuiInputTextFlags_CharsDecimal | (v.CaseChecked ? ImGuiInputTextFlags_ReadOnly : 0);
    ImGui::InputText("##case.number", v.CaseNumber, sizeof v.CaseNumber, flags);
    ImGui::PopStyleVar();
    std::optional<double> typed = profila::ParseNumber(v.CaseNumber, false);
    if (typed) *out = *typed;
    return typed.has_value();
}

// The number field and its Check button; once checked, the grade of what was typed (nullopt before).
std::optional<course::CaseNumberGrade> NumberAnswer(AppState& state, const course::Lesson& lesson,
                                                    course::CaseNumberGrade (*grade)(const course::CaseLtv&, double), double* typed) {
    CourseView& v = state.Course;
    const course::CaseLtv& l = v.Case->Ltv;
    bool valid = NumberField(v, typed);
    if (v.CaseChecked) return grade(l, *typed);
    if (CheckButton(v, valid)) {
        course::Answer a;
        a.Number = *typed;
        CheckStep(state, lesson, a, grade(l, *typed).Score);
    }
    return std::nullopt;
}

void DrawLtvStep(AppState& state, const course::Lesson& lesson) {
    CourseView& v = state.Course;
    const course::CaseLtv& l = v.Case->Ltv;
    Wrapped(CFmt(v, "case.ltv.prompt", {std::to_string(l.Customers), SegmentLabel(state, l.Segment), Fixed(l.S, 2), Fixed(l.C, 2),
                                        ui::FormatPercent(l.P), Fixed(l.Years, 1)}).c_str());
    double typed = 0;
    std::optional<course::CaseNumberGrade> checked = NumberAnswer(state, lesson, course::GradeCaseLtv, &typed);
    if (!checked) return;
    const course::CaseNumberGrade& g = *checked;
    Feedback(g.Score >= 1, CFmt(v, "case.ltv.result", {Money(state, g.Expected), Money(state, typed), Fixed(l.S, 2), Fixed(l.C, 2), Fixed(l.P, 2), Amount(l.Years * 12)}));
    if (!g.Slip.empty())
        ui::StatusMessage(ui::Tone::Info, CFmt(v, "case.ltv.slip." + g.Slip, {Fixed(l.P * 100, 0), Fixed(l.P, 2)}).c_str());
}

void DrawCostStep(AppState& state, const course::Lesson& lesson) {
    CourseView& v = state.Course;
    const course::CaseLtv& l = v.Case->Ltv;
    Wrapped(CFmt(v, "case.cost.prompt", {Money(state, l.Cost), Money(state, l.ShownValue())}).c_str());
    double typed = 0;
    std::optional<course::CaseNumberGrade> checked = NumberAnswer(state, lesson, course::GradeCaseCost, &typed);
    if (!checked) return;
    const course::CaseNumberGrade& g = *checked;
    Feedback(g.Score >= 1, CFmt(v, "case.cost.result", {Money(state, l.ShownValue()), Money(state, l.Cost), Money(state, g.Expected), Money(state, typed)}));
    if (!g.Slip.empty()) ui::StatusMessage(ui::Tone::Info, CT(v, "case.cost.slip." + g.Slip));
    Wrapped(CT(v, g.Expected > 0 ? "case.cost.worth" : "case.cost.not_worth"));
}

void DrawPersonaStep(AppState& state, const course::Lesson& lesson) {
    CourseView& v = state.Course;
    int at = course::PickCasePersona(state.Doc.Personas);
    const profila::Persona* persona = at >= 0 ? &state.Doc.Personas[static_cast<size_t>(at)] : nullptr;
    std::string missing = course::PersonaNotReady(persona);
    if (!missing.empty() && !v.CaseChecked) {
        std::string name = persona ? persona->Name : "";
        ui::StatusMessage(ui::Tone::Info, CFmt(v, "case.persona.missing." + missing, {name}).c_str());
        ImGui::Dummy(ui::EmVec(0, 0.2f));
        std::string open = std::string(ICON_USERS "  ") + CT(v, "case.persona.open") + "##case.persona_open";
        if (ui::PrimaryButton(open.c_str(), ImVec2(0, ui::Em(2.8f)))) state.Current = Screen::Persona;
        ImGui::SameLine();
        std::string skip = std::string(CT(v, "case.skip")) + "##case.skip";
        if (ui::SecondaryButton(skip.c_str(), ImVec2(0, ui::Em(2.8f)))) {
            course::Answer a;
            a.Values = {"none"};
            CheckStep(state, lesson, a, 0.0);
            NextStep(v);
        }
        return;
    }
    if (!persona) return;
    profila::PersonaComparison cmp = profila::ComparePersonaWithCustomers(*persona, v.CaseData, v.Case->AsOf);
    Wrapped(CFmt(v, "case.persona.prompt", {persona->Name, ui::FormatPercent(cmp.TopRevenueShare)}).c_str());
    ui::MutedText(CFmt(v, "case.persona.top", {std::to_string(cmp.TopCustomers)}).c_str());
    float w = ContentWidth();
    if (ImGui::BeginTable("##case.persona_table", 4, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp, ImVec2(w, 0))) {
        ImGui::TableSetupColumn(CT(v, "case.persona.detail"), ImGuiTableColumnFlags_WidthStretch, 1.0f);
        ImGui::TableSetupColumn(CT(v, "case.persona.says"), ImGuiTableColumnFlags_WidthStretch, 1.0f);
        ImGui::TableSetupColumn(CT(v, "case.persona.best"), ImGuiTableColumnFlags_WidthStretch, 1.0f);
        ImGui::TableSetupColumn(CT(v, "case.persona.share"), ImGuiTableColumnFlags_WidthStretch, 0.8f);
        ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
        for (int c = 0; c < 4; ++c) {
            ImGui::TableSetColumnIndex(c);
            ImGui::PushStyleColor(ImGuiCol_Text, ui::Colors().Muted);
            ImGui::PushTextWrapPos(0.0f);
            ImGui::TextUnformatted(ImGui::TableGetColumnName(c));
            ImGui::PopTextWrapPos();
            ImGui::PopStyleColor();
        }
        for (const profila::DetailComparison& d : cmp.Details) {
            if (d.Verdict == profila::PersonaVerdict::NoData || d.Verdict == profila::PersonaVerdict::PersonaEmpty) continue;
            std::string says;
            // Shown as the persona and the cards write them ("Bologna"); the lower-case forms are for matching only.
            for (const std::string& s : d.PersonaShown) says += (says.empty() ? "" : ", ") + PersonaValue(state, d.Detail, s);
            ImGui::TableNextRow();
            ImGui::TableSetColumnIndex(0);
            ImGui::PushTextWrapPos(0.0f);
            ImGui::TextUnformatted(state.T((std::string("persona.detail.") + profila::PersonaDetailKey(d.Detail)).c_str()));
            ImGui::TableSetColumnIndex(1);
            ImGui::TextUnformatted(says.c_str());
            ImGui::TableSetColumnIndex(2);
            ImGui::TextUnformatted(PersonaValue(state, d.Detail, d.MostCommonTopShown).c_str());
            ImGui::TableSetColumnIndex(3);
            ImGui::TextUnformatted(ui::FormatPercent(d.PersonaShareTop).c_str());
            ImGui::PopTextWrapPos();
        }
        ImGui::EndTable();
    }
    ImGui::Dummy(ui::EmVec(0, 0.3f));
    std::vector<std::string> ids, texts;
    for (const char* k : course::kPersonaVerdicts) {
        ids.push_back(k);
        texts.push_back(CT(v, std::string("case.persona.") + k));
    }
    Options(v, ids, texts);
    std::string key = course::PersonaHoldsKey(cmp);
    if (!v.CaseChecked) {
        if (CheckButton(v, !v.CasePick.empty())) {
            course::Answer a;
            a.Values = {v.CasePick};
            CheckStep(state, lesson, a, v.CasePick == key ? 1.0 : 0.0);
        }
        return;
    }
    Feedback(v.CaseScore >= 1, CT(v, "case.persona." + key));
    Wrapped(CT(v, "case.persona.why." + key));
}

// ---- [SECTION] Result -----------------------------------------------------------------------------

void DrawCaseResult(AppState& state, const course::Lesson& lesson, const course::LessonProgress& lp) {
    CourseView& v = state.Course;
    const course::LessonRun& run = lp.Runs.back();
    ui::Heading(state.UiFonts.Heading, CT(v, "case.result.title"));
    ui::StatusMessage(run.Passed ? ui::Tone::Good : ui::Tone::Warning,
                      (CFmt(v, "case.result.score", {ui::FormatPercent(run.Score)}) + "  " + CT(v, run.Passed ? "case.result.passed" : "case.result.not_passed") +
                       " " + Fmt(state, "course.results.pass_mark", {ui::FormatPercent(v.Unit.PassMark)})).c_str());
    ImGui::Dummy(ui::EmVec(0, 0.3f));
    if (ImGui::BeginTable("##case.result_table", 2, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH, ImVec2(ContentWidth(), 0))) {
        ImGui::TableSetupColumn("##concept", ImGuiTableColumnFlags_WidthStretch);
        ImGui::TableSetupColumn("##score", ImGuiTableColumnFlags_WidthFixed, ui::Em(5.0f));
        for (const course::Item& item : lesson.Items) {
            double score = 0.0;
            for (const course::Attempt& a : state.Doc.Progress.Attempts)
                if (a.ItemId == item.Id && a.Round == run.Round) score = a.Score;
            ImGui::TableNextRow();
            ImGui::TableSetColumnIndex(0);
            ImGui::PushStyleColor(ImGuiCol_Text, MarkColor(score >= 1 ? course::Mark::Right : course::Mark::Wrong));
            ImGui::TextUnformatted(MarkIcon(score >= 1 ? course::Mark::Right : course::Mark::Wrong));
            ImGui::PopStyleColor();
            ImGui::SameLine();
            ImGui::PushTextWrapPos(0.0f);
            ImGui::TextUnformatted(CT(v, lesson.Id + ".concept." + item.Concept));
            ImGui::PopTextWrapPos();
            ImGui::TableSetColumnIndex(1);
            ImGui::TextUnformatted(ui::FormatPercent(score).c_str());
        }
        ImGui::EndTable();
    }
    ImGui::Dummy(ui::EmVec(0, 0.4f));
    std::string again = std::string(ICON_REDO "  ") + CT(v, "case.result.again") + "##case.again";
    if (ui::PrimaryButton(again.c_str(), ImVec2(0, ui::Em(2.8f)))) {
        course::RetryLesson(state.Doc.Progress, lesson);
        MarkDirty(state);
        v.Case.reset();
        v.CaseChecked = false;
    }
}

}  // namespace

// ---- [SECTION] Case screen ------------------------------------------------------------------------

void DrawCase(AppState& state, const course::Lesson& lesson) {
    CourseView& v = state.Course;
    std::string back = std::string(ICON_CHEVRON_L "  ") + state.T("course.lessons") + "##course.back";
    if (ui::SecondaryButton(back.c_str(), ImVec2(0, ui::Em(2.6f)))) {
        v.OpenLesson.clear();
        v.CaseChecked = false;
        return;
    }
    if (v.CaseScroll == 1) {
        ImGui::SetScrollY(0.0f);
        v.CaseScroll = 0;
    }
    ui::Heading(state.UiFonts.Title, CT(v, lesson.Id + ".title"));
    const course::LessonProgress* lp = state.Doc.Progress.FindLesson(lesson.Id);
    if (lp && lp->Finished && !lp->Runs.empty() && !v.CaseChecked) {
        DrawCaseResult(state, lesson, *lp);
        return;
    }
    std::vector<const course::Item*> items = course::RoundItems(lesson, lp ? lp->Round : 1);
    if (!v.Case) {
        // Their own customers when enough of them may be profiled, else the example shop.
        profila::Workspace own;
        size_t left_out = ProfiledData(state, own);
        int buyers = course::CountBuyers(own, CaseSettings());
        if (buyers < course::kCaseMinBuyers) {
            BuildOn(state, true);
            if (buyers > 0) v.CaseNote = CFmt(v, "case.source.only_example", {std::to_string(course::kCaseMinBuyers), std::to_string(buyers)});
            else v.CaseNote.clear();
        } else {
            ui::Heading(state.UiFonts.Heading, CT(v, "case.source.title"));
            Wrapped(CFmt(v, "case.source.help", {std::to_string(buyers)}).c_str());
            if (left_out > 0) ui::MutedText(CFmt(v, "case.source.left_out", {std::to_string(left_out)}).c_str());
            ImGui::Dummy(ui::EmVec(0, 0.3f));
            std::string own_label = std::string(ICON_USERS "  ") + CT(v, "case.source.own") + "##case.own";
            bool use_own = ui::PrimaryButton(own_label.c_str(), ImVec2(0, ui::Em(2.8f)));
            ImGui::SameLine();
            std::string ex_label = std::string(CT(v, "case.source.example")) + "##case.example";
            bool use_example = ui::SecondaryButton(ex_label.c_str(), ImVec2(0, ui::Em(2.8f)));
            if (use_own || use_example) {
                BuildOn(state, use_example);
                v.CaseNote.clear();
            }
            return;
        }
    }
    const course::CaseStudy& cs = *v.Case;
    int step = v.CaseChecked ? v.CaseShownStep : lp ? lp->Current : 0;
    if (step < 0 || step >= static_cast<int>(items.size())) return;
    const course::Item& item = *items[static_cast<size_t>(step)];
    ui::MutedText((CFmt(v, "case.step", {std::to_string(step + 1), std::to_string(items.size())}) + "  ·  " +
                   CFmt(v, cs.Example ? "case.data.example" : "case.data.own", {std::to_string(v.CaseData.Customers.size()), std::to_string(cs.Buyers)}))
                      .c_str());
    if (!v.CaseNote.empty()) ui::MutedText(v.CaseNote.c_str());
    if (!cs.Example && v.CaseLeftOut > 0) ui::MutedText(CFmt(v, "case.source.left_out", {std::to_string(v.CaseLeftOut)}).c_str());
    ImGui::Dummy(ui::EmVec(0, 0.2f));
    ui::Heading(state.UiFonts.Heading, CT(v, "case." + item.Concept + ".title"));
    if (item.Concept == "pareto") DrawParetoStep(state, lesson);
    else if (item.Concept == "rfm") DrawRfmStep(state, lesson);
    else if (item.Concept == "classify") DrawClassifyStep(state, lesson);
    else if (item.Concept == "strategy") DrawStrategyStep(state, lesson);
    else if (item.Concept == "ltv") DrawLtvStep(state, lesson);
    else if (item.Concept == "cost") DrawCostStep(state, lesson);
    else if (item.Concept == "persona") DrawPersonaStep(state, lesson);
    if (v.CaseChecked && ContinueButton(v)) NextStep(v);
}

}  // namespace course_ui
