#include "store/collections.h"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "codec/customer_json.h"
#include "codec/customer_record.h"
#include "codec/persona_json.h"

namespace {

std::string IssuesText(const std::vector<profila::FieldIssue>& issues) {
    std::string out;
    for (size_t i = 0; i < issues.size() && i < 3; ++i) out += (i ? "; " : "") + issues[i].Message;
    if (issues.size() > 3) out += "; ...";
    return out;
}

void Forget(storage::Record& r) {
    r.Loaded = {};
    r.Block.reset();
}

// Puts stored customers into the list. The first load of a workspace takes the decoded cards as
// they are (moving 10,000 cards one by one into fresh memory cost ~40 ms in the store bench).
void ApplyCustomers(Document& doc, std::vector<profila::Customer> stored, bool full) {
    if (!stored.empty()) ++doc.CardsLoaded;
    auto& list = doc.Data.Customers;
    CollectionState& st = doc.State(Collection::Customers);
    if (full && list.empty() && st.Dirty.empty() && st.Deleted.empty() && st.InFlightPuts.empty() && st.InFlightDeletes.empty()) {
        st.Stored.clear();
        for (const profila::Customer& c : stored) st.Stored.emplace_hint(st.Stored.end(), c.Id, c.Revision);
        list = std::move(stored);
        return;
    }
    std::unordered_map<std::string, size_t> index;
    index.reserve(list.size() + stored.size());
    for (size_t i = 0; i < list.size(); ++i) index.emplace(list[i].Id, i);
    // Room for all at once: growing a vector of 10,000 cards step by step cost 140 ms natively.
    if (full) list.reserve(list.size() + stored.size());
    for (profila::Customer& c : stored) {
        if (LocallyChanged(doc, Collection::Customers, c.Id)) continue;
        auto known = st.Stored.find(c.Id);
        if (!full && known != st.Stored.end() && known->second >= c.Revision) continue;
        st.Stored[c.Id] = c.Revision;
        auto at = index.find(c.Id);
        if (at != index.end()) list[at->second] = std::move(c);
        else {
            index.emplace(c.Id, list.size());
            list.push_back(std::move(c));
        }
    }
}

void ApplyPersona(Document& doc, profila::Persona p, int64_t revision, bool full) {
    CollectionState& st = doc.State(Collection::Personas);
    if (LocallyChanged(doc, Collection::Personas, p.Id)) return;
    auto known = st.Stored.find(p.Id);
    if (!full && known != st.Stored.end() && known->second >= revision) return;
    st.Stored[p.Id] = revision;
    p.Revision = revision;
    if (profila::Persona* mine = FindPersona(doc, p.Id)) *mine = std::move(p);
    else doc.Personas.push_back(std::move(p));
}

// The single record of a collection (progress, settings): applied when this tab has not changed it.
bool TakeSingle(Document& doc, Collection c, const std::string& key, int64_t revision, bool full) {
    CollectionState& st = doc.State(c);
    if (LocallyChanged(doc, c, key)) return false;
    auto known = st.Stored.find(key);
    if (!full && known != st.Stored.end() && known->second >= revision) return false;
    st.Stored[key] = revision;
    return true;
}

storage::Record MakeRecord(Collection c, const std::string& key, std::string bytes, int64_t revision, int schema) {
    storage::Record r;
    r.Collection = CollectionName(c);
    r.Key = key;
    r.Json = std::move(bytes);
    r.Revision = revision;
    r.Schema = schema;
    return r;
}

}  // namespace

storage::Record CustomerRecord(const profila::Customer& customer) {
    return MakeRecord(Collection::Customers, customer.Id, profila::CustomerToRecord(customer), customer.Revision,
                      profila::kCustomerSchemaVersion);
}

storage::Record PersonaRecord(const profila::Persona& persona) {
    return MakeRecord(Collection::Personas, persona.Id, profila::PersonaToJson(persona), persona.Revision,
                      profila::kPersonaSchemaVersion);
}

std::optional<storage::Record> EncodeRecord(const Document& doc, Collection c, const std::string& key) {
    switch (c) {
        case Collection::Customers:
            if (const profila::Customer* cu = FindCustomer(doc, key)) return CustomerRecord(*cu);
            return std::nullopt;
        case Collection::Personas:
            for (const profila::Persona& p : doc.Personas)
                if (p.Id == key) return PersonaRecord(p);
            return std::nullopt;
        case Collection::Progress:
            if (key != kProgressKey) return std::nullopt;
            return MakeRecord(c, key, profila::course::ProgressToJson(doc.Progress), doc.ProgressRevision, 1);
        case Collection::Settings:
            if (key != kSettingsKey) return std::nullopt;
            return MakeRecord(c, key, WorkspaceSettingsToJson(doc.Settings), doc.SettingsRevision, 1);
    }
    return std::nullopt;
}

void EncodeRecordsInBatches(const Document& doc, Collection c, const std::set<std::string>& keys, size_t batch_bytes,
                            const std::function<void(std::vector<storage::Record>&)>& take) {
    std::vector<storage::Record> batch;
    size_t bytes = 0;
    auto add = [&](storage::Record r) {
        bytes += r.Json.size();
        batch.push_back(std::move(r));
        if (bytes >= batch_bytes) {
            take(batch);
            batch.clear();
            bytes = 0;
        }
    };
    if (c == Collection::Customers && keys.size() > 8) {
        std::unordered_map<std::string_view, const profila::Customer*> index;
        index.reserve(doc.Data.Customers.size());
        for (const profila::Customer& cu : doc.Data.Customers) index.emplace(cu.Id, &cu);
        for (const std::string& key : keys)
            if (auto it = index.find(key); it != index.end()) add(CustomerRecord(*it->second));
    } else {
        for (const std::string& key : keys)
            if (std::optional<storage::Record> r = EncodeRecord(doc, c, key)) add(std::move(*r));
    }
    if (!batch.empty()) take(batch);
}

bool LocallyChanged(const Document& doc, Collection c, const std::string& key) {
    const CollectionState& st = doc.State(c);
    return st.Dirty.count(key) || st.Deleted.count(key) || st.InFlightPuts.count(key) || st.InFlightDeletes.count(key);
}

DecodedRecords ApplyStoredRecords(Document& doc, std::vector<storage::Record>& records, bool full) {
    DecodedRecords out;
    std::vector<profila::Customer> customers;
    customers.reserve(records.size());
    profila::TextPool texts;  // a purchase's category, channel... kept once for the whole load
    auto bad = [&](storage::Record& r, std::string why) {
        out.Bad.push_back({r.Collection, r.Key, -1});
        out.Reasons.push_back(r.Collection + "/" + r.Key + ": " + why);
    };
    for (storage::Record& r : records) {
        std::optional<Collection> c = CollectionFromName(r.Collection);
        if (!c) continue;  // a collection this version does not keep (left alone in storage)
        switch (*c) {
            case Collection::Customers: {
                profila::CustomerRecordDecodeResult d = profila::CustomerFromRecord(r.Bytes(), "", &texts);  // MessagePack, or older JSON text
                Forget(r);
                if (d.Ok() && d.Value.Id == r.Key) {
                    d.Value.Revision = r.Revision;  // the record's revision is the one conflicts are checked on
                    customers.push_back(std::move(d.Value));
                } else {
                    bad(r, d.Ok() ? std::string("id does not match the record key") : IssuesText(d.Issues));
                    continue;
                }
                break;
            }
            case Collection::Personas: {
                if (r.Key == "_index") continue;  // the list of ids earlier versions kept beside the personas
                profila::PersonaParseResult parsed = profila::ParsePersona(r.Bytes());
                Forget(r);
                if (!parsed.Value || parsed.Value->Id != r.Key) {
                    const auto* e = parsed.Errors.empty() ? nullptr : &parsed.Errors.front();
                    bad(r, e ? e->Code + (e->Field.empty() ? "" : " (" + e->Field + ")") : "id does not match the record key");
                    continue;
                }
                ApplyPersona(doc, std::move(*parsed.Value), r.Revision, full);
                break;
            }
            case Collection::Progress: {
                if (r.Key != kProgressKey) continue;
                profila::course::Progress p;
                if (auto error = profila::course::ProgressFromJson(r.Bytes(), p)) {
                    Forget(r);
                    bad(r, *error);
                    continue;
                }
                Forget(r);
                if (TakeSingle(doc, *c, r.Key, r.Revision, full)) {
                    doc.Progress = std::move(p);
                    doc.ProgressRevision = r.Revision;
                }
                break;
            }
            case Collection::Settings: {
                if (r.Key != kSettingsKey) continue;
                std::string error;
                std::optional<WorkspaceSettings> s = WorkspaceSettingsFromJson(r.Bytes(), error);
                Forget(r);
                if (!s) {
                    bad(r, error);
                    continue;
                }
                if (TakeSingle(doc, *c, r.Key, r.Revision, full)) {
                    doc.Settings = std::move(*s);
                    doc.SettingsRevision = r.Revision;
                }
                break;
            }
        }
        out.Present[static_cast<size_t>(*c)].push_back(r.Key);
    }
    ApplyCustomers(doc, std::move(customers), full);
    if (full) {
        // Items stored no more were deleted elsewhere: gone here too, unless changed here meanwhile.
        for (int i = 0; i < kCollectionCount; ++i) {
            Collection c = static_cast<Collection>(i);
            std::unordered_set<std::string> seen(out.Present[i].begin(), out.Present[i].end());
            CollectionState& st = doc.State(c);
            for (auto it = st.Stored.begin(); it != st.Stored.end();) {
                if (seen.count(it->first)) {
                    ++it;
                    continue;
                }
                if (!LocallyChanged(doc, c, it->first)) EraseItem(doc, c, it->first);
                it = st.Stored.erase(it);
            }
            if (c == Collection::Customers && seen.size() != doc.Data.Customers.size()) {
                ++doc.CardsLoaded;
                auto& list = doc.Data.Customers;
                list.erase(std::remove_if(list.begin(), list.end(),
                                          [&](const profila::Customer& cu) {
                                              return !seen.count(cu.Id) && !LocallyChanged(doc, c, cu.Id);
                                          }),
                           list.end());
            }
        }
    }
    return out;
}

void EraseItem(Document& doc, Collection c, const std::string& key) {
    switch (c) {
        case Collection::Customers: {
            ++doc.CardsLoaded;
            auto& list = doc.Data.Customers;
            list.erase(std::remove_if(list.begin(), list.end(), [&](const profila::Customer& cu) { return cu.Id == key; }),
                       list.end());
            break;
        }
        case Collection::Personas: {
            auto& list = doc.Personas;
            list.erase(std::remove_if(list.begin(), list.end(), [&](const profila::Persona& p) { return p.Id == key; }), list.end());
            break;
        }
        case Collection::Progress:
            doc.Progress = {};
            doc.ProgressRevision = 0;
            break;
        case Collection::Settings:
            doc.Settings = {};
            doc.SettingsRevision = 0;
            break;
    }
}
