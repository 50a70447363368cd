// The trainer's class summary from several hand-in files: who passed what, and the hardest items.
#include <algorithm>

#include "course/course.h"

namespace profila::course {

ClassSummary SummarizeClass(const Unit& unit, const std::vector<HandIn>& files) {
    ClassSummary s;
    std::map<std::string, std::pair<double, int>> first_scores;
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
        for (const auto& [item, scores] : h.ItemScores) {
            if (scores.empty()) continue;
            first_scores[item].first += scores.front();
            ++first_scores[item].second;
        }
    }
    std::sort(s.Rows.begin(), s.Rows.end(), [](const ClassRow& a, const ClassRow& b) { return a.Trainee < b.Trainee; });
    for (const auto& [item, acc] : first_scores) s.Hardest.push_back({item, acc.first / acc.second, acc.second});
    std::stable_sort(s.Hardest.begin(), s.Hardest.end(), [](const HardItem& a, const HardItem& b) { return a.MeanFirst < b.MeanFirst; });
    if (s.Hardest.size() > 5) s.Hardest.resize(5);
    return s;
}

}  // namespace profila::course
