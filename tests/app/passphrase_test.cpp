// A passphrase for a shared tablet (issue 18), natively: the flow of app/store/passphrase.cpp
// through the screens, over storage_memory.cpp's test cipher (the real cryptography is WebCrypto's,
// tested in the browser: tests/e2e/passphrase.test.mjs). Turned on, nothing readable is stored;
// locking drops the loaded data and shows the prompt; a wrong passphrase is refused and changes
// nothing; the right one opens the data; the idle lock saves what was typed first; turning it off
// stores the data readable again; an encrypted workspace's backup is sealed and opens with its
// passphrase.
#include <algorithm>

#include "app_driver.h"
#include "store/document.h"
#include "store/store.h"

namespace {

std::string StoredSnapshot(AppDriver& d) {
    std::string out;
    for (const char* col : {"customers", "personas", "progress", "settings"})
        for (const auto& r : storage_memory::Records(d.App().Doc.Data.Id, col)) out += r.Key + ":" + std::to_string(r.Revision) + ":" + r.Bytes + "\n";
    return out;
}

// Settings > Privacy: types the passphrase twice and turns it on.
void TurnOn(AppDriver& d, const char* passphrase) {
    d.Tap("nav.settings");
    d.Type("lock.new", passphrase);
    d.Type("lock.repeat", passphrase);
    d.Tap("lock.turn_on");
    d.WaitFor([&] { return !d.App().Doc.Store.PassphraseBusy; }, "turning the passphrase on");
    d.Frames(2);
}

void Unlock(AppDriver& d, const char* passphrase) {
    d.Type("lock.passphrase", passphrase);
    d.Enter();
    d.WaitFor([&] { return !d.App().Doc.Store.Unlocking; }, "the passphrase check");
    d.Frames(3);
}

}  // namespace

TEST_CASE("passphrase: on, nothing readable is stored; locked, the data is gone from memory; a wrong passphrase changes nothing; the right one opens it; off, readable again") {
    AppDriver d;
    AppState& state = d.App();
    const size_t count = StoredExampleShop(d);
    const std::string name = state.Doc.Data.Customers.front().Name;
    REQUIRE(!name.empty());
    REQUIRE(AnyStoredBytesContain(d, name));

    // Before it is set, the screen says that a forgotten passphrase cannot be recovered.
    d.Tap("nav.settings");
    d.Require("lock.new");
    bool warned = false;
    for (const auto& item : d.Items()) warned = warned || item.Label.find("nobody can recover it") != std::string::npos;
    CHECK(warned);
    // Too short: the button stays off.
    d.Type("lock.new", "short");
    d.Type("lock.repeat", "short");
    d.Tap("lock.turn_on");
    CHECK(!IsWorkspaceEncrypted(state));
    d.Clear("lock.new");
    d.Clear("lock.repeat");

    TurnOn(d, "green tea at noon");
    REQUIRE(IsWorkspaceEncrypted(state));
    CHECK(state.Doc.Store.PassphraseMessage == "lock.on_done");
    CHECK(!AnyStoredBytesContain(d, name));
    CHECK(state.Doc.Data.Customers.size() == count);
    CHECK(state.SettingsScreen.NewPassphrase[0] == 0);  // the typed passphrase is not kept
    // Edits keep being stored encrypted.
    profila::Customer edited = state.Doc.Data.Customers.front();
    edited.Notes = "Prefers Tuesday mornings";
    CommitCustomer(state.Doc, edited, ImGui::GetTime());
    d.Advance(1.5);
    REQUIRE(state.Doc.Save == SaveState::Saved);
    CHECK(!AnyStoredBytesContain(d, "Tuesday"));

    // Lock now: the data leaves memory and only the prompt shows.
    d.Tap("lock.now");
    d.Frames(3);
    REQUIRE(state.Doc.Store.Locked);
    CHECK(state.Doc.Data.Customers.empty());
    CHECK(!state.Doc.Loaded);
    CHECK(d.Find("nav.customers") == nullptr);
    d.Require("lock.passphrase");

    // A wrong passphrase: a clear message, nothing stored changes, still locked.
    const std::string before = StoredSnapshot(d);
    Unlock(d, "green tea at night");
    CHECK(state.Doc.Store.Locked);
    CHECK(state.Doc.Store.UnlockMessage == "lock.wrong");
    CHECK(state.Doc.Data.Customers.empty());
    CHECK(StoredSnapshot(d) == before);
    CHECK(state.Lock.Passphrase[0] == 0);

    // The right one opens the data, edits included.
    Unlock(d, "green tea at noon");
    d.WaitFor([&] { return state.Doc.Loaded; }, "the load after unlocking");
    CHECK(!state.Doc.Store.Locked);
    CHECK(state.Doc.Data.Customers.size() == count);
    CHECK(FindCustomer(state.Doc, edited.Id)->Notes == "Prefers Tuesday mornings");

    // Off: readable again, in one write.
    d.Tap("nav.settings");
    d.Tap("lock.turn_off");
    d.WaitFor([&] { return !state.Doc.Store.PassphraseBusy; }, "turning the passphrase off");
    CHECK(!IsWorkspaceEncrypted(state));
    CHECK(state.Doc.Store.PassphraseMessage == "lock.off_done");
    CHECK(AnyStoredBytesContain(d, name));
    CHECK(AnyStoredBytesContain(d, "Tuesday"));
}

TEST_CASE("passphrase: a failed switch changes nothing; the idle lock stores what was typed first, then locks") {
    AppDriver d;
    AppState& state = d.App();
    StoredExampleShop(d);
    const std::string name = state.Doc.Data.Customers.front().Name;
    storage_memory::FailNextWrite(storage::WriteError::Quota);
    TurnOn(d, "green tea at noon");
    CHECK(!IsWorkspaceEncrypted(state));
    CHECK(state.Doc.Store.PassphraseMessage == "lock.change_failed");
    CHECK(AnyStoredBytesContain(d, name));

    TurnOn(d, "green tea at noon");
    REQUIRE(IsWorkspaceEncrypted(state));
    d.Tap("lock.after.5");
    CHECK(state.Doc.Store.LockMinutes == 5);
    // An edit, then nothing for more than five minutes (frames far apart, as a sleeping tablet's).
    profila::Customer edited = state.Doc.Data.Customers.front();
    edited.Notes = "Asked for the autumn catalogue";
    CommitCustomer(state.Doc, edited, ImGui::GetTime());
    d.Frames(4, 30.0f);
    CHECK(!state.Doc.Store.Locked);
    d.Frames(8, 30.0f);
    d.Frames(3);
    REQUIRE(state.Doc.Store.Locked);
    CHECK(state.Doc.Data.Customers.empty());
    Unlock(d, "green tea at noon");
    d.WaitFor([&] { return state.Doc.Loaded; }, "the load after unlocking");
    CHECK(FindCustomer(state.Doc, edited.Id)->Notes == "Asked for the autumn catalogue");
    SetLockMinutes(state, 0);
}

TEST_CASE("passphrase: an encrypted workspace's backup is sealed; restoring it asks for its passphrase") {
    AppDriver d;
    AppState& state = d.App();
    StoredExampleShop(d);
    const std::string name = state.Doc.Data.Customers.front().Name;
    TurnOn(d, "green tea at noon");
    REQUIRE(IsWorkspaceEncrypted(state));
    ExportBackup(state);
    d.Frames(3);
    REQUIRE(!storage_memory::Downloads().empty());
    const std::string sealed = storage_memory::Downloads().back().Text;
    CHECK(storage::IsSealedBackup(sealed));
    CHECK(sealed.find(name) == std::string::npos);

    storage_memory::SetNextPickedFile("shop.profila.json", sealed);
    PickBackupToRestore(state);
    d.Frames(3);
    REQUIRE(!state.Doc.Store.RestoreSealed.empty());
    CHECK(!state.Doc.Store.RestorePending);
    d.Type("lock.backup", "wrong words here");
    d.Enter();
    d.Frames(3);
    CHECK(state.Doc.Store.RestoreSealedMessage == "lock.wrong");
    CHECK(!state.Doc.Store.RestorePending);
    d.Type("lock.backup", "green tea at noon");
    d.Enter();
    d.Frames(3);
    CHECK(state.Doc.Store.RestoreSealed.empty());
    CHECK(state.Doc.Store.RestorePending);
    CHECK(state.Doc.Store.RestoreData.Customers.size() == state.Doc.Data.Customers.size());
}

TEST_CASE("passphrase: the prompt reaches the tablet's other businesses; leaving an encrypted one locks it") {
    AppDriver d;
    AppState& state = d.App();
    StoredExampleShop(d);
    const std::string shop = state.Doc.Data.Id;
    CreateWorkspace(state, "Second shop");
    d.WaitFor([&] { return state.Doc.Loaded && state.Doc.Data.Id != shop; }, "the second business");
    const std::string second = state.Doc.Data.Id;
    SwitchWorkspace(state, shop);
    d.WaitFor([&] { return state.Doc.Loaded && state.Doc.Data.Id == shop; }, "back to the shop");
    TurnOn(d, "green tea at noon");
    REQUIRE(IsWorkspaceEncrypted(state));
    d.Tap("lock.now");
    d.Frames(3);
    REQUIRE(state.Doc.Store.Locked);
    // From the prompt, the other business opens without any passphrase.
    d.Tap("lock.ws." + second);
    d.WaitFor([&] { return state.Doc.Loaded; }, "the other business");
    CHECK(state.Doc.Data.Id == second);
    CHECK(!state.Doc.Store.Locked);
    // Back to the encrypted one: asked again.
    SwitchWorkspace(state, shop);
    d.Frames(5);
    CHECK(state.Doc.Store.Locked);
    Unlock(d, "green tea at noon");
    d.WaitFor([&] { return state.Doc.Loaded; }, "the shop after unlocking");
    CHECK(!state.Doc.Data.Customers.empty());
    // Switching away from it unlocked drops its key too.
    SwitchWorkspace(state, second);
    d.WaitFor([&] { return state.Doc.Loaded && state.Doc.Data.Id == second; }, "the other business again");
    SwitchWorkspace(state, shop);
    d.Frames(5);
    CHECK(state.Doc.Store.Locked);
}
