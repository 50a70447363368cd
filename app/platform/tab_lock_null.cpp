// Tab locks for the native tests: one tab in the process, other tabs played by SetHeldElsewhere.
#include "tab_lock.h"

#include <map>
#include <set>
#include <vector>

namespace tab_lock {
namespace {
struct Locks {
    std::set<std::string> Elsewhere;                            // held by a pretend other tab
    std::set<std::string> Held;                                 // held here
    std::map<std::string, std::function<void()>> Waiting;       // asked here, not granted yet
};
Locks& L() {
    static Locks locks;  // the process's one "browser"
    return locks;
}
}  // namespace

void Request(const std::string& name, std::function<void()> granted) { L().Waiting[name] = std::move(granted); }

void Release(const std::string& name) {
    L().Held.erase(name);
    L().Waiting.erase(name);
}

void SetHeldElsewhere(const std::string& name, bool held) {
    if (held) L().Elsewhere.insert(name);
    else L().Elsewhere.erase(name);
}

int RunPending() {
    std::vector<std::function<void()>> granted;
    for (auto it = L().Waiting.begin(); it != L().Waiting.end();) {
        if (L().Elsewhere.count(it->first) || L().Held.count(it->first)) { ++it; continue; }
        L().Held.insert(it->first);
        granted.push_back(std::move(it->second));
        it = L().Waiting.erase(it);
    }
    for (auto& g : granted) g();
    return static_cast<int>(granted.size());
}

void Reset() { L() = Locks{}; }

}  // namespace tab_lock
