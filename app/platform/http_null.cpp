// HTTP for native builds: a test's handler answers (no handler: every request gets no answer, as
// offline), and the answers run when the test calls RunPending, as the browser's would run later.
#include <deque>
#include <utility>

#include "http.h"

namespace http {
namespace {
struct Queue {
    Handler Answer;
    std::deque<std::pair<std::function<void(Response)>, Response>> Ready;
};
Queue& Q() {
    static Queue queue;  // the native stand-in for the page's network
    return queue;
}
}  // namespace

void Request(const std::string& method, const std::string& path, const std::string& body, std::function<void(Response)> done) {
    Response r = Q().Answer ? Q().Answer(method, path, body) : Response{};
    Q().Ready.emplace_back(std::move(done), std::move(r));
}

void SetHandler(Handler handler) {
    Q().Answer = std::move(handler);
    Q().Ready.clear();
}

int RunPending() {
    int n = 0;
    while (!Q().Ready.empty()) {
        auto next = std::move(Q().Ready.front());
        Q().Ready.pop_front();
        next.first(std::move(next.second));
        ++n;
    }
    return n;
}

}  // namespace http
