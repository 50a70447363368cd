// The three-way merge (see merge.h for the rules).
#include "sync/merge.h"

#include <algorithm>
#include <optional>
#include <unordered_map>

namespace profila::sync {
namespace {

using nlohmann::json;

struct Merger {
    const MergeOptions& Options;
    MergeResult& Out;

    bool IsIgnored(const std::string& key) const {
        return std::find(Options.Ignored.begin(), Options.Ignored.end(), key) != Options.Ignored.end();
    }

    // Equal, leaving out the ignored keys of objects (at every depth).
    bool Same(const json* a, const json* b) const {
        if (!a || !b) return !a && !b;
        if (a->is_object() && b->is_object()) {
            for (auto it = a->begin(); it != a->end(); ++it) {
                if (IsIgnored(it.key())) continue;
                auto other = b->find(it.key());
                if (other == b->end() || !Same(&it.value(), &*other)) return false;
            }
            for (auto it = b->begin(); it != b->end(); ++it)
                if (!IsIgnored(it.key()) && !a->contains(it.key())) return false;
            return true;
        }
        if (a->is_array() && b->is_array()) {
            if (a->size() != b->size()) return false;
            for (size_t i = 0; i < a->size(); ++i)
                if (!Same(&(*a)[i], &(*b)[i])) return false;
            return true;
        }
        return *a == *b;
    }

    void Conflict(const std::string& path, const json* b, const json* m, const json* t) {
        Out.Conflicts.push_back({path, b ? *b : json(), m ? *m : json(), t ? *t : json()});
    }

    // The merged value of one field; nullopt: the field is absent from the result.
    std::optional<json> Value(const json* b, const json* m, const json* t, const std::string& path) {
        if (m && t && m->is_object() && t->is_object() && (!b || b->is_object())) return Object(b, *m, *t, path);
        if (Same(m, t)) return m ? std::optional<json>(*m) : std::nullopt;
        if (Same(b, m)) return t ? std::optional<json>(*t) : std::nullopt;
        if (Same(b, t)) return m ? std::optional<json>(*m) : std::nullopt;
        if (m && t && m->is_array() && t->is_array() && (!b || b->is_array())) {
            const json empty = json::array();
            const json& base = b ? *b : empty;
            if (AreRows(*m) && AreRows(*t) && AreRows(base)) return Rows(base, *m, *t, path);
            if (AreScalars(*m) && AreScalars(*t) && AreScalars(base)) return Set(base, *m, *t);
        }
        Conflict(path, b, m, t);
        return m ? std::optional<json>(*m) : std::nullopt;
    }

    json Object(const json* b, const json& m, const json& t, const std::string& path) {
        json out = json::object();
        auto field = [&](const std::string& key) {
            const json* bk = nullptr;
            if (b) {
                auto it = b->find(key);
                if (it != b->end()) bk = &*it;
            }
            auto mi = m.find(key), ti = t.find(key);
            const json* mk = mi != m.end() ? &*mi : nullptr;
            const json* tk = ti != t.end() ? &*ti : nullptr;
            if (IsIgnored(key)) {
                if (mk) out[key] = *mk;
                else if (tk) out[key] = *tk;
                return;
            }
            if (std::optional<json> v = Value(bk, mk, tk, path + "/" + EscapeKey(key))) out[key] = std::move(*v);
        };
        for (auto it = m.begin(); it != m.end(); ++it) field(it.key());
        for (auto it = t.begin(); it != t.end(); ++it)
            if (!m.contains(it.key())) field(it.key());
        return out;  // keys of the base gone from both sides stay gone
    }

    static bool AreRows(const json& list) {
        return std::all_of(list.begin(), list.end(), [](const json& row) {
            return row.is_object() && row.contains("id") && row["id"].is_string() && !row["id"].get_ref<const std::string&>().empty();
        });
    }
    static bool AreScalars(const json& list) {
        return std::all_of(list.begin(), list.end(), [](const json& v) { return v.is_primitive(); });
    }

    // Rows by id: mine's order, then the rows only theirs has, in theirs' order.
    json Rows(const json& b, const json& m, const json& t, const std::string& path) {
        auto index = [](const json& list) {
            std::unordered_map<std::string, const json*> by_id;
            for (const json& row : list) by_id.emplace(row["id"].get<std::string>(), &row);
            return by_id;
        };
        auto bi = index(b), mi = index(m), ti = index(t);
        auto find = [](const std::unordered_map<std::string, const json*>& map, const std::string& id) -> const json* {
            auto it = map.find(id);
            return it == map.end() ? nullptr : it->second;
        };
        json out = json::array();
        auto row = [&](const std::string& id) {
            const json* br = find(bi, id);
            const json* mr = find(mi, id);
            const json* tr = find(ti, id);
            std::string row_path = path + "/" + EscapeKey(id);
            if (mr && tr) {
                if (std::optional<json> v = Value(br, mr, tr, row_path)) out.push_back(std::move(*v));
                return;
            }
            const json* kept = mr ? mr : tr;
            if (br) {  // deleted on the other side
                if (Same(br, kept)) return;
                Out.Notes.push_back({row_path, "edit_kept_over_delete"});
            }
            out.push_back(*kept);
        };
        for (const json& r : m) row(r["id"].get<std::string>());
        for (const json& r : t)
            if (!mi.count(r["id"].get<std::string>())) row(r["id"].get<std::string>());
        return out;
    }

    // Plain values as a set: mine, less what theirs removed, plus what theirs added.
    static json Set(const json& b, const json& m, const json& t) {
        auto has = [](const json& list, const json& v) { return std::find(list.begin(), list.end(), v) != list.end(); };
        json out = json::array();
        for (const json& v : m)
            if (!(has(b, v) && !has(t, v))) out.push_back(v);
        for (const json& v : t)
            if (!has(b, v) && !has(out, v)) out.push_back(v);
        return out;
    }

    static std::string EscapeKey(const std::string& key) {
        std::string out;
        for (char c : key) {
            if (c == '~') out += "~0";
            else if (c == '/') out += "~1";
            else out += c;
        }
        return out;
    }
};

std::string UnescapeKey(const std::string& part) {
    std::string out;
    for (size_t i = 0; i < part.size(); ++i) {
        if (part[i] == '~' && i + 1 < part.size() && (part[i + 1] == '0' || part[i + 1] == '1')) {
            out += part[i + 1] == '0' ? '~' : '/';
            ++i;
        } else {
            out += part[i];
        }
    }
    return out;
}

// Sets the value at path (object keys, and rows of a list by their "id"); a null value removes it.
void SetAt(json& doc, const std::string& path, const json& value) {
    std::vector<std::string> parts;
    for (size_t start = 1; start <= path.size();) {
        size_t end = path.find('/', start);
        if (end == std::string::npos) end = path.size();
        parts.push_back(UnescapeKey(path.substr(start, end - start)));
        start = end + 1;
    }
    json* at = &doc;
    for (size_t i = 0; i < parts.size(); ++i) {
        bool last = i + 1 == parts.size();
        if (at->is_object()) {
            if (last) {
                if (value.is_null()) at->erase(parts[i]);
                else (*at)[parts[i]] = value;
                return;
            }
            auto it = at->find(parts[i]);
            if (it == at->end()) return;
            at = &*it;
        } else if (at->is_array()) {
            auto it = std::find_if(at->begin(), at->end(), [&](const json& r) { return r.is_object() && r.value("id", "") == parts[i]; });
            if (it == at->end()) return;
            if (last) {
                if (value.is_null()) at->erase(it);
                else *it = value;
                return;
            }
            at = &*it;
        } else {
            return;
        }
    }
}

}  // namespace

MergeResult MergeDocuments(const json* base, const json* mine, const json* theirs, const MergeOptions& options) {
    MergeResult out;
    Merger merger{options, out};
    if (!mine && !theirs) {
        out.Deleted = true;
        return out;
    }
    if (!mine || !theirs) {
        const json* kept = mine ? mine : theirs;
        if (base && merger.Same(base, kept)) {  // deleted on one side, untouched on the other
            out.Deleted = true;
            return out;
        }
        if (base) out.Notes.push_back({"", "edit_kept_over_delete"});
        out.Merged = *kept;
        return out;
    }
    std::optional<json> merged = merger.Value(base, mine, theirs, "");
    out.Merged = merged ? std::move(*merged) : json();
    return out;
}

json ApplyChoices(const MergeResult& merge, const std::vector<FieldChoice>& choices) {
    json doc = merge.Merged;
    for (const FieldChoice& choice : choices) {
        auto c = std::find_if(merge.Conflicts.begin(), merge.Conflicts.end(), [&](const FieldConflict& f) { return f.Path == choice.Path; });
        if (c == merge.Conflicts.end()) continue;
        const json& value = choice.Pick == Choice::Mine ? c->Mine : c->Theirs;
        if (c->Path.empty()) doc = value;
        else SetAt(doc, c->Path, value);
    }
    return doc;
}

}  // namespace profila::sync
