// Settings > Sync: join this business to a CouchDB database, see how the sync is doing, and settle
// the fields two devices changed differently (app/sync/sync.h does the work).
#pragma once
#include <map>
#include <string>

struct AppState;

struct SyncView {
    char Server[160] = "/couchdb";
    char Database[96] = "";
    char User[64] = "";
    char Password[96] = "";        // used once to sign in, then cleared: never stored
    char Device[64] = "";
    std::map<std::string, int> Picks;  // "<ref>|<path>" -> 0 this device, 1 the other
};

void DrawSyncSection(AppState& state);
