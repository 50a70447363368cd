// Native timings of the customer-card codecs on 10,000 customers with 100,000 purchases:
// JSON backup encode/decode, per-record encode/decode (what the store does), CSV import of the
// purchases file (one row per purchase) and of the customers file. Median of 5 runs each.
#include <algorithm>
#include <chrono>
#include <ctime>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

#include "model/completeness.h"
#include "codec/customer_export.h"
#include "import/customer_import.h"
#include "codec/customer_json.h"
#include "codec/customer_record.h"
#include "model/example_shop.h"
#include <nlohmann/json.hpp>

using namespace profila;

namespace {
// CPU time of this process (the machines running it are shared: wall time mostly measures the
// neighbours); wall time is printed beside it.
double CpuMs() {
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

double MedianMs(const char* what, int runs, const std::function<void()>& body) {
    std::vector<double> cpu, wall;
    for (int i = 0; i < runs; ++i) {
        double c0 = CpuMs();
        auto t0 = std::chrono::steady_clock::now();
        body();
        auto t1 = std::chrono::steady_clock::now();
        cpu.push_back(CpuMs() - c0);
        wall.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
    }
    std::sort(cpu.begin(), cpu.end());
    std::sort(wall.begin(), wall.end());
    double median = cpu[cpu.size() / 2];
    std::printf("%-44s cpu median %8.1f ms (min %.1f, max %.1f)  wall median %8.1f ms  [%d runs]\n", what, median, cpu.front(),
                cpu.back(), wall[wall.size() / 2], runs);
    return median;
}

// 10,000 example customers, each with exactly 10 purchases (taken from its own history when it
// has them, else spread over the last two years).
Workspace MakeWorkspace() {
    ExampleShopOptions o;
    o.Customers = 10000;
    o.AsOf = DateFromYmd(2025, 6, 30);
    Workspace w = GenerateExampleShop(o).Shop;
    for (Customer& c : w.Customers) {
        std::vector<Purchase> ps;
        for (int i = 0; i < 10; ++i) {
            Purchase p;
            if (!c.Purchases.empty()) p = c.Purchases[static_cast<size_t>(i) % c.Purchases.size()];
            else { p.When = Date{o.AsOf.Days - 70 * i}; p.Amount = 20.0 + i; p.Category = "vini"; }
            p.Id = c.Id + "-q" + std::to_string(i);
            ps.push_back(p);
        }
        c.Purchases = std::move(ps);
    }
    return w;
}
}  // namespace

int main() {
    const int runs = 5;
    Workspace w = MakeWorkspace();
    size_t purchases = 0;
    for (const Customer& c : w.Customers) purchases += c.Purchases.size();
    std::printf("workspace: %zu customers, %zu purchases\n", w.Customers.size(), purchases);

    std::string backup;
    MedianMs("JSON backup encode (compact)", runs, [&] { backup = WorkspaceToJson(w, false); });
    std::printf("  backup size %.1f MB\n", backup.size() / 1e6);
    MedianMs("JSON backup decode + validate", runs, [&] {
        WorkspaceDecodeResult r = WorkspaceFromJson(backup);
        if (!r.Ok() || r.Value.Customers.size() != w.Customers.size()) std::abort();
    });

    std::vector<std::string> records(w.Customers.size());
    MedianMs("JSON per-record encode x10000 + checksum", runs, [&] {
        for (size_t i = 0; i < w.Customers.size(); ++i) {
            records[i] = CustomerToJson(w.Customers[i]);
            if (ChecksumHex(records[i]).empty()) std::abort();
        }
    });
    MedianMs("JSON per-record decode x10000 + validate", runs, [&] {
        for (const std::string& r : records)
            if (!CustomerFromJson(r).Ok()) std::abort();
    });
    // Where the per-record decode goes: the checksum, the DOM parse alone, and the same DOM read
    // from CBOR (what a binary record would cost to parse).
    size_t record_bytes = 0;
    for (const std::string& r : records) record_bytes += r.size();
    std::printf("  records %.1f MB\n", record_bytes / 1e6);
    MedianMs("  checksum FNV-1a x10000 records", runs, [&] {
        uint64_t x = 0;
        for (const std::string& r : records) x ^= Fnv1a64(r);
        if (x == 42) std::abort();
    });
    MedianMs("  nlohmann::json::parse (DOM only) x10000", runs, [&] {
        for (const std::string& r : records)
            if (nlohmann::json::parse(r).is_discarded()) std::abort();
    });
    std::vector<std::vector<uint8_t>> cbor(records.size());
    for (size_t i = 0; i < records.size(); ++i) cbor[i] = nlohmann::json::to_cbor(nlohmann::json::parse(records[i]));
    size_t cbor_bytes = 0;
    for (const auto& c : cbor) cbor_bytes += c.size();
    std::printf("  same records as CBOR %.1f MB\n", cbor_bytes / 1e6);
    MedianMs("  nlohmann::json::from_cbor (DOM only) x10000", runs, [&] {
        for (const auto& c : cbor)
            if (nlohmann::json::from_cbor(c).is_discarded()) std::abort();
    });
    // The stored records now: MessagePack (core/customer_record.h), read by the fast path, and
    // the same through a document (what a record the fast path declines costs).
    std::vector<std::string> packed(w.Customers.size());
    MedianMs("MessagePack per-record encode x10000 + checksum", runs, [&] {
        for (size_t i = 0; i < w.Customers.size(); ++i) {
            packed[i] = CustomerToRecord(w.Customers[i]);
            if (Fnv1a64(packed[i]) == 42) std::abort();
        }
    });
    size_t packed_bytes = 0;
    for (const std::string& r : packed) packed_bytes += r.size();
    std::printf("  records as MessagePack %.1f MB\n", packed_bytes / 1e6);
    MedianMs("MessagePack per-record decode x10000 (fast path)", runs, [&] {
        for (const std::string& r : packed) {
            CustomerRecordDecodeResult d = CustomerFromRecord(r);
            if (!d.Ok() || d.Path != RecordDecodePath::Fast) std::abort();
        }
    });
    MedianMs("  checksum FNV-1a x10000 MessagePack records", runs, [&] {
        uint64_t x = 0;
        for (const std::string& r : packed) x ^= Fnv1a64(r);
        if (x == 42) std::abort();
    });
    MedianMs("  MessagePack decode x10000 (document path)", runs, [&] {
        for (const std::string& r : packed)
            if (!CustomerFromRecordDocument(r).Ok()) std::abort();
    });
    MedianMs("JSON one record encode + checksum (x1000)", runs, [&] {
        for (int i = 0; i < 1000; ++i) (void)ChecksumHex(CustomerToJson(w.Customers[static_cast<size_t>(i)]));
    });

    std::string purchases_csv = PurchasesToCsv(w.Customers);
    std::string customers_csv = CustomersToCsv(w.Customers);
    std::printf("  purchases CSV %.1f MB, customers CSV %.1f MB\n", purchases_csv.size() / 1e6, customers_csv.size() / 1e6);
    MedianMs("CSV export purchases (100000 rows)", runs, [&] { purchases_csv = PurchasesToCsv(w.Customers); });
    MedianMs("CSV import purchases (100000 rows, auto)", runs, [&] {
        ImportResult r = ImportCustomersAuto(purchases_csv, Workspace{});
        if (!r.Ok() || r.NewCustomers.size() != 10000 || r.PurchasesAdded != 100000) std::abort();
    });
    MedianMs("CSV import customers (10000 rows, auto)", runs, [&] {
        ImportResult r = ImportCustomersAuto(customers_csv, Workspace{});
        if (!r.Ok() || r.NewCustomers.size() != 10000) std::abort();
    });
    MedianMs("CSV re-import purchases into workspace", runs, [&] {
        ImportResult r = ImportCustomersAuto(purchases_csv, w);  // all ids exist, all purchase ids known
        if (!r.Ok() || r.UpdatedCustomers.size() != 10000 || r.PurchasesAdded != 0) std::abort();
    });
    MedianMs("AssessCardCompleteness x10000", runs, [&] {
        double sum = 0;
        for (const Customer& c : w.Customers) sum += AssessCardCompleteness(c).Score;
        if (sum <= 0) std::abort();
    });
    MedianMs("CardCompletenessScore x10000 (the list's figure)", runs, [&] {
        double sum = 0;
        for (const Customer& c : w.Customers) sum += CardCompletenessScore(c);
        if (sum <= 0) std::abort();
    });
    MedianMs("Completeness ranking (10000 customers)", runs, [&] {
        if (RankLeastKnownValuable(w.Customers, 20, DateFromYmd(2025, 6, 30)).size() != 20) std::abort();
    });
    return 0;
}
