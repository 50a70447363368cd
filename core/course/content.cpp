// Course content: item types, reading and checking unit.json, and the text keys each item needs.
#include <set>

#include "course/internal.h"

namespace profila::course {

using nlohmann::json;

namespace {

constexpr const char* kTypeNames[] = {"single", "multi", "sort", "match", "order", "numeric", "scenario", "task"};

std::vector<std::string> StringList(const json& j, const char* field, const std::string& where,
                                    std::vector<std::string>& errors) {
    std::vector<std::string> out;
    if (!j.contains(field)) return out;
    if (!j[field].is_array()) {
        errors.push_back(where + "." + field + ": must be a list of ids");
        return out;
    }
    for (const json& e : j[field]) {
        if (!e.is_string()) {
            errors.push_back(where + "." + field + ": every entry must be a text id");
            continue;
        }
        out.push_back(e.get<std::string>());
    }
    return out;
}

bool HasDuplicates(const std::vector<std::string>& v) { return std::set<std::string>(v.begin(), v.end()).size() != v.size(); }

void CheckItem(const Item& item, const std::string& where, std::vector<std::string>& errors) {
    auto err = [&](const std::string& what) { errors.push_back(where + " (" + item.Id + "): " + what); };
    if (HasDuplicates(item.Options)) err("duplicate ids in options");
    switch (item.Type) {
        case ItemType::Single:
        case ItemType::Scenario:
            if (item.Options.size() < 2) err("needs at least two options");
            if (item.Correct.size() != 1) err("needs exactly one right option");
            break;
        case ItemType::Multi:
            if (item.Options.size() < 3) err("needs at least three options");
            if (item.Correct.empty()) err("needs at least one right option");
            break;
        case ItemType::Sort:
            if (item.Categories.size() < 2) err("needs at least two categories");
            if (item.Options.size() < 2) err("needs at least two cards");
            if (item.CardCategory.size() != item.Options.size()) err("needs one category per card");
            for (const std::string& c : item.CardCategory)
                if (!Contains(item.Categories, c)) err("card category \"" + c + "\" is not a category");
            break;
        case ItemType::Match: {
            if (item.Rows.size() < 2) err("needs at least two rows");
            size_t width = item.Rows.empty() ? 0 : item.Rows[0].size();
            if (width < 2) err("rows need a label and at least one answer column");
            for (const auto& row : item.Rows)
                if (row.size() != width) err("all rows need the same number of columns");
            for (size_t c = 1; c < width; ++c) {
                std::vector<std::string> column;
                for (const auto& row : item.Rows) column.push_back(row[c]);
                if (HasDuplicates(column)) err("answer column " + std::to_string(c) + " repeats an entry");
            }
            break;
        }
        case ItemType::Order:
            if (item.Options.size() < 3) err("needs at least three steps");
            break;
        case ItemType::Numeric:
            if (!(item.Tolerance >= 0)) err("tolerance must be zero or more");
            if (!item.Units.empty() && !Contains(item.Units, item.Unit)) err("the right unit is not among the units");
            break;
        case ItemType::Task:
            if (item.Options.empty()) err("needs a checklist");
            break;
    }
    for (const std::string& c : item.Correct)
        if (!Contains(item.Options, c)) err("right option \"" + c + "\" is not an option");
}

}  // namespace

const char* ItemTypeName(ItemType type) { return kTypeNames[static_cast<int>(type)]; }

std::optional<ItemType> ParseItemType(std::string_view name) {
    for (int i = 0; i < 8; ++i)
        if (name == kTypeNames[i]) return static_cast<ItemType>(i);
    return std::nullopt;
}

const Lesson* Unit::FindLesson(std::string_view id) const {
    for (const Lesson& l : Lessons)
        if (l.Id == id) return &l;
    return nullptr;
}

const Concept* Lesson::FindConcept(std::string_view id) const {
    for (const Concept& c : Concepts)
        if (c.Id == id) return &c;
    return nullptr;
}

int Lesson::TeachIndex(std::string_view teach_id) const {
    for (size_t i = 0; i < Teach.size(); ++i)
        if (Teach[i].Id == teach_id) return static_cast<int>(i);
    return -1;
}

const Item* Unit::FindItem(std::string_view id) const {
    for (const Lesson& l : Lessons)
        for (const Item& i : l.Items)
            if (i.Id == id) return &i;
    return nullptr;
}

ParseResult ParseUnit(std::string_view json_text) {
    ParseResult result;
    json root = json::parse(json_text.begin(), json_text.end(), nullptr, false);
    if (root.is_discarded() || !root.is_object()) {
        result.Errors.push_back("unit: not a JSON object");
        return result;
    }
    Unit& unit = result.Value;
    unit.Id = root.value("id", "");
    unit.PassMark = root.value("pass_mark", 0.7);
    if (!root.contains("lessons") || !root["lessons"].is_array()) {
        result.Errors.push_back("unit: \"lessons\" must be a list");
        return result;
    }
    std::set<std::string> ids;
    size_t li = 0;
    for (const json& jl : root["lessons"]) {
        std::string lwhere = "lessons[" + std::to_string(li++) + "]";
        Lesson lesson;
        lesson.Id = jl.value("id", "");
        lesson.Minutes = jl.value("minutes", 5);
        if (lesson.Id.empty()) result.Errors.push_back(lwhere + ": missing id");
        if (jl.contains("teach") && jl["teach"].is_array())
            for (const json& t : jl["teach"])
                if (t.is_object()) lesson.Teach.push_back({t.value("id", ""), t.value("picture", "")});
        lesson.Points = StringList(jl, "points", lwhere, result.Errors);
        if (jl.contains("concepts") && jl["concepts"].is_array())
            for (const json& c : jl["concepts"])
                if (c.is_object()) lesson.Concepts.push_back({c.value("id", ""), c.value("teach", "")});
        for (const TeachScreen& t : lesson.Teach)
            if (!t.Picture.empty() && PictureTextKeys(t.Picture).empty())
                result.Errors.push_back(lwhere + ": unknown picture \"" + t.Picture + "\"");
        for (const Concept& c : lesson.Concepts)
            if (!c.Teach.empty() && lesson.TeachIndex(c.Teach) < 0)
                result.Errors.push_back(lwhere + ": concept \"" + c.Id + "\" points at no teaching screen \"" + c.Teach + "\"");
        if (!jl.contains("items") || !jl["items"].is_array()) {
            result.Errors.push_back(lwhere + ": \"items\" must be a list");
            continue;
        }
        size_t ii = 0;
        for (const json& ji : jl["items"]) {
            std::string where = lwhere + ".items[" + std::to_string(ii++) + "]";
            Item item;
            item.Id = ji.value("id", "");
            if (item.Id.empty()) result.Errors.push_back(where + ": missing id");
            if (!ids.insert(item.Id).second) result.Errors.push_back(where + ": id \"" + item.Id + "\" used twice");
            auto type = ParseItemType(ji.value("type", ""));
            if (!type) {
                result.Errors.push_back(where + ": unknown type \"" + ji.value("type", "") + "\"");
                continue;
            }
            item.Type = *type;
            item.Options = StringList(ji, "options", where, result.Errors);
            item.Correct = StringList(ji, "correct", where, result.Errors);
            item.Categories = StringList(ji, "categories", where, result.Errors);
            item.Units = StringList(ji, "units", where, result.Errors);
            item.HasHint = ji.value("hint", false);
            item.Link = ji.value("link", "");
            item.Concept = ji.value("concept", "");
            if (item.Concept.empty()) item.Concept = item.Id;
            else if (!lesson.Concepts.empty() && !lesson.FindConcept(item.Concept))
                result.Errors.push_back(where + ": concept \"" + item.Concept + "\" is not among the lesson's concepts");
            if (ji.contains("slips") && ji["slips"].is_object())
                for (const auto& [slip, v] : ji["slips"].items())
                    if (v.is_number()) item.Slips.push_back({slip, v.get<double>()});
            if (item.Type == ItemType::Sort && ji.contains("cards") && ji["cards"].is_array()) {
                for (const json& pair : ji["cards"]) {
                    if (!pair.is_array() || pair.size() != 2 || !pair[0].is_string() || !pair[1].is_string()) {
                        result.Errors.push_back(where + ".cards: each card is [\"card id\", \"category id\"]");
                        continue;
                    }
                    item.Options.push_back(pair[0].get<std::string>());
                    item.CardCategory.push_back(pair[1].get<std::string>());
                }
            }
            if (item.Type == ItemType::Match && ji.contains("rows") && ji["rows"].is_array()) {
                for (const json& row : ji["rows"]) {
                    std::vector<std::string> cells;
                    if (row.is_array())
                        for (const json& c : row)
                            if (c.is_string()) cells.push_back(c.get<std::string>());
                    item.Rows.push_back(cells);
                }
            }
            if (item.Type == ItemType::Numeric) {
                if (!ji.contains("value") || !ji["value"].is_number())
                    result.Errors.push_back(where + ": numeric item needs a number \"value\"");
                else
                    item.Value = ji["value"].get<double>();
                item.Tolerance = ji.value("tolerance", 0.0);
                item.Unit = ji.value("unit", "");
            }
            CheckItem(item, where, result.Errors);
            lesson.Items.push_back(std::move(item));
        }
        if (lesson.Items.empty()) result.Errors.push_back(lwhere + ": no items");
        unit.Lessons.push_back(std::move(lesson));
    }
    return result;
}

std::vector<std::string> PictureTextKeys(std::string_view picture) {
    std::vector<std::string> parts;
    if (picture == "lifecycle") parts = {"reach", "acquire", "convert", "retain", "inspire"};
    else if (picture == "pareto") parts = {"x", "y", "note"};
    else if (picture == "rfm") parts = {"r", "f", "champions", "loyal", "new", "atrisk", "lost"};
    else if (picture == "card") parts = {"identity", "classification", "business", "place", "value", "behaviour", "voice", "plans"};
    else if (picture == "ltv") parts = {"s", "c", "p", "t"};
    std::vector<std::string> keys;
    for (const std::string& part : parts) keys.push_back("pic." + std::string(picture) + "." + part);
    return keys;
}

std::vector<std::string> TextKeys(const Lesson& lesson) {
    std::vector<std::string> keys = {lesson.Id + ".title", lesson.Id + ".intro"};
    for (const TeachScreen& t : lesson.Teach) {
        keys.push_back(lesson.Id + ".teach." + t.Id + ".title");
        keys.push_back(lesson.Id + ".teach." + t.Id + ".body");
        for (const std::string& k : PictureTextKeys(t.Picture)) keys.push_back(k);
    }
    for (const std::string& p : lesson.Points) keys.push_back(lesson.Id + ".point." + p);
    for (const Concept& c : lesson.Concepts) keys.push_back(lesson.Id + ".concept." + c.Id);
    return keys;
}

std::vector<std::string> TextKeys(const Item& item) {
    const std::string& id = item.Id;
    std::vector<std::string> keys = {id + ".prompt", id + ".explain"};
    if (item.HasHint) keys.push_back(id + ".hint");
    switch (item.Type) {
        case ItemType::Single:
        case ItemType::Multi:
        case ItemType::Scenario:
        case ItemType::Order:
        case ItemType::Sort:
            for (const std::string& o : item.Options) {
                keys.push_back(id + "." + o);
                keys.push_back(id + "." + o + ".why");
            }
            for (const std::string& c : item.Categories) keys.push_back(id + "." + c);
            break;
        case ItemType::Match:
            if (!item.Rows.empty())
                for (size_t c = 0; c < item.Rows[0].size(); ++c) keys.push_back(id + ".col" + std::to_string(c));
            for (const auto& row : item.Rows) {
                for (const std::string& cell : row) keys.push_back(id + "." + cell);
                if (!row.empty()) keys.push_back(id + "." + row[0] + ".why");
            }
            break;
        case ItemType::Numeric:
            for (const std::string& u : item.Units) keys.push_back(id + "." + u);
            for (const auto& slip : item.Slips) keys.push_back(id + ".slip." + slip.first);
            break;
        case ItemType::Task:
            for (const std::string& o : item.Options) keys.push_back(id + "." + o);
            break;
    }
    return keys;
}

std::vector<std::string> MissingTexts(const Unit& unit, const StringTable& texts) {
    std::vector<std::string> missing;
    auto check = [&](const std::vector<std::string>& keys) {
        for (const std::string& k : keys) {
            auto it = texts.Entries.find(k);
            if (it == texts.Entries.end() || it->second.empty()) missing.push_back(k);
        }
    };
    for (const Lesson& l : unit.Lessons) {
        check(TextKeys(l));
        for (const Item& i : l.Items) check(TextKeys(i));
    }
    return missing;
}

}  // namespace profila::course
