// View state of the Course screen (selection, filters, scroll, open dialogs). Owned by that screen.
#pragma once

struct CourseView {
};
