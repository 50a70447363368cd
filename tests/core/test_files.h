// Reading test inputs: whole files as bytes in a string, and the fixtures in tests/core/fixtures.
#pragma once
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "model/customer.h"
#include "model/date.h"

inline std::string ReadFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    REQUIRE_MESSAGE(in.good(), "missing " << path);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// A file of ../shared/realdata (third-party e-invoices, workbooks, vCards), read in place.
inline std::string ReadRealData(const std::string& rel) {
    std::ifstream in(std::string(PROFILA_REALDATA_DIR) + "/" + rel, std::ios::binary);
    REQUIRE_MESSAGE(in.good(), "missing real-data file " << rel << " (../shared/realdata beside the clone)");
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// A string of an expected.json, or "" for its null.
inline std::string JsonString(const nlohmann::json& j) { return j.is_null() ? std::string() : j.get<std::string>(); }

inline std::string ReadFixture(const char* name) {
    return ReadFile(std::string(PROFILA_ASSETS_DIR) + "/../tests/core/fixtures/" + name);
}

// A CDNOW purchase log (../shared/data/cdnow/<name>: id,date,quantity,amount, sorted by id) as a
// workspace, one customer per id.
inline profila::Workspace LoadCdnowLog(const std::string& name) {
    const std::string path = std::string(PROFILA_SHARED_DATA_DIR) + "/cdnow/" + name;
    profila::Workspace w;
    std::ifstream in(path);
    REQUIRE_MESSAGE(in.good(), "missing " << path);
    std::string line;
    std::getline(in, line);  // header
    while (std::getline(in, line)) {
        std::stringstream ss(line);
        std::string id, date, quantity, amount;
        std::getline(ss, id, ',');
        std::getline(ss, date, ',');
        std::getline(ss, quantity, ',');
        std::getline(ss, amount, ',');
        if (w.Customers.empty() || w.Customers.back().Id != id) {
            w.Customers.emplace_back();
            w.Customers.back().Id = id;
        }
        profila::Purchase p;
        p.When = *profila::ParseIsoDate(date);
        p.Amount = std::stod(amount);
        p.Quantity = std::stoi(quantity);
        w.Customers.back().Purchases.push_back(p);
    }
    return w;
}
