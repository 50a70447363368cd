// What the files of app/sync share (not for the rest of the app: sync.h is its interface).
//   documents.cpp  local items <-> CouchDB documents (ids, bodies, checksums)
//   pull.cpp       _changes read and applied; each incoming document taken, merged or asked
//   push.cpp       the outbox sent with _bulk_docs, each row's answer read
//   sync.cpp       the sync records kept with the saver, sign-in and connect, the store hooks, the
//                  frame and the status
#pragma once
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "store/document.h"
#include "sync/merge.h"
#include "sync/sync_book.h"

struct AppState;

namespace sync_internal {
using nlohmann::json;

inline constexpr int kPushBatch = 200;             // documents per _bulk_docs
// Documents per _changes page. Each page is stored in one transaction, and a big write rewrites every
// storage pack its keys hash to (web/storage.js): with pages of 200, a first sync of 10,000 cards
// rewrote the growing collection 50 times (about 800 MB of IndexedDB puts). The server answers a
// page of 1,000 as fast per document.
inline constexpr int kPullBatch = 1000;
inline constexpr double kRetryOfflineSeconds = 5.0;
inline constexpr double kRetryErrorSeconds = 15.0;
inline constexpr double kPushDelaySeconds = 0.2;   // lets a burst of saves go up together
inline constexpr const char* kSync = "sync";
inline constexpr const char* kOutbox = "outbox";
inline constexpr const char* kStatementPrefix = "statement/";  // outbox key of a course statement (a class)

// An item of a synced collection ("customers/<id>"...).
struct Ref {
    Collection C = Collection::Customers;
    std::string Key;
    std::string Name() const { return std::string(CollectionName(C)) + "/" + Key; }
};

// ---- documents.cpp
bool Syncs(Collection c);
// What goes to this database: a business's everything, a class's personas only (the trainee's
// customers and settings stay on the device; their progress goes up as statements).
bool Shares(const SyncBook& s, Collection c);
bool IsStatementKey(const std::string& key);
const char* DocType(Collection c);
std::optional<Ref> RefFromName(const std::string& name);
std::optional<Ref> RefFromDocId(const std::string& id);
std::string DocId(const Ref& r);
std::string UrlPart(const std::string& s);
std::string DbPath(const SyncBook& s);
std::string IsoNow();
std::optional<json> LocalBody(const Document& doc, const Ref& r);
json Strip(json d);
std::string ContentSum(const json& body);
bool ApplyLocal(Document& doc, const Ref& r, const json* body, std::string& why);
long RevGeneration(const std::string& rev);

// ---- pull.cpp
bool IsLocallyChanged(const Document& doc, const Ref& r);
void Incoming(AppState& state, const Ref& r, const std::string& rev, const json* server_doc);
void Problem(SyncBook& s, int status, const std::string& body, const std::string& what);
void Pull(AppState& state);

// ---- push.cpp
int64_t LocalRevision(const Document& doc, const Ref& r);
void Push(AppState& state);
void FetchAndMerge(AppState& state, const std::vector<Ref>& refs);

// ---- sync.cpp
storage::Record SyncRecord(const std::string& collection, const std::string& key, std::string text);
void QueuePut(SyncBook& s, const std::string& key, const json& value);
void QueueDelete(SyncBook& s, const std::string& collection, const std::string& key);
void SetBase(SyncBook& s, const std::string& ref, SyncBase base);
void DropBase(SyncBook& s, const std::string& ref);
void DropOutbox(SyncBook& s, const std::string& ref);
void StateProgress(Document& doc, std::vector<storage::Record>& into);
void DropStatement(SyncBook& s, const std::string& id);

}  // namespace sync_internal
