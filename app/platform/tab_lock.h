// One tab at a time: an exclusive lock per name, shared by the tabs of this browser (Web Locks,
// navigator.locks). Sync holds one per workspace so a single tab talks to the server; the others
// keep saving, and their outbox entries reach the holder through the store (app/sync/sync.cpp).
#pragma once
#include <functional>
#include <string>

namespace tab_lock {

// Asks for the lock; granted() runs (later, between frames) once this tab holds it. It is held
// until Release(name) or until the page closes, when the browser hands it to the next tab asking.
// A browser without Web Locks grants it at once.
void Request(const std::string& name, std::function<void()> granted);
// Gives the lock back (or stops waiting for it).
void Release(const std::string& name);

// Native builds (tests): another tab holds the lock (true) or lets it go (false: a waiting
// request is granted at the next RunPending).
void SetHeldElsewhere(const std::string& name, bool held);
int RunPending();
void Reset();  // no lock held or asked for anywhere

}  // namespace tab_lock
