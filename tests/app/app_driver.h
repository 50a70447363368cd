// Drives the whole app natively and headless, like a person (and like tests/e2e/lib.mjs does in
// the browser): frames with a chosen time step, storage callbacks pumped between frames, widgets
// found by key or label through the item registry, taps and typing as ImGui input events.
#pragma once
#include <doctest/doctest.h>

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "app.h"
#include "imgui.h"
#include "platform/http.h"
#include "platform/item_registry.h"
#include "platform/platform_null.h"
#include "platform/storage_memory.h"
#include "platform/tab_lock.h"

struct AppDriverOptions {
    float Width = 1280.0f, Height = 800.0f;  // CSS pixels, as the e2e viewport
    float Dpr = 1.0f;
    const char* Language = "en";             // ?lang=
};

class AppDriver {
public:
    explicit AppDriver(AppDriverOptions options = {}) {
        storage_memory::Reset();
        tab_lock::Reset();
        platform_null::Reset();
        platform_null::SetDisplaySize(options.Width, options.Height);
        platform_null::SetDevicePixelRatio(options.Dpr);
        platform_null::SetQueryParam("lang", options.Language);
        platform::Init();
        State = std::make_unique<AppState>();  // large, and must not move: callbacks keep its address
        InitApp(*State);
        platform::FrameCallbacks callbacks;
        callbacks.User = State.get();
        callbacks.Frame = [](void* user) { DrawApp(*static_cast<AppState*>(user)); };
        callbacks.ScaleChanged = [](void* user, float scale) { RebuildForScale(*static_cast<AppState*>(user), scale); };
        platform_null::SetFrameCallbacks(callbacks);
        Frames(3);
        WaitFor([this] { return State->Doc.Loaded; }, "the store's first load");
    }
    ~AppDriver() {
        storage_memory::Reset();  // queued callbacks and handlers hold this AppState's address
        tab_lock::Reset();
        http::SetHandler(nullptr);
        platform_null::Shutdown();
    }
    AppDriver(const AppDriver&) = delete;
    AppDriver& operator=(const AppDriver&) = delete;

    AppState& App() { return *State; }

    // ---- Time ------------------------------------------------------------------------------------
    // One frame dt seconds after the last, then what storage completed meanwhile (its callbacks run
    // between frames, as in the browser).
    void Frame(float dt = 1.0f / 60.0f) {
        platform_null::RunFrame(dt);
        storage_memory::RunPending();
        http::RunPending();  // the sync server's answers (tests/app/sync_test.cpp)
        tab_lock::RunPending();  // Web Locks granted (one syncing tab)
    }
    void Frames(int n, float dt = 1.0f / 60.0f) {
        for (int i = 0; i < n; ++i) Frame(dt);
    }
    // Lets `seconds` of ImGui time pass in frames of 0.1 s (debounces, retries).
    void Advance(double seconds) {
        for (double t = 0.0; t < seconds; t += 0.1) Frame(0.1f);
    }
    // Runs frames until done() holds (at most `limit`); fails the test with `what` otherwise.
    void WaitFor(const std::function<bool()>& done, const char* what, int limit = 600) {
        for (int i = 0; i < limit && !done(); ++i) Frame();
        REQUIRE_MESSAGE(done(), "timed out waiting for ", what);
    }

    // ---- Widgets ---------------------------------------------------------------------------------
    const std::vector<item_registry::Item>& Items() const { return item_registry::LastFrame(); }
    // The widget of the last frame whose key or visible label is `match`, or nullptr.
    const item_registry::Item* Find(const std::string& match) const {
        for (const item_registry::Item& item : Items())
            if (item.Key == match || item.Label == match) return &item;
        return nullptr;
    }
    const item_registry::Item* FindIf(const std::function<bool(const item_registry::Item&)>& pred) const {
        for (const item_registry::Item& item : Items())
            if (pred(item)) return &item;
        return nullptr;
    }
    // Finds the widget, waiting a few frames, then scrolling the content with the wheel as a person
    // would (down step by step, then back up): only what is visible is drawn.
    item_registry::Item Require(const std::string& match) {
        for (int i = 0; i < 10; ++i) {
            if (const item_registry::Item* hit = Find(match)) return *hit;
            Frame();
        }
        for (int step = 0; step < 36; ++step) {
            ImGuiIO& io = ImGui::GetIO();
            io.AddMousePosEvent(io.DisplaySize.x * 0.62f, io.DisplaySize.y * 0.55f);
            io.AddMouseWheelEvent(0.0f, step < 12 ? -3.0f : 3.0f);
            Frames(2);
            if (const item_registry::Item* hit = Find(match)) return *hit;
        }
        std::string all;
        for (const item_registry::Item& item : Items()) all += (item.Key.empty() ? item.Label : item.Key) + " | ";
        FAIL("no widget ", match, " among: ", all);
        return {};
    }

    // ---- Input -----------------------------------------------------------------------------------
    // A mouse click at the widget's centre: move, a frame, press, a frame, release, frames.
    item_registry::Item Tap(const std::string& match) {
        item_registry::Item item = Require(match);
        ImVec2 c((item.Min.x + item.Max.x) * 0.5f, (item.Min.y + item.Max.y) * 0.5f);
        ImGuiIO& io = ImGui::GetIO();
        io.AddMouseSourceEvent(ImGuiMouseSource_Mouse);
        io.AddMousePosEvent(c.x, c.y);
        Frame();
        io.AddMouseButtonEvent(0, true);
        Frame();
        io.AddMouseButtonEvent(0, false);
        Frames(3);
        return item;
    }
    // Focuses the field with a tap and types text (UTF-8), as the on-screen keyboard sends it;
    // Replace selects what the field holds first (Ctrl+A), so the text replaces it.
    enum TypeMode { Append, Replace };
    void Type(const std::string& match, const char* text, TypeMode mode = Append) {
        Tap(match);
        if (mode == Replace) SelectAll();
        ImGui::GetIO().AddInputCharactersUTF8(text);
        Frames(3);
    }
    // Empties the field: tap, Ctrl+A, Backspace.
    void Clear(const std::string& match) {
        Tap(match);
        SelectAll();
        Key(ImGuiKey_Backspace);
    }
    void SelectAll() {
        ImGuiIO& io = ImGui::GetIO();
        io.AddKeyEvent(ImGuiMod_Ctrl, true);
        io.AddKeyEvent(ImGuiKey_A, true);
        io.AddKeyEvent(ImGuiKey_A, false);
        io.AddKeyEvent(ImGuiMod_Ctrl, false);
        Frames(4);  // ImGui takes a few queued key events per frame
    }
    void Key(ImGuiKey key) {
        ImGuiIO& io = ImGui::GetIO();
        io.AddKeyEvent(key, true);
        Frame();
        io.AddKeyEvent(key, false);
        Frames(2);
    }
    void Enter() { Key(ImGuiKey_Enter); }

private:
    std::unique_ptr<AppState> State;
};

// The example shop loaded through the Customers screen's button and stored (the debounce passed):
// the start of many store and privacy cases. Returns how many customers it has.
inline size_t StoredExampleShop(AppDriver& d) {
    Document& doc = d.App().Doc;
    d.Tap("nav.customers");
    d.Tap("customers.example");
    size_t count = doc.Data.Customers.size();
    REQUIRE(count > 10);
    d.Advance(1.5);
    REQUIRE(doc.Save == SaveState::Saved);
    return count;
}

// Whether any stored record of the workspace's cards, personas, progress or settings holds text
// (as stored: encrypted records hide it).
inline bool AnyStoredBytesContain(AppDriver& d, const std::string& text) {
    for (const char* col : {"customers", "personas", "progress", "settings"})
        for (const auto& r : storage_memory::Records(d.App().Doc.Data.Id, col))
            if (r.Bytes.find(text) != std::string::npos) return true;
    return false;
}
