// A passphrase for a shared tablet (issue 18): the open workspace stored encrypted, a prompt at
// start, a lock after a chosen idle time. The cryptography is storage's (web/storage.js: PBKDF2 and
// AES-GCM in WebCrypto; storage_memory.cpp: a test cipher); this file is the flow: unlock, lock, on,
// off. The passphrase is only passed through: nothing here keeps it.
//
// [SECTION] Helpers
// [SECTION] Unlock and lock
// [SECTION] On and off
// [SECTION] Idle lock
// [SECTION] Sealed backups
#include <algorithm>
#include <cstdlib>

#include "app.h"
#include "imgui.h"
#include "platform/platform.h"
#include "store/store.h"
#include "sync/sync.h"

namespace {

// ---- [SECTION] Helpers --------------------------------------------------------------------------
// Drops the key and everything loaded, then reads again: the read comes back locked, and the prompt
// shows. Screens' views holding customers' text are emptied too.
void LockNow(AppState& state) {
    StoreStatus& st = state.Doc.Store;
    st.LockRequested = false;
    const std::string ws = state.Doc.Data.Id;
    storage::Lock(ws);
    st.Locked = true;
    state.Customers = CustomersView{};
    state.SettingsScreen = SettingsView{};
    state.Current = Screen::Home;
    // The sync book holds the server's copies of cards: it goes too (the next load reads it back),
    // unless bookkeeping still waits for a save.
    // (An empty book, a new generation so answers to earlier requests are ignored, the sync lock given back.)
    if (!SyncRecordsWaiting(state.Doc)) TakeSyncRecords(state.Doc, {});
    state.Doc.Loaded = false;  // what OpenWorkspace drops (it keeps an open, loaded workspace as it is)
    OpenWorkspace(state, ws, true);
}

}  // namespace

bool IsWorkspaceEncrypted(const AppState& state) {
    for (const storage::WorkspaceInfo& w : state.Doc.Store.Workspaces)
        if (w.Id == state.Doc.Data.Id) return w.Encrypted;
    return false;
}

// ---- [SECTION] Unlock and lock ------------------------------------------------------------------
void UnlockWorkspace(AppState& state, const std::string& passphrase) {
    StoreStatus& st = state.Doc.Store;
    if (st.Unlocking || passphrase.empty()) return;
    st.Unlocking = true;
    st.UnlockMessage.clear();
    AppState* s = &state;
    const std::string ws = state.Doc.Data.Id;
    storage::Unlock(ws, passphrase, [s, ws](storage::UnlockResult r) {
        StoreStatus& st = s->Doc.Store;
        st.Unlocking = false;
        if (s->Doc.Data.Id != ws) return;
        if (!r.Ok) {
            st.UnlockMessage = r.Wrong ? "lock.wrong" : "lock.error";
            return;
        }
        st.Locked = false;
        st.UnlockMessage.clear();
        st.LastActivityAt = AppClock();
        LoadOpenWorkspace(*s, true);
    });
}

void LockWorkspace(AppState& state) {
    if (!IsWorkspaceEncrypted(state) || state.Doc.Store.Locked) return;
    state.Doc.Store.LockRequested = true;
    if (HasUnsavedChanges(state.Doc)) FlushStore(state);
}

// ---- [SECTION] On and off -----------------------------------------------------------------------
namespace {
void ChangePassphrase(AppState& state, const std::string& passphrase) {
    StoreStatus& st = state.Doc.Store;
    if (st.PassphraseBusy || !state.Doc.Loaded) return;
    st.PassphraseBusy = true;
    st.PassphraseMessage.clear();
    AppState* s = &state;
    const std::string ws = state.Doc.Data.Id;
    const bool on = !passphrase.empty();
    storage::SetPassphrase(ws, passphrase, [s, ws, on](storage::WriteResult r) {
        StoreStatus& st = s->Doc.Store;
        st.PassphraseBusy = false;
        ++st.PassphraseSerial;
        if (!r.Ok) {
            st.PassphraseMessage = "lock.change_failed";
            return;
        }
        for (storage::WorkspaceInfo& w : st.Workspaces)
            if (w.Id == ws) w.Encrypted = on;
        st.PassphraseMessage = on ? "lock.on_done" : "lock.off_done";
        st.LastActivityAt = AppClock();
    });
}
}  // namespace

void TurnPassphraseOn(AppState& state, const std::string& passphrase) {
    if (!passphrase.empty()) ChangePassphrase(state, passphrase);
}

void TurnPassphraseOff(AppState& state) {
    if (IsWorkspaceEncrypted(state)) ChangePassphrase(state, "");
}

// ---- [SECTION] Idle lock ------------------------------------------------------------------------
void SetLockMinutes(AppState& state, int minutes) {
    state.Doc.Store.LockMinutes = std::max(0, minutes);
    state.Doc.Store.LastActivityAt = AppClock();
    platform::SaveSetting("lock_minutes", std::to_string(state.Doc.Store.LockMinutes));
}

void PassphraseFrame(AppState& state) {
    StoreStatus& st = state.Doc.Store;
    const double now = AppClock();
    if (st.LastActivityAt < 0.0) {
        st.LastActivityAt = now;
        st.LockMinutes = std::max(0, std::atoi(platform::LoadSetting("lock_minutes").c_str()));
    }
    if (ImGui::GetCurrentContext()) {
        const ImGuiIO& io = ImGui::GetIO();
        bool active = io.MouseWheel != 0.0f || io.InputQueueCharacters.Size > 0 ||
                      (io.MouseDelta.x != 0.0f && io.MouseDelta.x > -1e30f) || (io.MouseDelta.y != 0.0f && io.MouseDelta.y > -1e30f);
        for (bool down : io.MouseDown) active = active || down;
        for (int k = ImGuiKey_NamedKey_BEGIN; k < ImGuiKey_NamedKey_END && !active; ++k)
            active = ImGui::IsKeyDown(static_cast<ImGuiKey>(k));
        if (active) st.LastActivityAt = now;
    }
    if (st.Locked || !IsWorkspaceEncrypted(state)) {
        st.LockRequested = false;
        return;
    }
    if (st.LockMinutes > 0 && state.Doc.Loaded && now - st.LastActivityAt > st.LockMinutes * 60.0) LockWorkspace(state);
    // A requested lock waits until what was typed is stored (a failed save keeps it: nothing is lost).
    if (st.LockRequested && !HasUnsavedChanges(state.Doc) && state.Doc.Save != SaveState::Saving) LockNow(state);
}

// ---- [SECTION] Sealed backups -------------------------------------------------------------------
void OpenSealedRestore(AppState& state, const std::string& passphrase) {
    StoreStatus& st = state.Doc.Store;
    if (st.RestoreSealed.empty() || passphrase.empty()) return;
    AppState* s = &state;
    std::string name = st.RestoreFileName;
    storage::OpenSealedBackup(passphrase, st.RestoreSealed, [s, name](storage::UnlockResult r, std::string text) {
        StoreStatus& st = s->Doc.Store;
        if (!r.Ok) {
            st.RestoreSealedMessage = r.Wrong ? "lock.wrong" : "lock.error";
            return;
        }
        st.RestoreSealed.clear();
        st.RestoreSealedMessage.clear();
        PrepareRestore(*s, name, text);
    });
}
