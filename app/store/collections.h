// Each collection's records: how an item becomes a record, and how stored records come back into
// the document. The rules around them (what is locally changed, revisions, conflicts) are the
// saver's and the same for every collection (app/store/saver.cpp).
#pragma once
#include <cstddef>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "store/document.h"

// The record to write for key of collection c (bytes, revision, schema), or nullopt when the
// document no longer has it. Base revisions are the saver's to set.
std::optional<storage::Record> EncodeRecord(const Document& doc, Collection c, const std::string& key);
// The records of these keys (those the document still has), in key order, handed to take a batch
// at a time, each of about batch_bytes of encoded bytes (the last may be smaller): take may move
// them out; the batch is emptied after. Customers are found through one index when there are many
// (an import of 10,000 would otherwise search the list 10,000 times).
void EncodeRecordsInBatches(const Document& doc, Collection c, const std::set<std::string>& keys, size_t batch_bytes,
                            const std::function<void(std::vector<storage::Record>&)>& take);
// The record of one customer or persona (also for those not in the document yet: a restore).
storage::Record CustomerRecord(const profila::Customer& customer);
storage::Record PersonaRecord(const profila::Persona& persona);

// True while key has changes this tab has not stored yet (dirty, deleted or in flight): stored
// records read meanwhile leave it alone.
bool LocallyChanged(const Document& doc, Collection c, const std::string& key);

// Stored records read back, decoded. Records that could not be read are listed in Bad/Reasons.
struct DecodedRecords {
    std::vector<storage::RecordRef> Bad;
    std::vector<std::string> Reasons;
    std::vector<std::string> Present[kCollectionCount];  // keys read, per collection
};

// Puts stored records into the document, except items this tab changed and has not stored yet
// (their stored revision stays the old base, so saving them later is refused if storage moved on).
// full: the records are the whole workspace (items absent from them were deleted elsewhere).
// Each record lets go of the block it views once decoded (a load's packs are freed one by one).
DecodedRecords ApplyStoredRecords(Document& doc, std::vector<storage::Record>& records, bool full);

// Removes key of collection c from the document (another tab deleted it).
void EraseItem(Document& doc, Collection c, const std::string& key);
