// View state of the Persona screen (selection, filters, scroll, open dialogs). Owned by that screen.
#pragma once

struct PersonaView {
};
