#include <doctest/doctest.h>

#include "backup.h"
#include "customer_json.h"

using namespace profila;

namespace {
Workspace Shop() {
    Workspace w;
    w.Id = "W1";
    w.Name = "Forno Rossi";
    Customer c;
    c.Id = "C1";
    c.Name = "Giulia Bianchi";
    w.Customers.push_back(c);
    return w;
}

std::vector<Persona> TwoPersonas() {
    Persona a;
    a.Id = "P1";
    a.Name = "Anna";
    Stroke s;
    s.Points = {{1.0f, 2.0f, 1.0f}, {3.0f, 4.0f, 0.5f}};
    a.Strokes.push_back(s);
    a.Detail(PersonaDetail::Income).State = Knowledge::Unknown;
    Persona b;
    b.Id = "P2";
    b.Name = "Marco";
    return {a, b};
}
}  // namespace

TEST_CASE("backup: the personas travel with the customers, pretty or compact") {
    for (bool pretty : {true, false}) {
        std::string text = BackupToJson(Shop(), TwoPersonas(), true, pretty);
        WorkspaceDecodeResult w = WorkspaceFromJson(text);
        REQUIRE(w.Ok());
        CHECK(w.Value.Customers.size() == 1);
        CHECK(w.Value.Name == "Forno Rossi");
        BackupPersonas p = ReadBackupPersonas(text);
        CHECK(p.Present);
        CHECK(p.Errors.empty());
        REQUIRE(p.Personas.size() == 2);
        CHECK(p.Personas[0].Name == "Anna");
        CHECK(p.Personas[0].Strokes.size() == 1);
        CHECK(p.Personas[0].Detail(PersonaDetail::Income).State == Knowledge::Unknown);
        CHECK(p.Personas[1].Id == "P2");
    }
}

TEST_CASE("backup: no personas key when there are none or they were not read; an older backup has none") {
    std::string text = BackupToJson(Shop(), TwoPersonas(), false, true);
    CHECK(text == WorkspaceToJson(Shop(), true));
    BackupPersonas p = ReadBackupPersonas(text);
    CHECK_FALSE(p.Present);
    CHECK(p.Personas.empty());
    // No personas: the file is the customers' document alone, and its restore keeps the personas.
    CHECK(BackupToJson(Shop(), {}, true, false) == WorkspaceToJson(Shop(), false));
    BackupPersonas none = ReadBackupPersonas(BackupToJson(Shop(), {}, true, false));
    CHECK_FALSE(none.Present);
    // A file that says "personas": [] does clear them.
    BackupPersonas cleared = ReadBackupPersonas(R"({"format":"profila-backup","schema":2,"customers":[],"personas":[]})");
    CHECK(cleared.Present);
    CHECK(cleared.Personas.empty());
    CHECK(cleared.Errors.empty());
}

TEST_CASE("backup: a broken persona names its place and nothing is taken") {
    std::string text = BackupToJson(Shop(), TwoPersonas(), true, false);
    std::string broken = text;
    size_t at = broken.find("\"width\":");
    REQUIRE(at != std::string::npos);
    broken.replace(at, 8, "\"width\":\"wide\",\"w\":");
    BackupPersonas p = ReadBackupPersonas(broken);
    CHECK(p.Present);
    CHECK(p.Personas.empty());
    REQUIRE_FALSE(p.Errors.empty());
    CHECK(p.Errors[0].rfind("personas[0].strokes[0].width", 0) == 0);
    // Two personas with one id.
    std::vector<Persona> twins = TwoPersonas();
    twins[1].Id = "P1";
    BackupPersonas d = ReadBackupPersonas(BackupToJson(Shop(), twins, true, false));
    CHECK(d.Personas.empty());
    REQUIRE(d.Errors.size() == 1);
    CHECK(d.Errors[0] == "personas[1].id: duplicate");
}
