// Local items <-> CouchDB documents: ids, the JSON bodies the codecs write, their checksums, and a
// body applied to the document as the screens' commands do (see sync_internal.h).
#include <cstdio>
#include <ctime>

#include "app.h"
#include "codec/customer_json.h"
#include "codec/persona_json.h"
#include "store/collections.h"
#include "store/store.h"
#include "sync/sync_internal.h"
#include "text/hash.h"

namespace sync_internal {

bool Syncs(Collection c) { return c == Collection::Customers || c == Collection::Personas || c == Collection::Settings; }
// What goes to this database: a business's everything, a class's personas only (the trainee's
// customers and settings stay on the device; their progress goes up as statements).
bool Shares(const SyncBook& s, Collection c) { return s.Config.Class.empty() ? Syncs(c) : c == Collection::Personas; }
bool IsStatementKey(const std::string& key) { return key.rfind(kStatementPrefix, 0) == 0; }

const char* DocType(Collection c) {
    switch (c) {
        case Collection::Customers: return "customer";
        case Collection::Personas: return "persona";
        case Collection::Settings: return "settings";
        default: return "";
    }
}

std::optional<Ref> RefFromName(const std::string& name) {
    size_t slash = name.find('/');
    if (slash == std::string::npos) return std::nullopt;
    std::optional<Collection> c = CollectionFromName(name.substr(0, slash));
    if (!c || !Syncs(*c)) return std::nullopt;
    return Ref{*c, name.substr(slash + 1)};
}

std::optional<Ref> RefFromDocId(const std::string& id) {
    size_t colon = id.find(':');
    if (colon == std::string::npos) return std::nullopt;
    std::string type = id.substr(0, colon);
    for (Collection c : {Collection::Customers, Collection::Personas, Collection::Settings})
        if (type == DocType(c)) return Ref{c, id.substr(colon + 1)};
    return std::nullopt;  // design documents and anything else this app does not keep
}

std::string DocId(const Ref& r) { return std::string(DocType(r.C)) + ":" + r.Key; }

std::string UrlPart(const std::string& s) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char ch : s) {
        if (std::isalnum(ch) || ch == '-' || ch == '_' || ch == '.' || ch == '~' || ch == ':') out += static_cast<char>(ch);
        else {
            out += '%';
            out += hex[ch >> 4];
            out += hex[ch & 15];
        }
    }
    return out;
}

std::string DbPath(const SyncBook& s) { return s.Config.Server + "/" + UrlPart(s.Config.Database); }

std::string IsoNow() {
    std::time_t t = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

// The item as the JSON the codecs write (nullopt: not in the document).
std::optional<json> LocalBody(const Document& doc, const Ref& r) {
    switch (r.C) {
        case Collection::Customers:
            if (const profila::Customer* c = FindCustomer(doc, r.Key)) return profila::CustomerToJsonValue(*c);
            return std::nullopt;
        case Collection::Personas:
            for (const profila::Persona& p : doc.Personas)
                if (p.Id == r.Key) return profila::PersonaToJsonValue(p);
            return std::nullopt;
        case Collection::Settings: {
            json j = json::parse(WorkspaceSettingsToJson(doc.Settings), nullptr, false);
            if (j.is_discarded()) return std::nullopt;
            return j;
        }
        default: return std::nullopt;
    }
}

// A server document without what only the server or the sync adds.
json Strip(json d) {
    for (const char* k : {"_id", "_rev", "_conflicts", "_deleted", "_revisions", "_attachments", "type", "device", "deviceId", "deviceSum", "edited", "revision"})
        d.erase(k);
    return d;
}

// The content of a body (as Strip leaves it) as FNV-1a 64, numbers taken as doubles (a JavaScript
// server gives 10.0 back as 10): with "deviceId" it marks a copy exactly as this device wrote it, so a
// tool that changed the document but kept those fields is not taken for this device.
void SumInto(uint64_t& h, const json& j) {
    if (j.is_object()) {
        h = profila::Fnv1a64Bytes(h, "{");
        for (const auto& [k, v] : j.items()) {
            h = profila::Fnv1a64Bytes(profila::Fnv1a64Bytes(h, k), ":");
            SumInto(h, v);
        }
        h = profila::Fnv1a64Bytes(h, "}");
    } else if (j.is_array()) {
        h = profila::Fnv1a64Bytes(h, "[");
        for (const json& v : j) {
            SumInto(h, v);
            h = profila::Fnv1a64Bytes(h, ",");
        }
        h = profila::Fnv1a64Bytes(h, "]");
    } else if (j.is_number()) {
        char buf[40];
        std::snprintf(buf, sizeof buf, "%.17g", j.get<double>());
        h = profila::Fnv1a64Bytes(h, buf);
    } else if (j.is_string()) {
        h = profila::Fnv1a64Bytes(profila::Fnv1a64Bytes(h, "\""), j.get_ref<const std::string&>());
    } else {
        h = profila::Fnv1a64Bytes(h, j.dump());
    }
}
std::string ContentSum(const json& body) {
    uint64_t h = profila::kFnv1a64Basis;
    SumInto(h, body);
    char buf[20];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
    return buf;
}

// Puts a body from the server into the document through the same commands the screens use;
// nullptr removes the item. False (and why) when the body cannot be read as such an item.
bool ApplyLocal(Document& doc, const Ref& r, const json* body, std::string& why) {
    double now = AppClock();
    std::string name = r.Name();
    switch (r.C) {
        case Collection::Customers: {
            if (!body) {
                if (FindCustomer(doc, r.Key)) RemoveCustomer(doc, r.Key, now);
                break;
            }
            profila::CustomerDecodeResult d = profila::CustomerFromJsonValue(*body);
            if (!d.Ok() || d.Value.Id != r.Key) {
                why = d.Ok() ? "id does not match" : d.Issues.front().Message;
                return false;
            }
            if (const profila::Customer* cur = FindCustomer(doc, r.Key)) d.Value.Revision = cur->Revision;
            CommitCustomer(doc, std::move(d.Value), now);
            break;
        }
        case Collection::Personas: {
            if (!body) {
                if (FindPersona(doc, r.Key)) RemovePersona(doc, r.Key, now);
                break;
            }
            profila::PersonaParseResult p = profila::ParsePersonaValue(*body);
            if (!p.Value || p.Value->Id != r.Key) {
                why = p.Errors.empty() ? "id does not match" : p.Errors.front().Code;
                return false;
            }
            if (profila::Persona* cur = FindPersona(doc, r.Key)) p.Value->Revision = cur->Revision;
            CommitPersona(doc, std::move(*p.Value), now);
            break;
        }
        case Collection::Settings: {
            if (!body) break;  // the settings record is never deleted
            std::optional<WorkspaceSettings> s = WorkspaceSettingsFromJson(body->dump(), why);
            if (!s) return false;
            SetWorkspaceSettings(doc, std::move(*s), now);
            break;
        }
        default: return false;
    }
    doc.Sync->FromServer.insert(name);  // dirty now, but no outbox entry: it came from the server
    return true;
}

// The generation of a revision "N-hash" (-1 when it has none).
long RevGeneration(const std::string& rev) {
    size_t dash = rev.find('-');
    if (dash == 0 || dash == std::string::npos || dash > 9) return -1;
    long n = 0;
    for (size_t i = 0; i < dash; ++i) {
        if (rev[i] < '0' || rev[i] > '9') return -1;
        n = n * 10 + (rev[i] - '0');
    }
    return n;
}

}  // namespace sync_internal
