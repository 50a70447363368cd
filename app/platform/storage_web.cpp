// IndexedDB storage through web/storage.js (see storage.h for the guarantees).
//
// [SECTION] Requests in flight
// [SECTION] JS bridge (web/library_profila.js)
// [SECTION] Exports called back from JS
// [SECTION] API
//
// Loaded records cross the JS boundary as UTF-8 bytes in one malloc'd block plus a table of
// numbers (offsets and lengths of the bytes, collection, key and checksum; revision, schema), so
// loading 10,000 customers is one copy and no header to parse. The checksum (FNV-1a 64, core/codec/customer_json.h) is made
// and checked here, in C++: JS only moves bytes.
#include "storage.h"

#include <emscripten.h>

#include <cstdint>
#include <cstdlib>
#include <map>
#include <memory>
#include <string_view>
#include <utility>
#include <vector>

#include "codec/customer_json.h"
#include "text/hash.h"
#include "nlohmann/json.hpp"
#include "platform.h"

using nlohmann::json;

// ---- [SECTION] JS bridge ------------------------------------------------------------------------
extern "C" {
void profila_js_store_start();
void profila_js_store_load(int id, const char* ws, const char* refs_json);  // replies profila_store_loaded
void profila_js_store_write(int id, const char* ws, const char* header_json, const unsigned char* data, int len);
void profila_js_store_write_part(int parts, int count, const double* numbers, const char* keys_json, const char* sums);
void profila_js_store_set_aside(int id, const char* ws, const char* items_json);
void profila_js_store_list_aside(int id, const char* ws);
void profila_js_store_list_workspaces(int id);
void profila_js_store_put_workspace(int id, const char* info_json);
void profila_js_store_delete_workspace(int id, const char* ws);
void profila_js_store_persist();
void profila_js_store_estimate(int id);
void profila_js_download(const char* name, const char* mime, const char* text);
void profila_js_store_unlock(int id, const char* ws, const char* passphrase);
void profila_js_store_lock(const char* ws);
void profila_js_store_set_passphrase(int id, const char* ws, const char* passphrase, int off);
void profila_js_store_seal_text(int id, const char* ws, const char* text);
void profila_js_store_open_text(int id, const char* passphrase, const char* text);
void profila_js_pick_file(int id, const char* accept);
}

namespace storage {
namespace {

// ---- [SECTION] Requests in flight ---------------------------------------------------------------
struct Bridge {
    int NextId = 1;
    std::map<int, std::function<void(LoadResult)>> Loads;
    std::map<int, std::function<void(const json&)>> Replies;
    std::map<int, std::function<void(bool, std::string, std::shared_ptr<const profila::ByteSource>)>> Files;
    std::function<void(const RemoteChange&)> Remote;
    std::function<void()> Hidden;
    std::function<bool()> BeforeUnload;
    bool Started = false;
};

Bridge& B() {
    static Bridge bridge;  // the page's one connection to web/storage.js
    return bridge;
}

void EnsureStarted() {
    if (B().Started) return;
    B().Started = true;
    profila_js_store_start();
}

int AddReply(std::function<void(const json&)> fn) {
    EnsureStarted();
    int id = B().NextId++;
    B().Replies[id] = std::move(fn);
    return id;
}

WriteError CodeFromText(const std::string& code) {
    if (code == "none") return WriteError::None;
    if (code == "quota") return WriteError::Quota;
    if (code == "timeout") return WriteError::Timeout;
    if (code == "conflict") return WriteError::Conflict;
    if (code == "aborted") return WriteError::Aborted;
    if (code == "unavailable") return WriteError::Unavailable;
    if (code == "locked") return WriteError::Locked;
    return WriteError::Other;
}

// Sends puts to JS in one call: a JSON header that says where each record's bytes are ("o": their
// address in the wasm memory, relative to the null data pointer), so no block of all of them is made
// (for an import of 100,000 customers that block was as big again as the records, beside them); JS
// copies every record before the call returns. The header is written entry by entry, never as one
// document of every entry.
// A text as a JSON string: plain printable ASCII (ids, collection names) as it is, anything else
// through nlohmann's escaping (invalid UTF-8 replaced).
void AppendJsonText(std::string& out, std::string_view text) {
    for (char ch : text) {
        if (ch < 0x20 || ch > 0x7e || ch == '"' || ch == '\\') {
            out += json(std::string(text)).dump(-1, ' ', false, json::error_handler_t::replace);
            return;
        }
    }
    out += '"';
    out.append(text.data(), text.size());
    out += '"';
}

// Each put's checksum (FNV-1a of its bytes), four records at a time (text/hash.h).
std::vector<uint64_t> Checksums(const std::vector<Record>& puts) {
    std::vector<std::string_view> bytes;
    bytes.reserve(puts.size());
    for (const Record& r : puts) bytes.push_back(r.Bytes());
    std::vector<uint64_t> sums(puts.size());
    profila::Fnv1a64Each(bytes.data(), bytes.size(), sums.data());
    return sums;
}

// {"puts":[...] (no closing brace): each put's entry, written field by field (a save of 100,000
// imported cards spent about a third of its wasm time making a JSON object per entry).
std::string PutsHeader(const std::vector<Record>& puts, const std::vector<std::string>* keep_reasons) {
    size_t room = 64;
    for (const Record& r : puts) room += 128 + r.Collection.size() + r.Key.size();  // an entry's JSON, near enough
    std::string text;
    text.reserve(room);
    text = "{\"puts\":[";
    const std::vector<uint64_t> sums = Checksums(puts);
    for (size_t i = 0; i < puts.size(); ++i) {
        const Record& r = puts[i];
        const std::string_view bytes = r.Bytes();
        if (i > 0) text += ',';
        text += "{\"base\":";
        text += std::to_string(r.BaseRevision);
        text += ",\"c\":";
        AppendJsonText(text, r.Collection);
        text += ",\"k\":";
        AppendJsonText(text, r.Key);
        text += ",\"l\":";
        text += std::to_string(bytes.size());
        text += ",\"o\":";
        text += std::to_string(static_cast<uint64_t>(reinterpret_cast<uintptr_t>(bytes.data())));
        if (keep_reasons) {
            text += ",\"reason\":";
            AppendJsonText(text, i < keep_reasons->size() ? (*keep_reasons)[i] : std::string());
        }
        text += ",\"rev\":";
        text += std::to_string(r.Revision);
        text += ",\"schema\":";
        text += std::to_string(r.Schema);
        text += ",\"sum\":\"";
        text += profila::ChecksumHexOf(sums[i]);
        text += "\"}";
    }
    text += ']';
    return text;
}

void SendWrite(int id, const std::string& ws, const std::vector<Record>& puts, const std::vector<RecordRef>& deletes,
               const std::vector<std::string>* replace, const std::vector<std::string>* keep_reasons, int parts = 0) {
    std::string text = PutsHeader(puts, keep_reasons);
    json rest = json::object();
    json& jd = rest["dels"] = json::array();
    for (const RecordRef& d : deletes) {
        jd.push_back({{"c", d.Collection}, {"k", d.Key}, {"base", d.BaseRevision}});
        if (d.Purge) jd.back()["purge"] = true;
    }
    if (replace) rest["replace"] = *replace;
    if (keep_reasons) rest["keep"] = true;
    if (parts) rest["parts"] = parts;
    std::string more = rest.dump(-1, ' ', false, json::error_handler_t::replace);  // {"dels":[...],...}
    text += ',';
    text.append(more, 1, std::string::npos);
    profila_js_store_write(id, ws.c_str(), text.c_str(), nullptr, 0);
}

WriteResult ParseWriteResult(const json& r) {
    WriteResult out;
    out.Ok = r.value("ok", false);
    out.Code = CodeFromText(r.value("code", out.Ok ? "none" : "other"));
    out.Error = r.value("error", "");
    out.Milliseconds = r.value("ms", 0.0);
    if (r.contains("conflicts"))
        for (const json& c : r["conflicts"])
            out.Conflicts.push_back({c.value("c", ""), c.value("k", ""), c.value("rev", int64_t(0))});
    return out;
}

// A stored checksum (16 hex digits, as ChecksumHex writes it) as a number; false when it is not one.
bool ParseChecksum(std::string_view text, uint64_t& out) {
    if (text.size() != 16) return false;
    uint64_t v = 0;
    for (char c : text) {
        int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
        if (d < 0) return false;
        v = v << 4 | static_cast<uint64_t>(d);
    }
    out = v;
    return true;
}

std::string TakeString(char* p) {
    std::string s = p ? p : "";
    std::free(p);
    return s;
}

}  // namespace
}  // namespace storage

// ---- [SECTION] Exports called back from JS --------------------------------------------------------
extern "C" {

// A load finished: status is JSON {ok, error, ms, copyMs}; meta holds 11 doubles per entry (see
// profila_js_store_load in web/library_profila.js): offset, length (-1: not a record), block (a
// pack's index in packs, -1: data), collection, key and checksum (or why it is bad) as
// offset/length into data, revision, schema. packs holds an address and a length per pack's block.
EMSCRIPTEN_KEEPALIVE void profila_store_loaded(int id, char* status_text, double* meta, int count, unsigned char* data,
                                               int len, double* packs, int pack_count) {
    using namespace storage;
    double t_check = emscripten_get_now();
    std::string text = TakeString(status_text);
    auto free_block = [](const char* p) { std::free(const_cast<char*>(p)); };
    struct Block {
        std::shared_ptr<const char> Bytes;  // freed with the last record viewing it
        size_t Size = 0;
    };
    std::vector<Block> blocks;  // the packs', then data
    blocks.reserve(static_cast<size_t>(pack_count) + 1);
    for (int i = 0; i < pack_count; ++i) {
        const char* p = reinterpret_cast<const char*>(static_cast<uintptr_t>(packs[2 * i]));
        blocks.push_back({std::shared_ptr<const char>(p, free_block), static_cast<size_t>(packs[2 * i + 1])});
    }
    blocks.push_back({std::shared_ptr<const char>(reinterpret_cast<const char*>(data), free_block), len > 0 ? static_cast<size_t>(len) : 0});
    std::free(packs);
    auto it = B().Loads.find(id);
    if (it == B().Loads.end()) {
        std::free(meta);
        return;
    }
    auto done = std::move(it->second);
    B().Loads.erase(it);
    LoadResult result;
    json status = json::parse(text, nullptr, false);
    if (status.is_discarded() || !status.value("ok", false)) {
        result.Failed = true;
        result.Error = status.is_discarded() ? "bad reply from the storage bridge" : status.value("error", "");
        result.Locked = !status.is_discarded() && status.value("locked", false);
    } else {
        result.Milliseconds = status.value("ms", 0.0);
        result.CopyMilliseconds = status.value("copyMs", 0.0);
        // A span of a block, or empty when it does not fit (never read past the block).
        auto span_in = [&](const Block& in, double off, double n, bool& ok) -> std::string_view {
            if (!(off >= 0 && n >= 0 && off + n <= static_cast<double>(in.Size))) {
                ok = false;
                return {};
            }
            return std::string_view(in.Bytes.get() + static_cast<size_t>(off), static_cast<size_t>(n));
        };
        const Block& texts = blocks.back();
        auto span = [&](double off, double n, bool& ok) { return span_in(texts, off, n, ok); };
        // Record i's block (null when the entry names none) and its bytes' span in it.
        auto block_of = [&](const double* e) -> const Block* {
            const double b = e[2];
            return b == -1 ? &texts : (b >= 0 && b < pack_count && b == static_cast<int>(b)) ? &blocks[static_cast<size_t>(b)] : nullptr;
        };
        // The stored records' checksums first, four at a time (text/hash.h); an entry whose bytes
        // are not all there has none (an empty span) and is refused below.
        std::vector<std::string_view> stored(static_cast<size_t>(count));
        for (int i = 0; i < count; ++i) {
            const double* e = meta + static_cast<size_t>(i) * 11;
            bool ok = true;
            if (const Block* in = block_of(e); in && e[1] >= 0) stored[static_cast<size_t>(i)] = span_in(*in, e[0], e[1], ok);
        }
        std::vector<uint64_t> sums(stored.size());
        profila::Fnv1a64Each(stored.data(), stored.size(), sums.data());
        result.Records.reserve(static_cast<size_t>(count));
        for (int i = 0; i < count; ++i) {
            const double* e = meta + static_cast<size_t>(i) * 11;
            bool ok = true;
            std::string col(span(e[3], e[4], ok)), key(span(e[5], e[6], ok));
            const Block* in = block_of(e);
            if (!in) ok = false;
            std::string_view third = span(e[7], e[8], ok);
            std::string why;
            if (!ok) {
                why = "truncated";
            } else if (e[1] < 0) {
                why = third.empty() ? std::string("unreadable") : std::string(third);
            } else {
                std::string_view json_bytes = span_in(*in, e[0], e[1], ok);
                if (!ok) {
                    why = "truncated";
                } else {
                    // Compared as numbers: no hex text made per record.
                    uint64_t sum = 0;
                    if (!ParseChecksum(third, sum) || sum != sums[static_cast<size_t>(i)]) {
                        why = third.empty() ? "no checksum" : "checksum mismatch";
                    } else {
                        Record r;
                        r.Collection = std::move(col);
                        r.Key = std::move(key);
                        r.Loaded = json_bytes;
                        r.Block = in->Bytes;
                        r.Revision = static_cast<int64_t>(e[9]);
                        r.Schema = static_cast<int>(e[10]);
                        result.Records.push_back(std::move(r));
                        continue;
                    }
                }
            }
            result.Problems.push_back(col + "/" + key + ": " + why);
            result.ProblemRefs.push_back({col, key, -1});
        }
    }
    std::free(meta);
    blocks.clear();  // the blocks' own references: the records' keep them
    result.CheckMilliseconds = emscripten_get_now() - t_check;
    done(std::move(result));
}

EMSCRIPTEN_KEEPALIVE void profila_store_done(int id, char* reply_text) {
    using namespace storage;
    std::string text = TakeString(reply_text);
    auto it = B().Replies.find(id);
    if (it == B().Replies.end()) return;
    auto done = std::move(it->second);
    B().Replies.erase(it);
    json reply = json::parse(text, nullptr, false);
    if (reply.is_discarded()) reply = json{{"ok", false}, {"error", "bad reply from the storage bridge"}};
    done(reply);
}

EMSCRIPTEN_KEEPALIVE void profila_store_remote(char* message_text) {
    using namespace storage;
    json m = json::parse(TakeString(message_text), nullptr, false);
    if (m.is_discarded() || !B().Remote) return;
    RemoteChange change;
    change.WorkspaceId = m.value("ws", "");
    change.Everything = m.value("everything", false) || m.value("type", "") == "workspaces";
    if (m.contains("puts"))
        for (const json& p : m["puts"]) change.Puts.push_back({p.value("c", ""), p.value("k", ""), p.value("r", int64_t(0))});
    if (m.contains("dels"))
        for (const json& d : m["dels"]) change.Deletes.push_back({d.value("c", ""), d.value("k", ""), -1});
    B().Remote(change);
}

EMSCRIPTEN_KEEPALIVE void profila_store_page_hidden() {
    if (storage::B().Hidden) storage::B().Hidden();
}

// beforeunload: 1 when the page should ask the person before leaving (something is unsaved).
EMSCRIPTEN_KEEPALIVE int profila_store_before_unload() {
    return storage::B().BeforeUnload && storage::B().BeforeUnload() ? 1 : 0;
}

// A picked file stays in the page's memory (web/boot.js, profilaFiles): its handle and size come here.
EMSCRIPTEN_KEEPALIVE void profila_store_file(int id, int picked, char* name, int handle, double size) {
    using namespace storage;
    std::string file_name = TakeString(name);
    std::shared_ptr<const profila::ByteSource> file = platform::PageFile(handle, size);
    auto it = B().Files.find(id);
    if (it == B().Files.end()) return;
    auto done = std::move(it->second);
    B().Files.erase(it);
    done(picked != 0, std::move(file_name), std::move(file));
}

}  // extern "C"

// ---- [SECTION] API ------------------------------------------------------------------------------
namespace storage {

void LoadWorkspace(const std::string& workspace_id, std::function<void(LoadResult)> done) {
    EnsureStarted();
    int id = B().NextId++;
    // Records that fail the check are moved to quarantine before the caller hears of them.
    B().Loads[id] = [workspace_id, done = std::move(done)](LoadResult result) mutable {
        if (result.ProblemRefs.empty()) {
            done(std::move(result));
            return;
        }
        std::vector<std::string> reasons = result.Problems;
        SetAside(workspace_id, result.ProblemRefs, reasons,
                 [result = std::move(result), done = std::move(done)](bool) mutable { done(std::move(result)); });
    };
    profila_js_store_load(id, workspace_id.c_str(), nullptr);
}

void ReadRecords(const std::string& workspace_id, std::vector<RecordRef> refs, std::function<void(LoadResult)> done) {
    EnsureStarted();
    int id = B().NextId++;
    B().Loads[id] = std::move(done);
    json list = json::array();
    for (const RecordRef& r : refs) list.push_back({{"c", r.Collection}, {"k", r.Key}});
    std::string text = list.dump(-1, ' ', false, json::error_handler_t::replace);
    profila_js_store_load(id, workspace_id.c_str(), text.c_str());
}

void Write(const std::string& workspace_id, std::vector<Record> puts, std::vector<RecordRef> deletes,
           std::function<void(WriteResult)> done, int parts) {
    int id = AddReply([done = std::move(done)](const json& r) { if (done) done(ParseWriteResult(r)); });
    SendWrite(id, workspace_id, puts, deletes, nullptr, nullptr, parts);
}

int BeginWriteParts() {
    EnsureStarted();
    return B().NextId++;
}

// A part's puts as numbers (where each record's bytes are, their length, revision, base and schema:
// five a put), their collections and keys as one JSON array of texts, and their sums end to end
// (16 characters each): a big save hands over 100,000 records, and an object of JSON each cost more
// to write here and to read there than the records' bytes.
void AddWriteParts(int parts, const std::vector<Record>& puts) {
    std::vector<double> numbers;
    numbers.reserve(puts.size() * 5);
    std::string names, sums;
    names.reserve(puts.size() * 48);
    sums.reserve(puts.size() * 16);
    names += '[';
    const std::vector<uint64_t> checksums = Checksums(puts);
    for (size_t i = 0; i < puts.size(); ++i) {
        const Record& r = puts[i];
        const std::string_view bytes = r.Bytes();
        numbers.insert(numbers.end(), {static_cast<double>(reinterpret_cast<uintptr_t>(bytes.data())), static_cast<double>(bytes.size()),
                                       static_cast<double>(r.Revision), static_cast<double>(r.BaseRevision), static_cast<double>(r.Schema)});
        if (i > 0) names += ',';
        AppendJsonText(names, r.Collection);
        names += ',';
        AppendJsonText(names, r.Key);
        sums += profila::ChecksumHexOf(checksums[i]);
    }
    names += ']';
    profila_js_store_write_part(parts, static_cast<int>(puts.size()), numbers.data(), names.c_str(), sums.c_str());  // copies every put's bytes before it returns
}

void ReplaceCollections(const std::string& workspace_id, const std::vector<std::string>& collections, std::vector<Record> puts,
                        std::function<void(WriteResult)> done) {
    int id = AddReply([done = std::move(done)](const json& r) { if (done) done(ParseWriteResult(r)); });
    for (Record& r : puts) r.BaseRevision = -1;
    SendWrite(id, workspace_id, puts, {}, &collections, nullptr);
}

void KeepAside(const std::string& workspace_id, std::vector<Record> copies, std::vector<std::string> reasons,
               std::function<void(bool ok)> done) {
    int id = AddReply([done = std::move(done)](const json& r) { if (done) done(r.value("ok", false)); });
    SendWrite(id, workspace_id, copies, {}, nullptr, &reasons);
}

void SetAside(const std::string& workspace_id, std::vector<RecordRef> refs, std::vector<std::string> reasons,
              std::function<void(bool ok)> done) {
    int id = AddReply([done = std::move(done)](const json& r) { if (done) done(r.value("ok", false)); });
    json items = json::array();
    for (size_t i = 0; i < refs.size(); ++i)
        items.push_back({{"c", refs[i].Collection}, {"k", refs[i].Key}, {"reason", i < reasons.size() ? reasons[i] : ""}});
    std::string text = items.dump(-1, ' ', false, json::error_handler_t::replace);
    profila_js_store_set_aside(id, workspace_id.c_str(), text.c_str());
}

void ListSetAside(const std::string& workspace_id, std::function<void(std::vector<SetAsideRecord>)> done) {
    int id = AddReply([done = std::move(done)](const json& r) {
        std::vector<SetAsideRecord> out;
        if (r.contains("list"))
            for (const json& e : r["list"])
                out.push_back({e.value("c", ""), e.value("k", ""), e.value("reason", ""), e.value("at", 0.0)});
        done(std::move(out));
    });
    profila_js_store_list_aside(id, workspace_id.c_str());
}

void ListWorkspaces(std::function<void(std::vector<WorkspaceInfo>)> done) {
    int id = AddReply([done = std::move(done)](const json& r) {
        std::vector<WorkspaceInfo> out;
        if (r.contains("list"))
            for (const json& e : r["list"])
                if (e.is_object() && e.contains("id") && e["id"].is_string())
                    out.push_back({e.value("id", ""), e.value("name", ""), e.value("created", 0.0), e.value("lastBackup", 0.0),
                                   e.value("encrypted", false)});
        done(std::move(out));
    });
    profila_js_store_list_workspaces(id);
}

void PutWorkspaceInfo(const WorkspaceInfo& info, std::function<void(bool ok)> done) {
    int id = AddReply([done = std::move(done)](const json& r) { if (done) done(r.value("ok", false)); });
    json j = {{"id", info.Id}, {"name", info.Name}, {"created", info.CreatedMs}, {"lastBackup", info.LastBackupMs}};
    std::string text = j.dump(-1, ' ', false, json::error_handler_t::replace);
    profila_js_store_put_workspace(id, text.c_str());
}

void DeleteWorkspace(const std::string& workspace_id, std::function<void(bool ok)> done) {
    int id = AddReply([done = std::move(done)](const json& r) { if (done) done(r.value("ok", false)); });
    profila_js_store_delete_workspace(id, workspace_id.c_str());
}

void Unlock(const std::string& workspace_id, const std::string& passphrase, std::function<void(UnlockResult)> done) {
    int id = AddReply([done = std::move(done)](const json& r) {
        UnlockResult out;
        out.Ok = r.value("ok", false);
        out.Wrong = r.value("wrong", false);
        out.Error = r.value("error", "");
        out.Milliseconds = r.value("ms", 0.0);
        if (done) done(std::move(out));
    });
    profila_js_store_unlock(id, workspace_id.c_str(), passphrase.c_str());
}

void Lock(const std::string& workspace_id) { profila_js_store_lock(workspace_id.c_str()); }

void SetPassphrase(const std::string& workspace_id, const std::string& passphrase, std::function<void(WriteResult)> done) {
    int id = AddReply([done = std::move(done)](const json& r) { if (done) done(ParseWriteResult(r)); });
    profila_js_store_set_passphrase(id, workspace_id.c_str(), passphrase.c_str(), passphrase.empty() ? 1 : 0);
}

void SealBackup(const std::string& workspace_id, const std::string& text, std::function<void(bool ok, std::string sealed)> done) {
    int id = AddReply([done = std::move(done)](const json& r) { if (done) done(r.value("ok", false), r.value("text", "")); });
    profila_js_store_seal_text(id, workspace_id.c_str(), text.c_str());
}

void OpenSealedBackup(const std::string& passphrase, const std::string& sealed, std::function<void(UnlockResult, std::string text)> done) {
    int id = AddReply([done = std::move(done)](const json& r) {
        UnlockResult out;
        out.Ok = r.value("ok", false);
        out.Wrong = r.value("wrong", false);
        if (done) done(std::move(out), r.value("text", ""));
    });
    profila_js_store_open_text(id, passphrase.c_str(), sealed.c_str());
}

void OnRemoteChange(std::function<void(const RemoteChange&)> handler) {
    EnsureStarted();
    B().Remote = std::move(handler);
}

void OnPageHidden(std::function<void()> handler) {
    EnsureStarted();
    B().Hidden = std::move(handler);
}

void OnBeforeUnload(std::function<bool()> handler) {
    EnsureStarted();
    B().BeforeUnload = std::move(handler);
}


void RequestPersistence() { profila_js_store_persist(); }

void Estimate(std::function<void(StorageEstimate)> done) {
    int id = AddReply([done = std::move(done)](const json& r) {
        StorageEstimate e;
        e.Known = r.value("ok", false);
        e.Persisted = r.value("persisted", false);
        e.UsageBytes = r.value("usage", 0.0);
        e.QuotaBytes = r.value("quota", 0.0);
        done(e);
    });
    profila_js_store_estimate(id);
}

void DownloadText(const std::string& file_name, const std::string& mime, const std::string& text) {
    profila_js_download(file_name.c_str(), mime.c_str(), text.c_str());
}

void PickFile(const std::string& accept, std::function<void(bool picked, std::string name, std::shared_ptr<const profila::ByteSource> file)> done) {
    EnsureStarted();
    int id = B().NextId++;
    B().Files[id] = std::move(done);
    profila_js_pick_file(id, accept.c_str());
}

}  // namespace storage
