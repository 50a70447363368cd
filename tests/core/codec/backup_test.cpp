#include <doctest/doctest.h>

#include "codec/backup.h"
#include "codec/customer_json.h"

#include <nlohmann/json.hpp>

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
        BackupContents b = ReadBackup(text);
        const WorkspaceDecodeResult& w = b.Workspace;
        REQUIRE(w.Ok());
        CHECK(w.Value.Customers.size() == 1);
        CHECK(w.Value.Name == "Forno Rossi");
        const BackupPersonas& p = b.Personas;
        CHECK(p.Present);
        CHECK(p.Errors.empty());
        REQUIRE(p.Personas.size() == 2);
        CHECK(p.Personas[0].Name == "Anna");
        CHECK(p.Personas[0].Strokes.size() == 1);
        CHECK(p.Personas[0].Detail(PersonaDetail::Income).State == Knowledge::Unknown);
        CHECK(p.Personas[1].Id == "P2");
    }
}

TEST_CASE("backup: no personas key when there are none or they were not read, an older backup has none") {
    std::string text = BackupToJson(Shop(), TwoPersonas(), false, true);
    CHECK(text == WorkspaceToJson(Shop(), true));
    BackupPersonas p = ReadBackup(text).Personas;
    CHECK_FALSE(p.Present);
    CHECK(p.Personas.empty());
    // No personas: the file is the customers' document alone, and its restore keeps the personas.
    CHECK(BackupToJson(Shop(), {}, true, false) == WorkspaceToJson(Shop(), false));
    BackupPersonas none = ReadBackup(BackupToJson(Shop(), {}, true, false)).Personas;
    CHECK_FALSE(none.Present);
    // A file that says "personas": [] does clear them.
    BackupPersonas cleared = ReadBackup(R"({"format":"profila-backup","schema":2,"customers":[],"personas":[]})").Personas;
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
    BackupPersonas p = ReadBackup(broken).Personas;
    CHECK(p.Present);
    CHECK(p.Personas.empty());
    REQUIRE_FALSE(p.Errors.empty());
    CHECK(p.Errors[0].rfind("personas[0].strokes[0].width", 0) == 0);
    // Two personas with one id.
    std::vector<Persona> twins = TwoPersonas();
    twins[1].Id = "P1";
    BackupPersonas d = ReadBackup(BackupToJson(Shop(), twins, true, false)).Personas;
    CHECK(d.Personas.empty());
    REQUIRE(d.Errors.size() == 1);
    CHECK(d.Errors[0] == "personas[1].id: duplicate");
}

TEST_CASE("backup: ReadBackup reads customers and personas with one parse") {
    std::string text = BackupToJson(Shop(), TwoPersonas(), true, true);
    BackupContents b = ReadBackup(text);
    REQUIRE(b.Workspace.Ok());
    CHECK(b.Workspace.Value.Customers.size() == 1);
    CHECK(b.Personas.Present);
    REQUIRE(b.Personas.Personas.size() == 2);
    CHECK(b.Personas.Personas[0].Strokes.size() == 1);
    // The personas are in the same JSON document, beside the customers (not spliced text).
    nlohmann::json j = nlohmann::json::parse(text);
    CHECK(j["personas"].size() == 2);
    CHECK(j["customers"].size() == 1);
    // Broken syntax: the customers' reader names the byte, no personas are read.
    BackupContents broken = ReadBackup(text.substr(0, text.size() / 2));
    REQUIRE_FALSE(broken.Workspace.Ok());
    CHECK(broken.Workspace.Issues[0].Message.find("near byte") != std::string::npos);
    CHECK_FALSE(broken.Personas.Present);
    // A broken persona is reported by name beside sound customers.
    std::string bad = text;
    size_t at = bad.find("\"width\":");
    REQUIRE(at != std::string::npos);
    bad.replace(at, 8, "\"width\":\"wide\",\"w\":");
    BackupContents b2 = ReadBackup(bad);
    CHECK(b2.Workspace.Ok());
    REQUIRE_FALSE(b2.Personas.Errors.empty());
    CHECK(b2.Personas.Errors[0].rfind("personas[0].strokes[0].width", 0) == 0);
    CHECK(b2.Personas.Personas.empty());
}
