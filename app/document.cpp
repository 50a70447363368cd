#include "document.h"

#include <algorithm>
#include <cstdio>

void CommitCustomer(Document& doc, profila::Customer customer, double now_seconds) {
    auto& list = doc.Data.Customers;
    auto it = std::find_if(list.begin(), list.end(), [&](const profila::Customer& c) { return c.Id == customer.Id; });
    if (it != list.end()) {
        customer.Revision = it->Revision + 1;
        *it = std::move(customer);
    } else {
        customer.Revision = 1;
        list.push_back(std::move(customer));
        it = list.end() - 1;
    }
    doc.DeletedCustomers.erase(it->Id);
    doc.DirtyCustomers.insert(it->Id);
    doc.LastEditSeconds = now_seconds;
    doc.Save = SaveState::Pending;
}

void RemoveCustomer(Document& doc, const std::string& id, double now_seconds) {
    auto& list = doc.Data.Customers;
    list.erase(std::remove_if(list.begin(), list.end(), [&](const profila::Customer& c) { return c.Id == id; }), list.end());
    doc.DirtyCustomers.erase(id);
    doc.DeletedCustomers.insert(id);
    doc.LastEditSeconds = now_seconds;
    doc.Save = SaveState::Pending;
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
        if (!FindCustomer(doc, id)) return id;
    }
}
