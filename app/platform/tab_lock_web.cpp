// Web Locks through the page (web/library_profila.js profila_js_lock_request/release).
#include "tab_lock.h"

#include <emscripten.h>

#include <map>

extern "C" void profila_js_lock_request(int id, const char* name);
extern "C" void profila_js_lock_release(const char* name);

namespace tab_lock {
namespace {
struct Waiting {
    int NextId = 1;
    std::map<int, std::function<void()>> Granted;
};
Waiting& W() {
    static Waiting waiting;  // the page's lock requests not granted yet
    return waiting;
}
}  // namespace

void Request(const std::string& name, std::function<void()> granted) {
    int id = W().NextId++;
    W().Granted[id] = std::move(granted);
    profila_js_lock_request(id, name.c_str());
}

void Release(const std::string& name) { profila_js_lock_release(name.c_str()); }

void SetHeldElsewhere(const std::string&, bool) {}
int RunPending() { return 0; }
void Reset() {}

}  // namespace tab_lock

extern "C" {
EMSCRIPTEN_KEEPALIVE void profila_lock_granted(int id) {
    auto it = tab_lock::W().Granted.find(id);
    if (it == tab_lock::W().Granted.end()) return;
    auto granted = std::move(it->second);
    tab_lock::W().Granted.erase(it);
    granted();
}
}
