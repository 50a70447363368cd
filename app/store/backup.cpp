// Backup and restore of the open workspace (Settings, "Your data"; see store.h).
#include <algorithm>
#include <memory>

#include "codec/backup.h"
#include "codec/customer_record.h"
#include "codec/persona_json.h"
#include "store/collections.h"
#include "store/store.h"
#include "ui/format.h"

std::string BackupText(const AppState& state) {
    return profila::BackupToJson(state.Doc.Data, state.Doc.Personas, true, true);
}

namespace {
void MarkBackedUp(AppState& state) {
    for (storage::WorkspaceInfo& info : state.Doc.Store.Workspaces)
        if (info.Id == state.Doc.Data.Id) {
            info.LastBackupMs = WallClockMs();
            storage::PutWorkspaceInfo(info, nullptr);
        }
}
}  // namespace

void ExportBackup(AppState& state) {
    std::string name = ui::SafeFileName(state.Doc.Data.Name);
    if (name.empty()) name = "profila";
    name += "-" + profila::FormatIsoDate(ui::Today()) + ".profila.json";
    if (IsWorkspaceEncrypted(state)) {
        // An encrypted workspace's backup is sealed too: the file carries salt, iterations and
        // ciphertext, and restoring it asks for the passphrase.
        AppState* s = &state;
        storage::SealBackup(state.Doc.Data.Id, BackupText(state), [s, name](bool ok, std::string sealed) {
            if (!ok) return;
            storage::DownloadText(name, "application/json", sealed);
            MarkBackedUp(*s);
        });
        return;
    }
    storage::DownloadText(name, "application/json", BackupText(state));
    MarkBackedUp(state);
}

bool PrepareRestore(AppState& state, const std::string& file_name, const std::string& text) {
    StoreStatus& st = state.Doc.Store;
    st.RestoreIssues.clear();
    st.RestorePending = false;
    st.RestoreFileName = file_name;
    st.RestoreResult.clear();
    st.RestoreSealed.clear();
    st.RestoreSealedMessage.clear();
    if (storage::IsSealedBackup(text)) {  // a passphrase opens it first (OpenSealedRestore)
        st.RestoreSealed = text;
        return false;
    }
    profila::BackupContents backup = profila::ReadBackup(text);  // one parse for customers and personas
    profila::WorkspaceDecodeResult& d = backup.Workspace;
    auto refuse = [&](const std::vector<std::string>& issues) {
        for (size_t i = 0; i < issues.size() && i < 20; ++i) st.RestoreIssues.push_back(issues[i]);
        if (issues.size() > 20) st.RestoreIssues.push_back("...");
        return false;
    };
    if (!d.Ok()) {
        std::vector<std::string> issues;
        for (const auto& i : d.Issues) issues.push_back(i.Message);
        return refuse(issues);
    }
    if (!backup.Personas.Errors.empty()) return refuse(backup.Personas.Errors);
    // Forgotten people stay forgotten: an older backup's copies of them are left out (the confirmation says how many).
    st.SkippedForgotten = static_cast<int>(DropForgottenCustomers(state.Doc, d.Value.Customers));
    st.RestoreData = std::move(d.Value);
    st.RestoreHasPersonas = backup.Personas.Present;
    st.RestorePersonas = std::move(backup.Personas.Personas);
    st.RestorePending = true;
    return true;
}

void PickBackupToRestore(AppState& state) {
    AppState* s = &state;
    storage::PickTextFile(".json,application/json", [s](bool picked, std::string name, std::string text) {
        if (picked) PrepareRestore(*s, name, text);
    });
}

void CancelRestore(AppState& state) {
    state.Doc.Store.RestorePending = false;
    state.Doc.Store.RestoreData = profila::Workspace{};
    state.Doc.Store.RestoreHasPersonas = false;
    state.Doc.Store.RestorePersonas.clear();
}

namespace {
// A revision above anything stored or given for the key: other tabs take the restored copy as newer.
int64_t RestoredRevision(const CollectionState& cs, const std::string& key, int64_t revision) {
    int64_t floor = 1;
    if (auto it = cs.Stored.find(key); it != cs.Stored.end()) floor = std::max(floor, it->second + 1);
    if (auto it = cs.Issued.find(key); it != cs.Issued.end()) floor = std::max(floor, it->second + 1);
    return std::max(revision, floor);
}
}  // namespace

void ConfirmRestore(AppState& state) {
    Document& doc = state.Doc;
    StoreStatus& st = doc.Store;
    if (!st.RestorePending || st.RestoreInFlight || !doc.Loaded) return;
    st.RestorePending = false;
    st.RestoreInFlight = true;
    auto customers = std::make_shared<std::vector<profila::Customer>>(std::move(st.RestoreData.Customers));
    st.RestoreData = profila::Workspace{};
    auto personas = std::make_shared<std::vector<profila::Persona>>(std::move(st.RestorePersonas));
    bool has_personas = st.RestoreHasPersonas;
    st.RestorePersonas.clear();
    st.RestoreHasPersonas = false;
    // Customers and personas are replaced together, in one transaction: a crash leaves the old
    // workspace or the restored one, never half of each.
    std::vector<storage::Record> puts;
    puts.reserve(customers->size() + personas->size());
    const CollectionState& cc = doc.State(Collection::Customers);
    for (profila::Customer& c : *customers) {
        c.Revision = RestoredRevision(cc, c.Id, c.Revision);
        puts.push_back(CustomerRecord(c));
    }
    std::vector<std::string> replaced = {CollectionName(Collection::Customers)};
    if (has_personas) {
        const CollectionState& pc = doc.State(Collection::Personas);
        for (profila::Persona& p : *personas) {
            p.Revision = RestoredRevision(pc, p.Id, p.Revision);
            puts.push_back(PersonaRecord(p));
        }
        replaced.push_back(CollectionName(Collection::Personas));
    }
    AppState* s = &state;
    std::string ws = doc.Data.Id;
    storage::ReplaceCollections(ws, replaced, std::move(puts), [s, ws, customers, personas, has_personas](storage::WriteResult r) {
        Document& d = s->Doc;
        d.Store.RestoreInFlight = false;
        ++d.Store.RestoreSerial;
        if (!r.Ok) {
            d.Store.RestoreResult = std::string(s->T(WriteErrorKey(r.Code))) + (r.Error.empty() ? "" : " (" + r.Error + ")");
            return;
        }
        d.Store.RestoreResult = "ok";
        ++d.Store.SavedCount;  // the restore was a completed save
        d.Store.LastSaveMilliseconds = r.Milliseconds;
        if (d.Data.Id != ws) return;
        auto adopt = [&](Collection c, auto& list, auto& items) {
            CollectionState& cs = d.State(c);
            cs.Stored.clear();
            cs.Dirty.clear();
            cs.Deleted.clear();
            for (const auto& item : items) {
                cs.Stored[item.Id] = item.Revision;
                int64_t& issued = cs.Issued[item.Id];
                issued = std::max(issued, item.Revision);
            }
            list = std::move(items);
        };
        adopt(Collection::Customers, d.Data.Customers, *customers);
        if (has_personas) adopt(Collection::Personas, d.Personas, *personas);
        ++d.EditSerial;  // what screens derived from the data is out of date
        bool more = AnythingDirty(d);
        if (!more) d.SavedThrough = std::max(d.SavedThrough, d.EditSerial);
        d.Save = more ? SaveState::Pending : SaveState::Saved;
        d.SaveError.clear();
    });
}
