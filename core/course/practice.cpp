// Practice on the trainee's own customers: selection, grading and the group LTV.
#include "course/practice.h"

#include <algorithm>
#include <cmath>

#include "analysis/facts.h"

namespace profila::course {

std::vector<PracticeCustomer> PickPracticeCustomers(const Workspace& workspace, const AnalysisSettings& settings,
                                                    size_t count) {
    std::vector<std::vector<PracticeCustomer>> by_status(kStatusCount);
    std::vector<const Customer*> sorted;
    for (const Customer& c : workspace.Customers) sorted.push_back(&c);
    std::sort(sorted.begin(), sorted.end(), [](const Customer* a, const Customer* b) { return a->Id < b->Id; });
    for (const Customer* c : sorted) {
        PracticeCustomer p;
        p.Id = c->Id;
        p.Name = !c->Name.empty() ? c->Name : !c->Company.empty() ? c->Company : c->Id;
        p.Facts = SummarizeCustomer(*c, settings);
        p.ShowedInterest = c->ShowedInterest;
        p.Profila = ClassifyRelationship(*c, p.Facts, settings);
        by_status[static_cast<size_t>(p.Profila.Value)].push_back(std::move(p));
    }
    std::vector<PracticeCustomer> out;
    for (size_t round = 0; out.size() < count; ++round) {
        bool any = false;
        for (auto& group : by_status) {
            if (round < group.size() && out.size() < count) {
                out.push_back(group[round]);
                any = true;
            }
        }
        if (!any) break;
    }
    return out;
}

PracticeGrade GradePractice(const std::vector<PracticeCustomer>& customers,
                            const std::vector<std::optional<RelationshipStatus>>& guesses) {
    PracticeGrade g;
    for (size_t i = 0; i < customers.size(); ++i) {
        bool answered = i < guesses.size() && guesses[i].has_value();
        bool match = answered && *guesses[i] == customers[i].Profila.Value;
        g.Answered += answered ? 1 : 0;
        g.Right += match ? 1 : 0;
        g.Matches.push_back(match);
    }
    g.Score = customers.empty() ? 0.0 : double(g.Right) / double(customers.size());
    return g;
}

GroupLtv ComputeGroupLtv(const Workspace& workspace, const AnalysisSettings& settings) {
    std::vector<CustomerFacts> facts;
    for (const Customer& c : workspace.Customers) facts.push_back(SummarizeCustomer(c, settings));
    BaseFigures base = ComputeBaseFigures(facts, settings);
    double months = LtvMonthsFor(base, settings);
    GroupLtv g;
    for (const CustomerFacts& f : facts) {
        if (f.Occasions == 0) continue;
        SimpleLtvTerms t = SimpleLtvFor(f, months, settings);
        g.Mean.S += t.S;
        g.Mean.C += t.C;
        g.Mean.P += t.P;
        g.Value += t.Value();
        ++g.Customers;
    }
    if (g.Customers > 0) {
        g.Mean.S /= g.Customers;
        g.Mean.C /= g.Customers;
        g.Mean.P /= g.Customers;
        g.Value /= g.Customers;
    }
    g.Mean.T = months;
    return g;
}

bool LtvEstimateClose(double estimate, double computed) {
    if (computed <= 0) return std::fabs(estimate) < 1e-9;
    return std::fabs(estimate - computed) <= 0.2 * computed;
}

std::vector<std::string> PersonaTaskDone(const std::vector<std::string>& points, const std::vector<Persona>& personas) {
    std::vector<std::string> best;
    for (const Persona& p : personas) {
        auto has = [&](PersonaDetail d) { return !p.Detail(d).Value.empty(); };
        bool gap = false;
        for (const DetailEntry& e : p.Details) gap = gap || e.State == Knowledge::Unknown;
        std::vector<std::string> done;
        for (const std::string& point : points) {
            bool ok = false;
            if (point == "drawn") ok = !p.Strokes.empty();
            else if (point == "who") ok = has(PersonaDetail::Gender) && has(PersonaDetail::Age);
            else if (point == "money") ok = has(PersonaDetail::Income) && has(PersonaDetail::Education);
            else if (point == "where") ok = has(PersonaDetail::Location);
            else if (point == "likes") ok = has(PersonaDetail::Likes) || has(PersonaDetail::Interests);
            else if (point == "buys") ok = has(PersonaDetail::BuysWhat) && has(PersonaDetail::BuysWhen);
            else if (point == "gap") ok = gap;
            if (ok) done.push_back(point);
        }
        if (done.size() > best.size()) best = done;
    }
    return best;
}

}  // namespace profila::course
