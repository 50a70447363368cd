// The graded case on real data: building it from a workspace with the analysis's own rules, and
// grading each step with its reasons (see case.h).
#include "course/case.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <set>

#include "analysis/facts.h"
#include "analysis/ltv.h"
#include "analysis/run.h"
#include "text/hash.h"

namespace profila::course {

namespace {

// SplitMix64, as the course's shuffles: the same case on every platform.
uint64_t Mix(uint64_t& state) {
    uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

double Round(double v, int decimals) {
    double f = std::pow(10.0, decimals);
    return std::round(v * f) / f;
}

const char* kItems[] = {"pareto", "rfm", "classify", "strategy", "ltv", "cost", "persona"};

// The strategies a learner mixes up with each one (shared/DOMAIN.md section 3): the two offered
// beside the right one.
std::array<Strategy, 2> Confusions(Strategy s) {
    switch (s) {
        case Strategy::Start: return {Strategy::Enhance, Strategy::Harvest};
        case Strategy::Protect: return {Strategy::Enhance, Strategy::Harvest};
        case Strategy::Reengineer: return {Strategy::End, Strategy::Harvest};
        case Strategy::Enhance: return {Strategy::Protect, Strategy::Start};
        case Strategy::Harvest: return {Strategy::Protect, Strategy::Enhance};
        case Strategy::End: return {Strategy::Regain, Strategy::Reengineer};
        case Strategy::Regain: return {Strategy::End, Strategy::Protect};
    }
    return {Strategy::Protect, Strategy::Harvest};
}

// The Pareto question: the right whole percent and three readings a learner confuses it with (the
// 20% of the x axis, the 80/20 rule by heart, the rest of the margin), all at least 5 points off.
CaseQuestion ParetoQuestion(double top20) {
    int right = static_cast<int>(std::lround(top20 * 100.0));
    std::vector<int> picked{right};
    for (int c : {20, 80, 100 - right, 50, right / 2, right + 15, right - 15, 95, 5}) {
        if (picked.size() == 4) break;
        if (c < 1 || c > 99) continue;
        bool far = std::all_of(picked.begin(), picked.end(), [&](int p) { return std::abs(p - c) >= 5; });
        if (far) picked.push_back(c);
    }
    std::sort(picked.begin(), picked.end());
    CaseQuestion q;
    for (int p : picked) {
        q.Options.push_back(std::to_string(p));
        q.Figures.push_back(p);
    }
    q.Correct = {std::to_string(right)};
    return q;
}

// The RFM question: the four largest segments, shown in the table's order; the largest is right
// (all of them when tied).
CaseQuestion RfmQuestion(const std::array<int, kRfmSegmentCount>& counts) {
    std::vector<int> order;
    for (int k = 1; k < kRfmSegmentCount; ++k)
        if (counts[static_cast<size_t>(k)] > 0) order.push_back(k);
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return counts[static_cast<size_t>(a)] > counts[static_cast<size_t>(b)]; });
    if (order.size() > 4) order.resize(4);
    CaseQuestion q;
    if (order.empty()) return q;
    int most = counts[static_cast<size_t>(order[0])];
    std::sort(order.begin(), order.end());
    for (int k : order) {
        q.Options.push_back(RfmSegmentCode(static_cast<RfmSegment>(k)));
        q.Figures.push_back(counts[static_cast<size_t>(k)]);
        if (counts[static_cast<size_t>(k)] == most) q.Correct.push_back(q.Options.back());
    }
    return q;
}

CaseNumberGrade GradeNumber(double expected, double typed, const std::vector<std::pair<const char*, double>>& slips) {
    CaseNumberGrade g;
    g.Expected = expected;
    auto near = [](double a, double b, double share) { return std::fabs(a - b) <= std::max(1.0, share * std::fabs(b)); };
    if (near(typed, expected, 0.01)) g.Score = 1.0;
    else if (near(typed, expected, 0.02)) g.Score = 0.5;
    else
        for (const auto& [code, value] : slips)
            if (near(typed, value, 0.01)) {
                g.Slip = code;
                break;
            }
    return g;
}

}  // namespace

Lesson CaseLesson() {
    Lesson l;
    l.Id = kCaseLessonId;
    l.Minutes = 10;
    l.KeepOrder = true;
    const ItemType types[] = {ItemType::Single, ItemType::Single, ItemType::Sort, ItemType::Scenario,
                              ItemType::Numeric, ItemType::Numeric, ItemType::Task};
    for (size_t k = 0; k < std::size(kItems); ++k) {
        Item item;
        item.Id = std::string(kCaseLessonId) + "." + kItems[k];
        item.Type = types[k];
        item.Concept = kItems[k];
        l.Items.push_back(item);
        l.Concepts.push_back({kItems[k], ""});
    }
    return l;
}

std::vector<std::string> CaseTextKeys() {
    std::vector<std::string> keys = TextKeys(CaseLesson());
    for (const char* k :
         {"source.title", "source.help", "source.own", "source.example", "source.only_example", "source.left_out",
          "data.example", "data.own", "step", "check", "next", "skip",
          "pareto.title", "pareto.prompt", "pareto.right", "pareto.wrong_x", "pareto.wrong_rule", "pareto.wrong",
          "rfm.title", "rfm.prompt", "rfm.count", "rfm.right", "rfm.wrong",
          "classify.title", "classify.prompt", "classify.score",
          "strategy.title", "strategy.prompt", "strategy.facts", "strategy.right", "strategy.wrong", "strategy.why",
          "ltv.title", "ltv.prompt", "ltv.result", "ltv.slip.x12", "ltv.slip.pct", "ltv.slip.nop",
          "cost.title", "cost.prompt", "cost.result", "cost.worth", "cost.not_worth", "cost.slip.add", "cost.slip.nocost",
          "persona.title", "persona.prompt", "persona.open", "persona.missing.none", "persona.missing.drawn",
          "persona.missing.details", "persona.missing.marks", "persona.detail", "persona.says", "persona.best",
          "persona.share", "persona.top", "persona.holds", "persona.partly", "persona.differs", "persona.nodata",
          "persona.why.holds", "persona.why.partly", "persona.why.differs", "persona.why.nodata",
          "result.title", "result.score", "result.again", "result.passed", "result.not_passed"})
        keys.push_back(std::string(kCaseLessonId) + "." + k);
    for (const char* s : {"start_lead", "start_new", "protect", "reengineer", "reengineer_loss", "enhance", "harvest", "end_loss",
                          "end_inactive", "regain", "regain_slipping"})
        keys.push_back(std::string(kCaseLessonId) + ".outcome." + s);
    for (int s = 0; s < kStrategyCount; ++s) keys.push_back(std::string(kCaseLessonId) + ".outcome.wrong." + StrategyCode(static_cast<Strategy>(s)));
    return keys;
}

int CountBuyers(const Workspace& data, const AnalysisSettings& settings) {
    int n = 0;
    for (const Customer& c : data.Customers) n += SummarizeCustomer(c, settings).Occasions > 0 ? 1 : 0;
    return n;
}

double CaseLtv::ShownValue() const { return std::round(Value()); }

CaseStudy BuildCase(const Workspace& data, const AnalysisSettings& settings, bool example, int round) {
    CaseStudy cs;
    cs.Example = example;
    cs.AsOf = settings.AsOf;
    AnalysisResult r = RunAnalysis(data, settings);
    cs.Buyers = r.Base.Buyers;
    cs.Curve = r.Concentration.Curve;
    cs.Top20Share = r.Concentration.Top20Share;
    for (int k = 0; k < kRfmSegmentCount; ++k) {
        cs.SegmentCounts[static_cast<size_t>(k)] = r.BySegment[static_cast<size_t>(k)].Count;
        cs.SegmentMargins[static_cast<size_t>(k)] = r.BySegment[static_cast<size_t>(k)].Margin;
    }
    cs.Pareto = ParetoQuestion(cs.Top20Share);
    cs.Rfm = RfmQuestion(cs.SegmentCounts);

    // Five customers over the statuses: a draw from the data's own hash, with at least four
    // statuses (or all there are), at most two of one status and, when all five exist, never one
    // of each (elimination across the five would then give the last answer away).
    std::vector<std::vector<size_t>> by_status(kStatusCount);
    std::vector<size_t> sorted(data.Customers.size());
    for (size_t i = 0; i < sorted.size(); ++i) sorted[i] = i;
    std::sort(sorted.begin(), sorted.end(), [&](size_t a, size_t b) { return data.Customers[a].Id < data.Customers[b].Id; });
    uint64_t seed = kFnv1a64Basis;
    for (size_t i : sorted) {
        by_status[static_cast<size_t>(r.Rows[i].Status)].push_back(i);
        seed = Fnv1a64Bytes(seed, data.Customers[i].Id);
    }
    seed ^= static_cast<uint64_t>(std::max(round, 1) - 1) * 0x9E3779B97F4A7C15ull;
    std::vector<size_t> statuses;
    for (size_t s = 0; s < by_status.size(); ++s)
        if (!by_status[s].empty()) statuses.push_back(s);
    size_t total = data.Customers.size();
    size_t count = std::min(kCaseCustomers, total);
    std::vector<size_t> picked;
    if (!statuses.empty()) {
        size_t want_distinct = std::min<size_t>(4, statuses.size());
        for (uint64_t attempt = 0; attempt < 256; ++attempt) {
            uint64_t state = seed + attempt * 7919;
            std::vector<size_t> slots;
            std::vector<size_t> used(kStatusCount, 0);
            for (size_t k = 0; k < count; ++k) {
                // Only statuses with customers left to draw.
                std::vector<size_t> open;
                for (size_t s : statuses)
                    if (used[s] < by_status[s].size()) open.push_back(s);
                size_t s = open[static_cast<size_t>(Mix(state) % open.size())];
                slots.push_back(s);
                ++used[s];
            }
            std::set<size_t> distinct(slots.begin(), slots.end());
            bool last = attempt == 255;
            if (!last && distinct.size() < want_distinct) continue;
            bool crowded = false;
            for (size_t s : distinct) crowded = crowded || std::count(slots.begin(), slots.end(), s) > 2;
            if (!last && crowded && statuses.size() >= 3) continue;
            if (!last && distinct.size() == kCaseCustomers && statuses.size() == kStatusCount) continue;
            std::sort(slots.begin(), slots.end());
            std::vector<size_t> taken(kStatusCount, 0);
            for (size_t s : slots) {
                const std::vector<size_t>& group = by_status[s];
                // Spread within the group: the k-th drawn of a status comes from the k-th part of it.
                size_t part = group.size() / std::max<size_t>(1, static_cast<size_t>(std::count(slots.begin(), slots.end(), s)));
                size_t at = taken[s] * part + static_cast<size_t>(Mix(state) % std::max<size_t>(1, part));
                picked.push_back(group[std::min(at, group.size() - 1)]);
                ++taken[s];
            }
            break;
        }
    }
    // Shown in a shuffled order, so the statuses do not come grouped.
    uint64_t order_state = seed ^ 0xC0FFEEull;
    for (size_t i = picked.size(); i > 1; --i) std::swap(picked[i - 1], picked[static_cast<size_t>(Mix(order_state) % i)]);
    for (size_t i : picked) {
        const Customer& c = data.Customers[i];
        CaseCustomer cc;
        cc.Index = i;
        cc.Base.Id = c.Id;
        cc.Base.Name = !c.Name.empty() ? c.Name : !c.Company.empty() ? c.Company : c.Id;
        cc.Base.Facts = r.Facts[i];
        cc.Base.ShowedInterest = c.ShowedInterest;
        cc.Base.Profila = ClassifyRelationship(c, r.Facts[i], settings);
        cc.Segment = r.Rows[i].Rfm.Segment;
        cc.Abc = r.Rows[i].Abc;
        cc.Suggested = SuggestedStrategy(r, i);
        std::array<Strategy, 2> other = Confusions(cc.Suggested.Value);
        cc.Choices = {cc.Suggested.Value, other[0], other[1]};
        uint64_t st = Fnv1a64Bytes(kFnv1a64Basis, c.Id);
        for (size_t k = cc.Choices.size(); k > 1; --k) std::swap(cc.Choices[k - 1], cc.Choices[static_cast<size_t>(Mix(st) % k)]);
        cs.Customers.push_back(std::move(cc));
    }

    // The LTV group: the buyers of the largest segment, their mean S, C, P, and t, rounded as shown.
    if (!cs.Rfm.Correct.empty()) {
        RfmSegment seg = RfmSegment::None;
        for (int k = 1; k < kRfmSegmentCount; ++k)
            if (cs.Rfm.Correct[0] == RfmSegmentCode(static_cast<RfmSegment>(k))) seg = static_cast<RfmSegment>(k);
        CaseLtv& l = cs.Ltv;
        l.Segment = seg;
        for (size_t i = 0; i < data.Customers.size(); ++i) {
            if (r.Rows[i].Rfm.Segment != seg || r.Facts[i].Occasions == 0) continue;
            SimpleLtvTerms t = SimpleLtvFor(r.Facts[i], r.LtvMonths, settings);
            l.S += t.S;
            l.C += t.C;
            l.P += t.P;
            ++l.Customers;
        }
        if (l.Customers > 0) {
            l.S = Round(l.S / l.Customers, 2);
            l.C = Round(l.C / l.Customers, 2);
            l.P = Round(l.P / l.Customers, 2);
            l.Years = Round(r.LtvMonths / 12.0, 1);
            // The cost of winning one: below the LTV or above it, drawn from the data's hash.
            const double factors[] = {0.35, 0.6, 1.4, 2.0};
            uint64_t cost_state = seed ^ 0xA11CEull;
            l.Cost = std::max(1.0, std::round(l.ShownValue() * factors[Mix(cost_state) % 4]));
        }
    }
    return cs;
}

double GradeCaseQuestion(const CaseQuestion& q, const std::string& picked) {
    return std::find(q.Correct.begin(), q.Correct.end(), picked) != q.Correct.end() ? 1.0 : 0.0;
}

CaseOutcome StrategyOutcome(const CaseCustomer& customer, Strategy chosen) {
    CaseOutcome o;
    o.Right = chosen == customer.Suggested.Value;
    std::string code = customer.Suggested.Why.Code;
    if (code.rfind("strategy.", 0) == 0) code = code.substr(9);
    o.ConsequenceKey = o.Right ? std::string(kCaseLessonId) + ".outcome." + code
                               : std::string(kCaseLessonId) + ".outcome.wrong." + StrategyCode(chosen);
    return o;
}

double GradeStrategies(const std::vector<CaseCustomer>& customers, const std::vector<std::optional<Strategy>>& chosen) {
    if (customers.empty()) return 0.0;
    int right = 0;
    for (size_t i = 0; i < customers.size() && i < chosen.size(); ++i) right += chosen[i] && *chosen[i] == customers[i].Suggested.Value;
    return double(right) / double(customers.size());
}

CaseNumberGrade GradeCaseLtv(const CaseLtv& l, double typed) {
    return GradeNumber(l.Value(), typed,
                       {{"x12", l.S * l.C * l.P * l.Years}, {"pct", l.S * l.C * (l.P * 100.0) * l.Years * 12.0}, {"nop", l.S * l.C * l.Years * 12.0}});
}

CaseNumberGrade GradeCaseCost(const CaseLtv& l, double typed) {
    return GradeNumber(l.ShownValue() - l.Cost, typed, {{"add", l.ShownValue() + l.Cost}, {"nocost", l.ShownValue()}});
}

std::string PersonaNotReady(const Persona* p) {
    if (!p) return "none";
    if (p->Strokes.empty()) return "drawn";
    int written = 0, marked = 0;
    for (const DetailEntry& e : p->Details) {
        if (e.Value.empty()) continue;
        ++written;
        marked += e.State != Knowledge::Unmarked ? 1 : 0;
    }
    if (written == 0) return "details";
    if (marked < written) return "marks";
    return "";
}

int PickCasePersona(const std::vector<Persona>& personas) {
    int best = -1, best_rank = 99;
    for (size_t i = 0; i < personas.size(); ++i) {
        std::string why = PersonaNotReady(&personas[i]);
        int rank = why.empty() ? 0 : why == "marks" ? 1 : why == "details" ? 2 : 3;
        if (rank < best_rank) best = static_cast<int>(i), best_rank = rank;
    }
    return best;
}

std::string PersonaHoldsKey(const PersonaComparison& c) {
    int compared = 0, like = 0;
    for (const DetailComparison& d : c.Details) {
        if (d.Verdict == PersonaVerdict::NoData || d.Verdict == PersonaVerdict::PersonaEmpty) continue;
        ++compared;
        like += d.Verdict != PersonaVerdict::Differs ? 1 : 0;
    }
    if (compared == 0) return "nodata";
    if (like == compared) return "holds";
    if (like == 0) return "differs";
    return "partly";
}

}  // namespace profila::course
