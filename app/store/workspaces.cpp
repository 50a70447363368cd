// Workspaces: separate businesses in the same browser (Settings, "Your data"; see store.h).
#include <algorithm>
#include <cstdio>

#include "app.h"
#include "platform/platform.h"
#include "store/store.h"

namespace {
storage::WorkspaceInfo* FindWorkspace(AppState& state, const std::string& id) {
    for (auto& w : state.Doc.Store.Workspaces)
        if (w.Id == id) return &w;
    return nullptr;
}
}  // namespace

bool OpenWorkspace(AppState& state, const std::string& workspace_id, bool force) {
    Document& doc = state.Doc;
    if (doc.Data.Id == workspace_id && doc.Loaded) return true;
    if (!force && doc.Loaded && HasUnsavedChanges(doc)) {
        FlushStore(state);
        doc.Store.Notice = "store.switch_wait";
        return false;
    }
    storage::WorkspaceInfo* info = FindWorkspace(state, workspace_id);
    // Leaving an encrypted business locks it: its key does not stay behind (a no-op for others).
    if (!doc.Data.Id.empty() && doc.Data.Id != workspace_id) storage::Lock(doc.Data.Id);
    doc.Data = profila::Workspace{};
    doc.Data.Id = workspace_id;
    doc.Data.Name = info ? info->Name : "";
    doc.Personas.clear();
    doc.Progress = {};
    doc.ProgressRevision = 0;
    doc.Settings = {};
    doc.SettingsRevision = 0;
    for (CollectionState& cs : doc.Collections) cs = CollectionState{};
    doc.Loaded = false;
    doc.Save = SaveState::Idle;
    doc.SaveError.clear();
    doc.SavedThrough = doc.EditSerial;
    ++doc.EditSerial;  // screens caching anything derived from the data recompute it
    doc.Store.Problems.clear();
    doc.Store.SetAside.clear();
    doc.Store.Notice.clear();
    platform::SaveSetting("workspace", workspace_id);
    LoadOpenWorkspace(state, true);
    RefreshStoreFacts(state);
    return true;
}

void SwitchWorkspace(AppState& state, const std::string& workspace_id) { OpenWorkspace(state, workspace_id, false); }

void CreateWorkspace(AppState& state, const std::string& name) {
    storage::WorkspaceInfo info;
    info.Id = "w" + NewId(state.Doc);
    info.Name = name.empty() ? state.T("store.default_workspace") : name;
    info.CreatedMs = WallClockMs();
    state.Doc.Store.Workspaces.push_back(info);
    AppState* s = &state;
    storage::PutWorkspaceInfo(info, [s, id = info.Id](bool ok) {
        if (ok) {
            SwitchWorkspace(*s, id);
        } else if (s->Doc.Data.Id.empty()) {
            s->Doc.Store.LoadFailed = true;  // not even a first workspace could be stored
            s->Doc.Store.LoadError = "IndexedDB";
        } else {
            s->Doc.Store.Notice = "store.workspace_failed";
        }
    });
}

void RenameWorkspace(AppState& state, const std::string& workspace_id, const std::string& name) {
    storage::WorkspaceInfo* info = FindWorkspace(state, workspace_id);
    if (!info || name.empty()) return;
    info->Name = name;
    if (state.Doc.Data.Id == workspace_id) state.Doc.Data.Name = name;
    AppState* s = &state;
    storage::PutWorkspaceInfo(*info, [s](bool ok) { if (!ok) s->Doc.Store.Notice = "store.workspace_failed"; });
}

void DeleteWorkspace(AppState& state, const std::string& workspace_id) {
    AppState* s = &state;
    storage::DeleteWorkspace(workspace_id, [s, workspace_id](bool ok) {
        if (!ok) {
            s->Doc.Store.Notice = "store.workspace_failed";
            return;
        }
        auto& list = s->Doc.Store.Workspaces;
        list.erase(std::remove_if(list.begin(), list.end(), [&](const storage::WorkspaceInfo& w) { return w.Id == workspace_id; }),
                   list.end());
        if (s->Doc.Data.Id != workspace_id) return;
        if (list.empty()) CreateWorkspace(*s, "");
        else OpenWorkspace(*s, list.front().Id, true);
    });
}

void RefreshStoreFacts(AppState& state) {
    AppState* s = &state;
    state.Doc.Store.EstimateAt = AppClock();
    storage::Estimate([s](storage::StorageEstimate e) { s->Doc.Store.Estimate = e; });
    std::string ws = state.Doc.Data.Id;
    storage::ListSetAside(ws, [s, ws](std::vector<storage::SetAsideRecord> list) {
        if (s->Doc.Data.Id == ws) s->Doc.Store.SetAside = std::move(list);
    });
}

int DaysSinceBackup(const AppState& state) {
    for (const auto& w : state.Doc.Store.Workspaces)
        if (w.Id == state.Doc.Data.Id)
            return w.LastBackupMs > 0 ? static_cast<int>((WallClockMs() - w.LastBackupMs) / 86400000.0) : -1;
    return -1;
}
