#include "store/document.h"

#include <algorithm>
#include <chrono>
#include <string_view>
#include <unordered_map>

#include "codec/customer_fields.h"
#include "nlohmann/json.hpp"
#include "text/sha256.h"
#include "sync/sync_book.h"

namespace {
constexpr const char* kCollectionNames[kCollectionCount] = {"customers", "personas", "progress", "settings"};

void MarkEdited(Document& doc, double now_seconds) {
    doc.LastEditSeconds = now_seconds;
    ++doc.EditSerial;
    // A save in flight stays Saving: its completion sees the new edit (and starts the next write);
    // Pending here would let a flush start a second write beside it.
    if (doc.Save != SaveState::Saving) doc.Save = SaveState::Pending;
}

// Whole-collection changes (an import, the example shop, an undo) are written at once: what the
// screen reports as done must be stored before a quick reload can take it away.
void AskToSaveNow(Document& doc) { doc.Store.FlushRequested = true; }

uint64_t WallMs() {
    using namespace std::chrono;
    return static_cast<uint64_t>(duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count());
}
}  // namespace

const char* CollectionName(Collection c) { return kCollectionNames[static_cast<size_t>(c)]; }

std::optional<Collection> CollectionFromName(const std::string& name) {
    for (int i = 0; i < kCollectionCount; ++i)
        if (name == kCollectionNames[i]) return static_cast<Collection>(i);
    return std::nullopt;
}

std::string WorkspaceSettingsToJson(const WorkspaceSettings& settings) {
    nlohmann::json j = {{"schema", 1}, {"businessName", settings.BusinessName}};
    if (!settings.Forgotten.Hashes.empty() || !settings.Forgotten.Salt.empty())
        j["forgotten"] = nlohmann::json::parse(profila::ForgottenListToJson(settings.Forgotten));
    if (settings.RetentionYears > 0) j["retentionYears"] = settings.RetentionYears;
    if (!settings.OwnVatNumber.empty()) j["ownVatNumber"] = settings.OwnVatNumber;  // written once set: older records stay byte-equal
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::optional<WorkspaceSettings> WorkspaceSettingsFromJson(std::string_view text, std::string& error) {
    nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
    if (!j.is_object()) {
        error = "settings: not a JSON object";
        return std::nullopt;
    }
    WorkspaceSettings s;
    if (auto it = j.find("businessName"); it != j.end()) {
        if (!it->is_string()) {
            error = "settings.businessName: not a text";
            return std::nullopt;
        }
        s.BusinessName = it->get<std::string>();
    }
    if (auto it = j.find("forgotten"); it != j.end() && !profila::ForgottenListFromJson(it->dump(), s.Forgotten)) {
        error = "settings.forgotten: not a list of hashes";
        return std::nullopt;
    }
    if (auto it = j.find("retentionYears"); it != j.end() && it->is_number_integer()) s.RetentionYears = std::max(0, it->get<int>());
    if (auto it = j.find("ownVatNumber"); it != j.end() && it->is_string()) s.OwnVatNumber = it->get<std::string>();
    return s;
}

Document::Document() : Sync(std::make_unique<SyncBook>()) {}
Document::~Document() = default;

int64_t MarkDirty(Document& doc, Collection c, const std::string& key, int64_t current_revision, double now_seconds) {
    CollectionState& st = doc.State(c);
    if (!doc.Sync->FromServer.empty()) doc.Sync->FromServer.erase(std::string(CollectionName(c)) + "/" + key);  // an edit here
    int64_t prev = current_revision;
    if (auto stored = st.Stored.find(key); stored != st.Stored.end()) prev = std::max(prev, stored->second);
    // New ids are in order (ULIDs): a hint at the end makes their inserts constant time (an import
    // marks 100,000 at once); any other key costs one comparison more.
    int64_t& issued = st.Issued.try_emplace(st.Issued.end(), key, 0)->second;
    issued = std::max(prev, issued) + 1;
    st.Deleted.erase(key);
    st.Dirty.insert(st.Dirty.end(), key);
    MarkEdited(doc, now_seconds);
    return issued;
}

namespace {
void MarkDeleted(Document& doc, Collection c, const std::string& key) {
    CollectionState& st = doc.State(c);
    st.Dirty.erase(key);
    st.Deleted.insert(key);
}
}  // namespace

// ---- Customers --------------------------------------------------------------------------------
uint64_t CommitCustomer(Document& doc, profila::Customer customer, double now_seconds) {
    profila::AssignMissingIds(customer, doc.Ids, WallMs());  // rows added on the card get theirs here
    auto& list = doc.Data.Customers;
    auto it = std::find_if(list.begin(), list.end(), [&](const profila::Customer& c) { return c.Id == customer.Id; });
    int64_t current = std::max(customer.Revision, it != list.end() ? it->Revision : 0);
    customer.Revision = MarkDirty(doc, Collection::Customers, customer.Id, current, now_seconds);
    if (it != list.end()) *it = std::move(customer);
    else list.push_back(std::move(customer));
    return doc.EditSerial;
}

uint64_t CommitCustomers(Document& doc, std::vector<profila::Customer> customers, double now_seconds) {
    auto& list = doc.Data.Customers;
    if (list.empty()) {
        // An import into an empty workspace: the imported vector becomes the list (no second copy of
        // every card); a card whose id came earlier in it replaces that one, as below.
        list.swap(customers);
        // Keyed by a view of the kept card's id (no copy of 100,000 ids): re-keyed when a later
        // card with the same id replaces it, as the replaced id's bytes go with it.
        std::unordered_map<std::string_view, size_t> seen;
        seen.reserve(list.size());
        uint64_t now_ms = WallMs();
        size_t kept = 0;
        for (size_t i = 0; i < list.size(); ++i) {
            profila::Customer& customer = list[i];
            profila::AssignMissingIds(customer, doc.Ids, now_ms);
            auto found = seen.find(customer.Id);
            int64_t current = std::max(customer.Revision, found != seen.end() ? list[found->second].Revision : 0);
            customer.Revision = MarkDirty(doc, Collection::Customers, customer.Id, current, now_seconds);
            if (found != seen.end()) {
                const size_t at = found->second;
                seen.erase(found);
                list[at] = std::move(customer);
                seen.emplace(list[at].Id, at);
            } else {
                if (kept != i) list[kept] = std::move(customer);
                seen.emplace(list[kept].Id, kept);
                ++kept;
            }
        }
        list.resize(kept);
        MarkEdited(doc, now_seconds);
        AskToSaveNow(doc);
        return doc.EditSerial;
    }
    std::unordered_map<std::string, size_t> index;
    index.reserve(list.size() + customers.size());
    list.reserve(list.size() + customers.size());
    for (size_t i = 0; i < list.size(); ++i) index.emplace(list[i].Id, i);
    uint64_t now_ms = WallMs();
    for (profila::Customer& customer : customers) {
        profila::AssignMissingIds(customer, doc.Ids, now_ms);
        auto found = index.find(customer.Id);
        size_t at = found != index.end() ? found->second : list.size();
        int64_t current = std::max(customer.Revision, at < list.size() ? list[at].Revision : 0);
        customer.Revision = MarkDirty(doc, Collection::Customers, customer.Id, current, now_seconds);
        if (at < list.size()) {
            list[at] = std::move(customer);
        } else {
            index.emplace(customer.Id, at);
            list.push_back(std::move(customer));
        }
    }
    MarkEdited(doc, now_seconds);
    AskToSaveNow(doc);
    return doc.EditSerial;
}

uint64_t RemoveCustomers(Document& doc, const std::vector<std::string>& ids, double now_seconds) {
    std::set<std::string> gone(ids.begin(), ids.end());
    auto& list = doc.Data.Customers;
    list.erase(std::remove_if(list.begin(), list.end(), [&](const profila::Customer& c) { return gone.count(c.Id) > 0; }),
               list.end());
    for (const std::string& id : gone) MarkDeleted(doc, Collection::Customers, id);
    MarkEdited(doc, now_seconds);
    if (ids.size() > 1) AskToSaveNow(doc);
    return doc.EditSerial;
}

uint64_t RemoveCustomer(Document& doc, const std::string& id, double now_seconds) {
    return RemoveCustomers(doc, {id}, now_seconds);
}

uint64_t ForgetCustomers(Document& doc, const std::vector<std::string>& ids, double now_seconds) {
    profila::ForgottenList& list = doc.Settings.Forgotten;
    // The salt: random, once per workspace (a ULID's random bits, hashed), so hashes differ between workspaces.
    if (list.Salt.empty()) list.Salt = profila::Sha256Hex(NewId(doc) + NewId(doc)).substr(0, 32);
    for (const std::string& id : ids)
        if (const profila::Customer* c = FindCustomer(doc, id)) profila::AddForgotten(list, *c);
    RemoveCustomers(doc, ids, now_seconds);
    for (const std::string& id : ids) doc.State(Collection::Customers).Purge.insert(id);
    doc.SettingsRevision = MarkDirty(doc, Collection::Settings, kSettingsKey, doc.SettingsRevision, now_seconds);
    AskToSaveNow(doc);
    return doc.EditSerial;
}

size_t DropForgottenCustomers(const Document& doc, std::vector<profila::Customer>& customers) {
    return profila::DropForgotten(doc.Settings.Forgotten, customers);
}

const profila::Customer* FindCustomer(const Document& doc, const std::string& id) {
    for (const auto& c : doc.Data.Customers)
        if (c.Id == id) return &c;
    return nullptr;
}

// ---- Personas ---------------------------------------------------------------------------------
std::string AddPersona(Document& doc, profila::Persona persona, double now_seconds) {
    if (persona.Id.empty()) persona.Id = NewId(doc);
    persona.Revision = MarkDirty(doc, Collection::Personas, persona.Id, persona.Revision, now_seconds);
    std::string id = persona.Id;
    doc.Personas.push_back(std::move(persona));
    return id;
}

profila::Persona* FindPersona(Document& doc, const std::string& id) {
    for (auto& p : doc.Personas)
        if (p.Id == id) return &p;
    return nullptr;
}

std::string CommitPersona(Document& doc, profila::Persona persona, double now_seconds) {
    profila::Persona* mine = persona.Id.empty() ? nullptr : FindPersona(doc, persona.Id);
    if (!mine) return AddPersona(doc, std::move(persona), now_seconds);
    persona.Revision = MarkDirty(doc, Collection::Personas, persona.Id, std::max(persona.Revision, mine->Revision), now_seconds);
    *mine = std::move(persona);
    return mine->Id;
}

void MarkPersonaChanged(Document& doc, const std::string& id, double now_seconds) {
    if (profila::Persona* p = FindPersona(doc, id)) p->Revision = MarkDirty(doc, Collection::Personas, id, p->Revision, now_seconds);
}

void RemovePersona(Document& doc, const std::string& id, double now_seconds) {
    auto& list = doc.Personas;
    list.erase(std::remove_if(list.begin(), list.end(), [&](const profila::Persona& p) { return p.Id == id; }), list.end());
    MarkDeleted(doc, Collection::Personas, id);
    MarkEdited(doc, now_seconds);
}

// ---- Progress and settings --------------------------------------------------------------------
void MarkProgressChanged(Document& doc, double now_seconds) {
    doc.ProgressRevision = MarkDirty(doc, Collection::Progress, kProgressKey, doc.ProgressRevision, now_seconds);
}

void SetTraineeName(Document& doc, const std::string& name, double now_seconds) {
    doc.Progress.Trainee = name;
    MarkProgressChanged(doc, now_seconds);
}

void SetWorkspaceSettings(Document& doc, WorkspaceSettings settings, double now_seconds) {
    doc.Settings = std::move(settings);
    doc.SettingsRevision = MarkDirty(doc, Collection::Settings, kSettingsKey, doc.SettingsRevision, now_seconds);
}

// ---- Ids and save state -----------------------------------------------------------------------
std::string NewId(Document& doc) { return doc.Ids.Next(WallMs()); }

bool IsStored(const Document& doc, uint64_t serial) { return doc.SavedThrough >= serial; }

bool AnythingDirty(const Document& doc) {
    for (const CollectionState& st : doc.Collections)
        if (!st.Dirty.empty() || !st.Deleted.empty()) return true;
    return !doc.Sync->PendingPuts.empty() || !doc.Sync->PendingDeletes.empty();  // a pull's checkpoint and bases
}

bool HasUnsavedChanges(const Document& doc) {
    if (doc.Save == SaveState::Failed) return true;
    for (const CollectionState& st : doc.Collections)
        if (!st.Dirty.empty() || !st.Deleted.empty() || !st.InFlightPuts.empty() || !st.InFlightDeletes.empty()) return true;
    return false;
}
