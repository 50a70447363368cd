// A course lesson natively: opened from the lesson list, its teaching screens read through, an item
// answered by tapping an option, Check, Next; the trainee's progress in AppState moves on and is
// saved to the store.
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
