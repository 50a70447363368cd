// Import benchmark (native): a zip of invoices through ReadInvoiceFile + InvoicesToCustomers, and a
// workbook through PreviewImport + ImportCustomers, medians of several runs, and the process's peak
// resident memory. The files come from tests/gen/make_import_files.py --bench:
//   python3 tests/gen/make_import_files.py build/gen --bench
//   build/native/bench_imports_bench build/gen/bench_2000_invoices.zip build/gen/bench_100k.xlsx [runs=5]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <sys/resource.h>

#include "import/customer_import.h"
#include "import/invoice_import.h"

using namespace profila;

static std::string ReadAll(const char* path) {
    std::ifstream f(path, std::ios::binary);
    std::ostringstream s;
    s << f.rdbuf();
    return s.str();
}

template <class F>
static double MedianMs(int runs, F f) {
    std::vector<double> ms;
    for (int i = 0; i < runs; ++i) {
        auto t0 = std::chrono::steady_clock::now();
        f();
        ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    }
    std::sort(ms.begin(), ms.end());
    return ms[ms.size() / 2];
}

int main(int argc, char** argv) {
    if (argc < 3) { std::fprintf(stderr, "usage: %s invoices.zip workbook.xlsx [runs]\n", argv[0]); return 2; }
    int runs = argc > 3 ? std::atoi(argv[3]) : 5;
    std::string zip = ReadAll(argv[1]), book = ReadAll(argv[2]);
    size_t docs = 0, customers = 0;
    double inv = MedianMs(runs, [&] {
        InvoiceImport r = InvoicesToCustomers(ReadInvoiceFile(zip, "bench.zip"), Workspace{}, {});
        docs = r.Result.PurchasesAdded;
        customers = r.Result.NewCustomers.size();
    });
    std::printf("invoices: %zu documents, %zu customers from %.1f MB zip: median %.0f ms (%d runs)\n", docs, customers,
                zip.size() / 1e6, inv, runs);
    size_t rows = 0, made = 0;
    double wb = MedianMs(runs, [&] {
        CsvTable t;
        ImportPreview p = PreviewImport(book, 12, t, -1);
        ImportOptions o;
        o.SheetName = p.Sheets.empty() ? "" : p.Sheets[0].Name;
        ImportResult r = ImportCustomers(t, p.Suggested, Workspace{}, o);
        rows = r.RowsRead;
        made = r.NewCustomers.size();
        if (!r.Ok()) std::printf("  workbook import refused: %s\n", r.Errors.empty() ? "" : r.Errors[0].Message.c_str());
    });
    std::printf("workbook: %zu rows, %zu customers from %.1f MB xlsx: median %.0f ms (%d runs)\n", rows, made, book.size() / 1e6, wb, runs);
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    std::printf("peak resident memory: %.0f MB\n", u.ru_maxrss / 1024.0);
    return 0;
}
