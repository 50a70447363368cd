// The trainer's class summary from several hand-in files: who passed what, the hardest items and the concepts
// the class misses most.
#include <algorithm>
#include <set>

#include "course/course.h"

namespace profila::course {

ClassSummary SummarizeClass(const Unit& unit, const std::vector<HandIn>& files) {
    ClassSummary s;
    std::map<std::string, std::pair<double, int>> first_scores;
    struct ConceptAcc {
        double Sum = 0.0;
        int Answers = 0, Trainees = 0;
    };
    std::map<std::pair<std::string, std::string>, ConceptAcc> concepts;
    for (const HandIn& h : files) {
        ClassRow row;
        row.Trainee = h.Trainee;
        row.Personas = h.Personas;
        double sum = 0.0;
        for (const Lesson& lesson : unit.Lessons) {
            for (const HandInLesson& l : h.Lessons) {
                if (l.LessonId != lesson.Id) continue;
                sum += l.Best;
                if (l.Passed) {
                    ++row.LessonsPassed;
                    ++s.PassedPerLesson[lesson.Id];
                }
            }
        }
        row.MeanBest = unit.Lessons.empty() ? 0.0 : sum / double(unit.Lessons.size());
        s.Rows.push_back(row);
        std::set<std::pair<std::string, std::string>> seen;
        for (const auto& [item, scores] : h.ItemScores) {
            if (scores.empty()) continue;
            first_scores[item].first += scores.front();
            ++first_scores[item].second;
            // By concept: every answer to any variant; items of an older content are left out.
            const Item* known = unit.FindItem(item);
            if (!known) continue;
            std::pair<std::string, std::string> key{item.substr(0, item.find('.')), known->Concept};
            ConceptAcc& acc = concepts[key];
            for (double sc : scores) acc.Sum += sc;
            acc.Answers += static_cast<int>(scores.size());
            if (seen.insert(key).second) ++acc.Trainees;
        }
    }
    std::sort(s.Rows.begin(), s.Rows.end(), [](const ClassRow& a, const ClassRow& b) { return a.Trainee < b.Trainee; });
    for (const auto& [item, acc] : first_scores) s.Hardest.push_back({item, acc.first / acc.second, acc.second});
    std::stable_sort(s.Hardest.begin(), s.Hardest.end(), [](const HardItem& a, const HardItem& b) { return a.MeanFirst < b.MeanFirst; });
    if (s.Hardest.size() > 5) s.Hardest.resize(5);
    for (const auto& [key, acc] : concepts) s.Missed.push_back({key.first, key.second, acc.Sum / acc.Answers, acc.Answers, acc.Trainees});
    std::stable_sort(s.Missed.begin(), s.Missed.end(), [](const MissedConcept& a, const MissedConcept& b) { return a.MeanScore < b.MeanScore; });
    if (s.Missed.size() > 5) s.Missed.resize(5);
    return s;
}

}  // namespace profila::course
