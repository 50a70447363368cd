// Placeholder storage until the IndexedDB bridge lands: keeps records in memory for this page.
// Replaced by storage_web.cpp (IndexedDB through web/storage.js).
#include <map>

#include "storage.h"

namespace storage {
namespace {
std::map<std::string, std::map<std::string, Record>>& Memory() {
    static std::map<std::string, std::map<std::string, Record>> memory;  // workspace -> collection/key -> record
    return memory;
}
}  // namespace

void LoadWorkspace(const std::string& workspace_id, std::function<void(LoadResult)> done) {
    LoadResult result;
    for (const auto& [key, record] : Memory()[workspace_id]) result.Records.push_back(record);
    done(std::move(result));
}

void Write(const std::string& workspace_id, std::vector<Record> puts, std::vector<RecordRef> deletes,
           std::function<void(bool ok, std::string error)> done) {
    auto& ws = Memory()[workspace_id];
    for (auto& r : puts) ws[r.Collection + "/" + r.Key] = r;
    for (auto& d : deletes) ws.erase(d.Collection + "/" + d.Key);
    done(true, {});
}

}  // namespace storage
