// HTTP through the page's fetch (web/library_profila.js profila_js_http).
#include "http.h"

#include <emscripten.h>

#include <cstdlib>
#include <map>

extern "C" void profila_js_http(int id, const char* method, const char* path, const char* body);

namespace http {
namespace {
struct Requests {
    int NextId = 1;
    std::map<int, std::function<void(Response)>> Waiting;
};
Requests& R() {
    static Requests requests;  // the page's requests in flight
    return requests;
}
}  // namespace

void Request(const std::string& method, const std::string& path, const std::string& body, std::function<void(Response)> done) {
    int id = R().NextId++;
    R().Waiting[id] = std::move(done);
    profila_js_http(id, method.c_str(), path.c_str(), body.c_str());
}

void SetHandler(Handler) {}
int RunPending() { return 0; }

}  // namespace http

extern "C" {
EMSCRIPTEN_KEEPALIVE void profila_http_done(int id, int status, char* body) {
    http::Response r;
    r.Status = status;
    r.Body = body ? body : "";
    std::free(body);
    auto it = http::R().Waiting.find(id);
    if (it == http::R().Waiting.end()) return;
    auto done = std::move(it->second);
    http::R().Waiting.erase(it);
    done(std::move(r));
}
}
