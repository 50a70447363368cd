// "Practice on real data" (course issue, point 5): exercises generated from the trainee's own
// customer cards. The trainee classifies up to ten of their customers by relationship status by
// hand, then sees Profila's classification with its reasons side by side; and estimates the simple
// LTV (S x C x P x t) of their buying customers and compares it with the computed one.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "analysis/ltv.h"
#include "analysis/status.h"
#include "model/customer.h"
#include "persona/persona.h"

namespace profila::course {

struct PracticeCustomer {
    std::string Id;
    std::string Name;                          // name, else company, else id
    CustomerFacts Facts;                       // what the trainee is shown (purchases, last date...)
    bool ShowedInterest = false;
    Classified<RelationshipStatus> Profila;    // the answer, with its reason
};

// Up to `count` customers, chosen so that as many statuses as possible appear (round robin over
// the statuses, customers in id order within each): deterministic for the same workspace.
[[nodiscard]] std::vector<PracticeCustomer> PickPracticeCustomers(const Workspace& workspace,
                                                                  const AnalysisSettings& settings, size_t count = 10);

struct PracticeGrade {
    int Right = 0;
    int Answered = 0;
    double Score = 0.0;                        // right / customers (unanswered count as wrong)
    std::vector<bool> Matches;                 // per customer
};
[[nodiscard]] PracticeGrade GradePractice(const std::vector<PracticeCustomer>& customers,
                                          const std::vector<std::optional<RelationshipStatus>>& guesses);

// The group LTV: mean of the simple LTV terms over customers who bought (as of settings.AsOf).
struct GroupLtv {
    int Customers = 0;
    SimpleLtvTerms Mean;                       // S, C, P averaged; T the business's months
    double Value = 0.0;                        // mean of each customer's S x C x P x t
};
[[nodiscard]] GroupLtv ComputeGroupLtv(const Workspace& workspace, const AnalysisSettings& settings);

// An estimate within 20% of the computed value counts as right (the formula's inputs are rough).
[[nodiscard]] bool LtvEstimateClose(double estimate, double computed);

// The persona task is checked against a saved sketch, not ticked by hand: each checklist point is
// done when the persona shows it (drawn: strokes; who: gender and age; money: income and
// education; where: location; likes: likes or interests; buys: what and when they buy; gap: a
// detail marked unknown). Returns the points done by the persona that does most of them.
[[nodiscard]] std::vector<std::string> PersonaTaskDone(const std::vector<std::string>& points,
                                                       const std::vector<Persona>& personas);

}  // namespace profila::course
