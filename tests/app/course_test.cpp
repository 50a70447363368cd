// A course lesson natively: opened from the lesson list, its teaching screens read through, an item
// answered by tapping an option, Check, Next; the trainee's progress in AppState moves on and is
// saved to the store. The graded case played natively to its result.
#include "app_driver.h"

TEST_CASE("course: a lesson item answered by tapping an option moves the progress on and is saved") {
    AppDriver d;
    CourseView& course = d.App().Course;
    d.Tap("nav.course");
    d.WaitFor([&] { return course.ContentLoaded && d.App().Doc.Loaded; }, "course content and progress");
    REQUIRE(course.ContentErrors.empty());
    size_t attempts = d.App().Doc.Progress.Attempts.size();

    d.Tap("lesson.why");
    d.WaitFor([&] { return course.OpenLesson == "why"; }, "the lesson to open");
    // A fresh lesson teaches first: every teaching screen, then the questions.
    const profila::course::Lesson* why = course.Unit.FindLesson("why");
    REQUIRE(why);
    CHECK(course.TeachStep == 0);
    for (size_t k = 0; k < why->Teach.size(); ++k) d.Tap("course.teach.next");
    CHECK(course.TeachStep == -1);
    // The round's first item (pools drawn, order shuffled): tap the first option shown.
    std::string first = profila::course::RoundItems(*why, 1).front()->Id;
    const item_registry::Item* option = d.FindIf([](const item_registry::Item& i) { return i.Key.rfind("opt.", 0) == 0; });
    REQUIRE(option);
    d.Tap(option->Key);
    d.Tap("course.check");
    CHECK(course.Feedback.has_value());
    REQUIRE(d.App().Doc.Progress.Attempts.size() == attempts + 1);
    CHECK(d.App().Doc.Progress.Attempts.back().ItemId == first);
    d.Tap("course.next");
    CHECK_FALSE(course.Feedback.has_value());
    const profila::course::LessonProgress* lesson = d.App().Doc.Progress.FindLesson("why");
    REQUIRE(lesson);
    CHECK(lesson->Current == 1);
    CHECK_FALSE(lesson->Finished);

    // The progress reaches the store once edits rest (the store's one saver).
    d.Advance(3.0);
    auto stored = storage_memory::Records(d.App().Doc.Data.Id, "progress");
    REQUIRE(stored.size() == 1);
    CHECK(stored[0].Key == "course");
    CHECK(stored[0].Bytes.find(first) != std::string::npos);
}

TEST_CASE("course: the graded case on the example shop, played to its result, stored with the progress") {
    AppDriver d;
    CourseView& course = d.App().Course;
    d.Tap("nav.course");
    d.WaitFor([&] { return course.ContentLoaded && d.App().Doc.Loaded; }, "course content and progress");
    REQUIRE(course.Unit.FindLesson("case"));
    d.Tap("lesson.case");
    // An empty workspace: the example shop at once.
    d.WaitFor([&] { return course.Case.has_value(); }, "the case");
    const profila::course::CaseStudy& cs = *course.Case;
    CHECK(cs.Example);
    auto step = [&] { return d.App().Doc.Progress.FindLesson("case") ? d.App().Doc.Progress.FindLesson("case")->Current : 0; };

    d.Tap("case.option." + cs.Pareto.Correct[0]);
    d.Tap("case.check");
    CHECK(course.CaseScore == 1.0);
    d.Tap("case.next");
    CHECK(step() == 1);
    d.Tap("case.option." + cs.Rfm.Correct[0]);
    d.Tap("case.check");
    d.Tap("case.next");
    for (size_t i = 0; i < cs.Customers.size(); ++i)
        d.Tap("case.status." + std::to_string(i) + "." + profila::StatusCode(cs.Customers[i].Base.Profila.Value));
    d.Tap("case.check");
    CHECK(course.CaseScore == 1.0);
    d.Tap("case.next");
    // The strategies: every choice shows a consequence before the case goes on.
    for (size_t i = 0; i < cs.Customers.size(); ++i) {
        CHECK(course.CaseCustomer == static_cast<int>(i));
        d.Tap(std::string("case.strategy.") + profila::StrategyCode(cs.Customers[i].Suggested.Value));
        d.Require(course.Texts.Get(profila::course::StrategyOutcome(cs.Customers[i], cs.Customers[i].Suggested.Value).ConsequenceKey.c_str()));
        d.Tap("case.next");
    }
    CHECK(step() == 4);
    char typed[32];
    std::snprintf(typed, sizeof typed, "%.2f", cs.Ltv.Value());
    d.Type("case.number", typed);
    d.Tap("case.check");
    CHECK(course.CaseScore == 1.0);
    d.Tap("case.next");
    std::snprintf(typed, sizeof typed, "%.0f", cs.Ltv.ShownValue() - cs.Ltv.Cost);
    d.Type("case.number", typed);
    d.Tap("case.check");
    CHECK(course.CaseScore == 1.0);
    d.Tap("case.next");
    // No persona saved: the step says so, links to the sketch, and can be skipped (scores 0).
    d.Require("case.persona_open");
    d.Tap("case.skip");
    const profila::course::LessonProgress* lp = d.App().Doc.Progress.FindLesson("case");
    REQUIRE(lp);
    CHECK(lp->Finished);
    REQUIRE(lp->Runs.size() == 1);
    CHECK(lp->Runs[0].Score == doctest::Approx(6.0 / 7));
    CHECK(lp->Runs[0].Passed);
    d.Require("case.again");
    d.Advance(3.0);
    auto stored = storage_memory::Records(d.App().Doc.Data.Id, "progress");
    REQUIRE(stored.size() == 1);
    CHECK(stored[0].Bytes.find("case.persona") != std::string::npos);
}
