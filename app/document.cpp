#include "document.h"

#include <algorithm>
#include <cstdio>
#include <unordered_map>

namespace {
// The next revision: above the copy being replaced, the edited copy and what is stored, so a
// re-created (undone) customer never goes backwards and other tabs see it as newer.
int64_t NextRevision(Document& doc, const profila::Customer& edited, const profila::Customer* current) {
    int64_t prev = edited.Revision;
    if (current) prev = std::max(prev, current->Revision);
    auto stored = doc.StoredRevisions.find(edited.Id);
    if (stored != doc.StoredRevisions.end()) prev = std::max(prev, stored->second);
    int64_t& issued = doc.IssuedRevisions[edited.Id];
    issued = std::max(prev, issued) + 1;
    return issued;
}

void MarkEdited(Document& doc, double now_seconds) {
    doc.LastEditSeconds = now_seconds;
    ++doc.EditSerial;
    doc.Save = SaveState::Pending;
}
}  // namespace

void CommitCustomer(Document& doc, profila::Customer customer, double now_seconds) {
    auto& list = doc.Data.Customers;
    auto it = std::find_if(list.begin(), list.end(), [&](const profila::Customer& c) { return c.Id == customer.Id; });
    if (it != list.end()) {
        customer.Revision = NextRevision(doc, customer, &*it);
        *it = std::move(customer);
    } else {
        customer.Revision = NextRevision(doc, customer, nullptr);
        list.push_back(std::move(customer));
        it = list.end() - 1;
    }
    doc.DeletedCustomers.erase(it->Id);
    doc.DirtyCustomers.insert(it->Id);
    MarkEdited(doc, now_seconds);
}

void CommitCustomers(Document& doc, std::vector<profila::Customer> customers, double now_seconds) {
    auto& list = doc.Data.Customers;
    std::unordered_map<std::string, size_t> index;
    index.reserve(list.size() + customers.size());
    for (size_t i = 0; i < list.size(); ++i) index.emplace(list[i].Id, i);
    for (profila::Customer& customer : customers) {
        auto found = index.find(customer.Id);
        size_t at = found != index.end() ? found->second : list.size();
        if (at < list.size()) {
            customer.Revision = NextRevision(doc, customer, &list[at]);
            list[at] = std::move(customer);
        } else {
            customer.Revision = NextRevision(doc, customer, nullptr);
            index.emplace(customer.Id, at);
            list.push_back(std::move(customer));
        }
        doc.DeletedCustomers.erase(list[at].Id);
        doc.DirtyCustomers.insert(list[at].Id);
    }
    MarkEdited(doc, now_seconds);
}

void RemoveCustomers(Document& doc, const std::vector<std::string>& ids, double now_seconds) {
    std::set<std::string> gone(ids.begin(), ids.end());
    auto& list = doc.Data.Customers;
    list.erase(std::remove_if(list.begin(), list.end(), [&](const profila::Customer& c) { return gone.count(c.Id) > 0; }),
               list.end());
    for (const std::string& id : gone) {
        doc.DirtyCustomers.erase(id);
        doc.DeletedCustomers.insert(id);
    }
    MarkEdited(doc, now_seconds);
}

void RemoveCustomer(Document& doc, const std::string& id, double now_seconds) {
    RemoveCustomers(doc, {id}, now_seconds);
}

const profila::Customer* FindCustomer(const Document& doc, const std::string& id) {
    for (const auto& c : doc.Data.Customers)
        if (c.Id == id) return &c;
    return nullptr;
}

std::string NewCustomerId(const Document& doc) {
    for (size_t n = doc.Data.Customers.size() + 1;; ++n) {
        char id[32];
        std::snprintf(id, sizeof id, "C%05zu", n);
        if (!FindCustomer(doc, id) && !doc.StoredRevisions.count(id)) return id;
    }
}

bool HasUnsavedChanges(const Document& doc) {
    return !doc.DirtyCustomers.empty() || !doc.DeletedCustomers.empty() || !doc.Store.InFlightPuts.empty() ||
           !doc.Store.InFlightDeletes.empty() || doc.Save == SaveState::Failed;
}
