#include <doctest/doctest.h>

#include <algorithm>

#include "codec/persona_json.h"

using namespace profila;

namespace {
bool HasError(const PersonaParseResult& r, const std::string& field, const std::string& code) {
    return std::any_of(r.Errors.begin(), r.Errors.end(), [&](const PersonaFieldError& e) { return e.Field == field && e.Code == code; });
}
}  // namespace

TEST_CASE("persona json: round trip keeps strokes, details, states, ways and answers") {
    Persona p;
    p.Id = "P1";
    p.Name = "Giulia, 38 anni";
    p.Revision = 4;
    Stroke s;
    s.Color = 0xDC2626;
    s.Width = 6.5f;
    s.Points = {{10.04f, 20.0f, 1.0f}, {30.0f, 40.26f, 0.5f}};
    p.Strokes.push_back(s);
    p.Detail(PersonaDetail::Age) = {"35-45", Knowledge::Assumed, "my guess", {}, ""};
    auto& inc = p.Detail(PersonaDetail::Income);
    inc.State = Knowledge::Unknown;
    inc.Ways = {true, false, true};
    inc.Answer = "medio";
    std::string json = PersonaToJson(p);
    auto r = ParsePersona(json);
    REQUIRE(r.Errors.empty());
    REQUIRE(r.Value);
    const Persona& q = *r.Value;
    CHECK(q.Id == "P1");
    CHECK(q.Name == "Giulia, 38 anni");
    CHECK(q.Revision == 4);
    REQUIRE(q.Strokes.size() == 1);
    CHECK(q.Strokes[0].Color == 0xDC2626);
    CHECK(q.Strokes[0].Width == doctest::Approx(6.5f));
    REQUIRE(q.Strokes[0].Points.size() == 2);
    CHECK(q.Strokes[0].Points[0].X == doctest::Approx(10.0f));  // rounded to 0.1
    CHECK(q.Strokes[0].Points[1].Y == doctest::Approx(40.3f));
    CHECK(q.Strokes[0].Points[1].Pressure == doctest::Approx(0.5f));
    CHECK(q.Detail(PersonaDetail::Age).Value == "35-45");
    CHECK(q.Detail(PersonaDetail::Age).State == Knowledge::Assumed);
    CHECK(q.Detail(PersonaDetail::Age).Note == "my guess");
    CHECK(q.Detail(PersonaDetail::Income).State == Knowledge::Unknown);
    CHECK(q.Detail(PersonaDetail::Income).Ways[0]);
    CHECK_FALSE(q.Detail(PersonaDetail::Income).Ways[1]);
    CHECK(q.Detail(PersonaDetail::Income).Ways[2]);
    CHECK(q.Detail(PersonaDetail::Income).Answer == "medio");
    CHECK(q.Detail(PersonaDetail::Gender).State == Knowledge::Unmarked);
    CHECK(PersonaToJson(q) == json);  // stable
}

TEST_CASE("persona json: the array form holds every persona") {
    Persona a, b;
    a.Id = "A";
    b.Id = "B";
    std::string all = PersonasToJson({a, b});
    CHECK(all.front() == '[');
    CHECK(all.find("\"id\":\"A\"") != std::string::npos);
    CHECK(all.find("\"id\":\"B\"") != std::string::npos);
}

TEST_CASE("persona json: bad input names the field and returns nothing") {
    auto r = ParsePersona("{not json");
    CHECK_FALSE(r.Value);
    CHECK(HasError(r, "", "bad_json"));

    r = ParsePersona(R"({"schema":1,"id":"P","strokes":[{"color":"red","width":4,"points":[1,2,1]},
        {"color":"#000000","width":-3,"points":[1,2]},{"points":[1,2,1,"x",3,1]}],
        "details":{"age":{"state":"maybe"},"shoe":{},"income":{"ways":["pray"]},"media":{"value":7}}})");
    CHECK_FALSE(r.Value);
    CHECK(HasError(r, "strokes[0].color", "bad_value"));
    CHECK(HasError(r, "strokes[1].width", "out_of_range"));
    CHECK(HasError(r, "strokes[1].points", "bad_value"));
    CHECK(HasError(r, "strokes[2].points[3]", "bad_type"));
    CHECK(HasError(r, "details.age.state", "bad_value"));
    CHECK(HasError(r, "details.shoe", "bad_value"));
    CHECK(HasError(r, "details.income.ways", "bad_value"));
    CHECK(HasError(r, "details.media.value", "bad_type"));

    r = ParsePersona(R"({"schema":9,"id":"P"})");
    CHECK(HasError(r, "schema", "newer_schema"));
    r = ParsePersona(R"({"schema":1})");
    CHECK(HasError(r, "id", "missing"));
    r = ParsePersona(R"({"schema":1,"id":"P","strokes":[{"points":[1,2,1.5]}]})");
    CHECK(HasError(r, "strokes[0].points[0]", "out_of_range"));
}
