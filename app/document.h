// The open workspace and what must be saved. Screens change data only through these commands;
// each marks what changed so the store (app/platform storage bridge) saves it within a second.
#pragma once
#include <set>
#include <string>
#include <vector>

#include "model.h"

enum class SaveState { Idle, Pending, Saving, Saved, Failed };

struct Document {
    profila::Workspace Data;
    std::set<std::string> DirtyCustomers;    // ids to write
    std::set<std::string> DeletedCustomers;  // ids to delete
    double LastEditSeconds = 0.0;            // time of the last command, for the save debounce
    SaveState Save = SaveState::Idle;
    std::string SaveError;                   // shown when Save == Failed
    bool Loaded = false;                     // the store finished its first load
};

// Adds the customer, or replaces the one with the same Id; bumps its revision; marks it dirty.
void CommitCustomer(Document& doc, profila::Customer customer, double now_seconds);
// Adds or replaces many customers as one change (an import, the example shop): the store saves
// them in one transaction. Same rules as CommitCustomer for each.
void CommitCustomers(Document& doc, std::vector<profila::Customer> customers, double now_seconds);
// Removes the customer with this id (screens keep a copy for undo); marks the deletion.
void RemoveCustomer(Document& doc, const std::string& id, double now_seconds);
// Removes many customers as one change (undoing an import).
void RemoveCustomers(Document& doc, const std::vector<std::string>& ids, double now_seconds);
// The customer with this id, or nullptr.
const profila::Customer* FindCustomer(const Document& doc, const std::string& id);
// A new id not used in the workspace.
std::string NewCustomerId(const Document& doc);
