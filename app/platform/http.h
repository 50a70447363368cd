// HTTP to the sync server, from the page (fetch, same origin, credentials included so the server's
// session cookie signs requests). Answers run later, on the main thread, between frames.
#pragma once
#include <functional>
#include <string>

namespace http {

struct Response {
    int Status = 0;                   // 0: no answer (offline, server down, refused by the browser)
    std::string Body;
};

// method "GET", "POST", "PUT", "DELETE"; path absolute on this origin ("/couchdb/db/_changes?...")
// or a full URL; body sent as JSON when not empty.
void Request(const std::string& method, const std::string& path, const std::string& body,
             std::function<void(Response)> done);

// Native builds (tests): the handler that answers instead of a server; answers are queued and run
// by RunPending, as the browser would run them later.
using Handler = std::function<Response(const std::string& method, const std::string& path, const std::string& body)>;
void SetHandler(Handler handler);
int RunPending();

}  // namespace http
