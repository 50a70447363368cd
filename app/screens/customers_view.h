// View state of the Customers screen (selection, filters, scroll, open dialogs). Owned by that screen.
#pragma once

struct CustomersView {
};
