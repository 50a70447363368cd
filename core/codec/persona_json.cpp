#include "codec/persona_json.h"

#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>

namespace profila {
namespace {

using nlohmann::json;

double Round1(float v) { return std::round(static_cast<double>(v) * 10.0) / 10.0; }

std::string ColorText(uint32_t rgb) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "#%06x", static_cast<unsigned>(rgb & 0xFFFFFF));
    return buf;
}

std::optional<uint32_t> ParseColor(const std::string& text) {
    if (text.size() != 7 || text[0] != '#') return std::nullopt;
    uint32_t v = 0;
    for (size_t i = 1; i < 7; ++i) {
        char c = text[i];
        int d = (c >= '0' && c <= '9') ? c - '0' : (c >= 'a' && c <= 'f') ? c - 'a' + 10 : (c >= 'A' && c <= 'F') ? c - 'A' + 10 : -1;
        if (d < 0) return std::nullopt;
        v = v * 16 + static_cast<uint32_t>(d);
    }
    return v;
}

json ToJsonValue(const Persona& p) {
    json strokes = json::array();
    for (const Stroke& s : p.Strokes) {
        json pts = json::array();
        for (const SketchPoint& q : s.Points) {
            pts.push_back(Round1(q.X));
            pts.push_back(Round1(q.Y));
            pts.push_back(std::round(static_cast<double>(q.Pressure) * 100.0) / 100.0);
        }
        strokes.push_back({{"color", ColorText(s.Color)}, {"width", Round1(s.Width)}, {"points", std::move(pts)}});
    }
    json details = json::object();
    for (size_t i = 0; i < kPersonaDetailCount; ++i) {
        const DetailEntry& d = p.Details[i];
        json ways = json::array();
        for (size_t w = 0; w < kFindOutWayCount; ++w)
            if (d.Ways[w]) ways.push_back(FindOutWayKey(static_cast<FindOutWay>(w)));
        details[PersonaDetailKey(static_cast<PersonaDetail>(i))] = {
            {"value", d.Value}, {"state", KnowledgeKey(d.State)}, {"note", d.Note}, {"ways", std::move(ways)}, {"answer", d.Answer}};
    }
    return {{"schema", kPersonaSchemaVersion}, {"id", p.Id},           {"name", p.Name},
            {"revision", p.Revision},          {"strokes", std::move(strokes)}, {"details", std::move(details)}};
}

// Reads an optional string member; records an error if present but not a string.
void ReadString(const json& obj, const char* name, const std::string& path, std::string& out, std::vector<PersonaFieldError>& errors) {
    auto it = obj.find(name);
    if (it == obj.end() || it->is_null()) return;
    if (!it->is_string()) {
        errors.push_back({path + name, "bad_type"});
        return;
    }
    out = it->get<std::string>();
}

}  // namespace

std::string PersonaToJson(const Persona& persona) { return ToJsonValue(persona).dump(); }

std::string PersonasToJson(const std::vector<Persona>& personas) {
    json all = json::array();
    for (const Persona& p : personas) all.push_back(ToJsonValue(p));
    return all.dump();
}

json PersonaToJsonValue(const Persona& persona) { return ToJsonValue(persona); }

PersonaParseResult ParsePersona(std::string_view json_text) {
    json root = json::parse(json_text.begin(), json_text.end(), nullptr, false);
    if (root.is_discarded()) {
        PersonaParseResult result;
        result.Errors.push_back({"", "bad_json"});
        return result;
    }
    return ParsePersonaValue(root);
}

PersonaParseResult ParsePersonaValue(const json& root) {
    PersonaParseResult result;
    auto& errors = result.Errors;
    if (!root.is_object()) {
        errors.push_back({"", "bad_type"});
        return result;
    }
    Persona p;
    if (auto it = root.find("schema"); it != root.end()) {
        if (!it->is_number_integer()) errors.push_back({"schema", "bad_type"});
        else if (it->get<int>() > kPersonaSchemaVersion) errors.push_back({"schema", "newer_schema"});
        else if (it->get<int>() < 1) errors.push_back({"schema", "out_of_range"});
    } else {
        errors.push_back({"schema", "missing"});
    }
    if (auto it = root.find("id"); it == root.end()) errors.push_back({"id", "missing"});
    else if (!it->is_string()) errors.push_back({"id", "bad_type"});
    else if (it->get<std::string>().empty()) errors.push_back({"id", "bad_value"});
    else p.Id = it->get<std::string>();
    ReadString(root, "name", "", p.Name, errors);
    if (auto it = root.find("revision"); it != root.end()) {
        if (!it->is_number_integer()) errors.push_back({"revision", "bad_type"});
        else p.Revision = it->get<int64_t>();
    }

    if (auto it = root.find("strokes"); it != root.end()) {
        if (!it->is_array()) {
            errors.push_back({"strokes", "bad_type"});
        } else {
            for (size_t i = 0; i < it->size(); ++i) {
                const json& js = (*it)[i];
                std::string path = "strokes[" + std::to_string(i) + "]";
                if (!js.is_object()) {
                    errors.push_back({path, "bad_type"});
                    continue;
                }
                Stroke s;
                if (auto c = js.find("color"); c != js.end()) {
                    auto color = c->is_string() ? ParseColor(c->get<std::string>()) : std::nullopt;
                    if (!color) errors.push_back({path + ".color", c->is_string() ? "bad_value" : "bad_type"});
                    else s.Color = *color;
                }
                if (auto w = js.find("width"); w != js.end()) {
                    if (!w->is_number()) errors.push_back({path + ".width", "bad_type"});
                    else if (!(w->get<double>() > 0.0 && w->get<double>() <= 200.0)) errors.push_back({path + ".width", "out_of_range"});
                    else s.Width = w->get<float>();
                }
                auto pts = js.find("points");
                if (pts == js.end()) {
                    errors.push_back({path + ".points", "missing"});
                    continue;
                }
                if (!pts->is_array()) {
                    errors.push_back({path + ".points", "bad_type"});
                    continue;
                }
                if (pts->size() % 3 != 0) {
                    errors.push_back({path + ".points", "bad_value"});
                    continue;
                }
                s.Points.reserve(pts->size() / 3);
                for (size_t k = 0; k + 2 < pts->size(); k += 3) {
                    const json &x = (*pts)[k], &y = (*pts)[k + 1], &pr = (*pts)[k + 2];
                    if (!x.is_number() || !y.is_number() || !pr.is_number()) {
                        errors.push_back({path + ".points[" + std::to_string(k) + "]", "bad_type"});
                        break;
                    }
                    double xv = x.get<double>(), yv = y.get<double>(), pv = pr.get<double>();
                    if (!std::isfinite(xv) || !std::isfinite(yv) || std::fabs(xv) > 1e5 || std::fabs(yv) > 1e5 || pv < 0.0 || pv > 1.0) {
                        errors.push_back({path + ".points[" + std::to_string(k) + "]", "out_of_range"});
                        break;
                    }
                    s.Points.push_back({static_cast<float>(xv), static_cast<float>(yv), static_cast<float>(pv)});
                }
                p.Strokes.push_back(std::move(s));
            }
        }
    }

    if (auto it = root.find("details"); it != root.end()) {
        if (!it->is_object()) {
            errors.push_back({"details", "bad_type"});
        } else {
            for (auto d = it->begin(); d != it->end(); ++d) {
                std::string path = "details." + d.key();
                auto which = PersonaDetailFromKey(d.key());
                if (!which) {
                    errors.push_back({path, "bad_value"});
                    continue;
                }
                if (!d->is_object()) {
                    errors.push_back({path, "bad_type"});
                    continue;
                }
                DetailEntry& e = p.Detail(*which);
                ReadString(*d, "value", path + ".", e.Value, errors);
                ReadString(*d, "note", path + ".", e.Note, errors);
                ReadString(*d, "answer", path + ".", e.Answer, errors);
                std::string state;
                ReadString(*d, "state", path + ".", state, errors);
                if (!state.empty()) {
                    if (auto k = KnowledgeFromKey(state)) e.State = *k;
                    else errors.push_back({path + ".state", "bad_value"});
                }
                if (auto w = d->find("ways"); w != d->end()) {
                    if (!w->is_array()) {
                        errors.push_back({path + ".ways", "bad_type"});
                    } else {
                        for (const json& way : *w) {
                            auto k = way.is_string() ? FindOutWayFromKey(way.get<std::string>()) : std::nullopt;
                            if (!k) errors.push_back({path + ".ways", "bad_value"});
                            else e.Ways[static_cast<size_t>(*k)] = true;
                        }
                    }
                }
            }
        }
    }
    if (errors.empty()) result.Value = std::move(p);
    return result;
}

}  // namespace profila
