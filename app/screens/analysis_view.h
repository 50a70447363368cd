// View state of the Analysis screen (selection, filters, scroll, open dialogs). Owned by that screen.
#pragma once

struct AnalysisView {
};
