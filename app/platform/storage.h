// Browser storage seen from C++: JSON records in collections ("customers", "personas",
// "progress", "meta", ...) kept per workspace. The web implementation talks to IndexedDB through
// web/storage.js (one transaction per Write, a checksum and schema version on each record).
// Calls are asynchronous: callbacks run later, on the main thread, between frames.
#pragma once
#include <functional>
#include <string>
#include <vector>

namespace storage {

struct Record {
    std::string Collection;
    std::string Key;
    std::string Json;
};

struct RecordRef {
    std::string Collection;
    std::string Key;
};

struct LoadResult {
    std::vector<Record> Records;          // everything stored for the workspace that checked out
    std::vector<std::string> Problems;    // records set aside (failed to parse or check), described
};

// Loads every record of a workspace.
void LoadWorkspace(const std::string& workspace_id, std::function<void(LoadResult)> done);
// Writes puts and deletes in one transaction; done(ok, error) runs when it has completed
// (or failed: quota, timeout, another tab holding the lock...).
void Write(const std::string& workspace_id, std::vector<Record> puts, std::vector<RecordRef> deletes,
           std::function<void(bool ok, std::string error)> done);

}  // namespace storage
