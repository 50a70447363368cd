// The store's load work on the store bench's 10,000 customers with 100,000 purchases
// (tests/bench/store_bench.mjs's backupText, the same cards built here): the check (FNV-1a 64 of
// each record's bytes in one block, compared as numbers, and the copy out of the block) and the
// decode (CustomerFromRecord: the MessagePack fast path), then the same cards as MessagePack with
// histories as lists of maps (the records before tables) and as JSON text (before MessagePack).
// CPU milliseconds of the process, median of 9 (JSON text: 5), so the load of a shared machine
// does not count.
//   native: cmake --build build/native --target bench_records_bench && build/native/bench_records_bench
//   wasm:   cmake --build build/web --target bench_records_wasm && node build/web/bench_records_wasm.js
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "codec/customer_json.h"
#include "codec/customer_record.h"

#ifdef __EMSCRIPTEN__
#include <emscripten.h>
// Node's CPU time of the whole process (user + system), in ms.
EM_JS(double, CpuMs, (), { const u = process.cpuUsage(); return (u.user + u.system) / 1000; });
#else
#include <ctime>
double CpuMs() {
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}
#endif

using namespace profila;

namespace {

struct Block {
    std::string Bytes;                              // every record, one after the other
    std::vector<std::pair<size_t, size_t>> Spans;   // offset, length
    std::vector<uint64_t> Sums;
};

std::vector<Customer> StoreBenchCustomers() {
    const char* cities[] = {"Torino", "Milano", "Bologna", "Napoli", "Bari", "Firenze"};
    const char* categories[] = {"coffee", "pastry", "gift"};
    std::vector<Customer> list;
    for (int i = 0; i < 10000; ++i) {
        Customer c;
        char id[16];
        std::snprintf(id, sizeof id, "C%05d", i + 1);
        c.Id = id;
        c.Kind = i % 9 ? CustomerKind::Private : CustomerKind::Business;
        c.Name = "Cliente " + std::to_string(i + 1);
        c.Phone = "0" + std::to_string(3400000000LL + i);
        c.Email = "cliente" + std::to_string(i + 1) + "@example.it";
        c.City = cities[i % 6];
        c.Tags = {i % 5 ? "regular" : "vip"};
        c.Revision = 1;
        for (int p = 0; p < 10; ++p) {
            Purchase pu;
            pu.Id = c.Id + "-" + std::to_string(p);
            pu.When = DateFromYmd(2025, 1 + ((i + p) % 12), 1 + ((i * 7 + p) % 28));
            pu.Amount = 5 + ((i * 31 + p * 17) % 200);
            pu.Category = categories[p % 3];
            pu.Channel = p % 4 ? "shop" : "online";
            pu.PaymentMethod = p % 2 ? "card" : "cash";
            c.Purchases.push_back(pu);
        }
        list.push_back(std::move(c));
    }
    return list;
}

Block MakeBlock(const std::vector<Customer>& list, const std::function<std::string(const Customer&)>& encode) {
    Block b;
    for (const Customer& c : list) {
        std::string r = encode(c);
        b.Spans.push_back({b.Bytes.size(), r.size()});
        b.Sums.push_back(Fnv1a64(r));
        b.Bytes += r;
    }
    return b;
}

void Measure(const char* what, const Block& b, int runs, bool fast) {
    std::vector<double> check, decode;
    for (int run = 0; run < runs; ++run) {
        double t0 = CpuMs();
        std::vector<std::string> copies;
        copies.reserve(b.Spans.size());
        for (size_t i = 0; i < b.Spans.size(); ++i) {
            std::string_view bytes(b.Bytes.data() + b.Spans[i].first, b.Spans[i].second);
            if (Fnv1a64(bytes) != b.Sums[i]) std::abort();
            copies.emplace_back(bytes);
        }
        double t1 = CpuMs();
        std::vector<Customer> out;
        out.reserve(copies.size());
        for (const std::string& r : copies) {
            CustomerRecordDecodeResult d = CustomerFromRecord(r);
            if (!d.Ok() || (d.Path == RecordDecodePath::Fast) != fast) std::abort();
            out.push_back(std::move(d.Value));
        }
        double t2 = CpuMs();
        check.push_back(t1 - t0);
        decode.push_back(t2 - t1);
    }
    std::sort(check.begin(), check.end());
    std::sort(decode.begin(), decode.end());
    size_t m = check.size() / 2;
    std::printf("%-34s %6.2f MB  check %6.1f ms  decode %6.1f ms  check+decode %6.1f ms  (CPU, median of %d)\n", what,
                b.Bytes.size() / 1e6, check[m], decode[m], check[m] + decode[m], runs);
}

}  // namespace

int main() {
    std::vector<Customer> list = StoreBenchCustomers();
    Measure("MessagePack, histories as tables", MakeBlock(list, CustomerToRecord), 9, true);
    Measure("MessagePack, histories as maps", MakeBlock(list, [](const Customer& c) {
                std::vector<uint8_t> v = nlohmann::json::to_msgpack(CustomerToJsonValue(c));
                return std::string(v.begin(), v.end());
            }), 9, true);
    Measure("JSON text records (before)", MakeBlock(list, [](const Customer& c) { return CustomerToJson(c); }), 5, false);
    return 0;
}
