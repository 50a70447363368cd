// A persona natively: created with its button, named by typing; the name is in the document and
// reaches the "personas" collection.
#include <algorithm>

#include "app_driver.h"

TEST_CASE("persona: a new persona named by typing is in the document and then in the store") {
    AppDriver d;
    d.Tap("nav.persona");
    d.WaitFor([&] { return d.App().Doc.Loaded; }, "personas loaded");
    size_t before = d.App().Doc.Personas.size();
    d.Tap("persona.new");
    REQUIRE(d.App().Doc.Personas.size() == before + 1);
    CHECK(d.App().Doc.Personas.back().Name == "Persona " + std::to_string(before + 1));  // a name to start from
    d.Type("persona.name", "Marta la fornaia", AppDriver::Replace);
    d.Key(ImGuiKey_Tab);  // leave the field
    const auto& personas = d.App().Doc.Personas;
    auto named = std::find_if(personas.begin(), personas.end(), [](const profila::Persona& p) { return p.Name == "Marta la fornaia"; });
    REQUIRE(named != personas.end());
    CHECK(d.App().Persona.SelectedId == named->Id);

    d.Advance(3.0);
    auto stored = storage_memory::Records(d.App().Doc.Data.Id, "personas");
    bool found = std::any_of(stored.begin(), stored.end(), [&](const storage_memory::StoredRecord& r) {
        return r.Key == named->Id && r.Bytes.find("Marta la fornaia") != std::string::npos;
    });
    CHECK(found);
}
