// The card's field table (core/codec/customer_fields.h) against every codec that walks it: each
// field of each group gets a value other than its default, and a customer carrying all of them
// must come back equal through JSON, the stored MessagePack record (fast and document paths) and,
// for the fields the CSV offers, CSV export and import. A field added to the table is covered here
// without touching this file.
#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "codec/customer_export.h"
#include "codec/customer_fields.h"
#include "codec/customer_json.h"
#include "codec/customer_record.h"
#include "import/customer_import.h"
#include "model/ids.h"

using namespace profila;

namespace {

template <typename T> T& At(const CardField& f, void* owner) { return *static_cast<T*>(f.Member(owner)); }
template <typename T> const T& At(const CardField& f, const void* owner) { return *static_cast<const T*>(f.View(owner)); }

// Gives every field of the group a value other than its default; seed tells rows apart.
void Fill(FieldGroup group, void* owner, int seed) {
    for (const CardField& f : FieldsOf(group)) {
        const std::string key(f.Key);
        switch (f.Kind) {
        case FieldKind::Text: At<std::string>(f, owner) = "v-" + key + std::to_string(seed); break;
        case FieldKind::Shared: At<SharedText>(f, owner) = "v-" + key + std::to_string(seed); break;
        case FieldKind::Id:  // the second row's longer than fits in the row (kept in a block)
            At<CompactId>(f, owner) = "v-" + key + std::to_string(seed) + (seed % 2 ? "" : std::string(CompactId::kInline, 'x'));
            break;
        case FieldKind::TextList: At<std::vector<std::string>>(f, owner) = {"a" + std::to_string(seed), "b" + key}; break;
        case FieldKind::Flag: At<bool>(f, owner) = !At<bool>(f, owner); break;
        case FieldKind::Date: At<Date>(f, owner) = DateFromYmd(2024, 3, 10 + seed); break;
        case FieldKind::OptDate: At<std::optional<Date>>(f, owner) = DateFromYmd(2023, 5, 10 + seed); break;
        case FieldKind::Number: At<double>(f, owner) = 12.25 + seed; break;
        case FieldKind::OptNumber: At<OptionalAmount>(f, owner) = 7.75 + seed; break;
        case FieldKind::Int: At<int>(f, owner) = static_cast<int>(f.IntLo + (f.IntHi - f.IntLo) / 2); break;
        case FieldKind::OptInt: At<std::optional<int>>(f, owner) = static_cast<int>(f.IntLo + (f.IntHi - f.IntLo) / 2); break;
        case FieldKind::Int64: At<int64_t>(f, owner) = f.IntLo + (f.IntHi - f.IntLo) / 2; break;
        case FieldKind::Enum: f.SetEnum(owner, f.NameCount - 1); break;
        case FieldKind::Object: Fill(f.Sub, f.Member(owner), seed); break;
        case FieldKind::Array:
            for (int row = 1; row <= 2; ++row) Fill(f.Sub, f.Append(owner), seed * 10 + row);
            break;
        case FieldKind::Schema: break;
        }
    }
}

// Adds "path: what" for every field of the group that differs; csv_only: only the fields the CSV
// offers (and numbers within a cent's rounding).
void Compare(FieldGroup group, const void* a, const void* b, const std::string& path, bool csv_only, std::vector<std::string>& out) {
    for (const CardField& f : FieldsOf(group)) {
        const std::string where = path + std::string(f.Key);
        if (f.Kind == FieldKind::Object) {
            Compare(f.Sub, f.View(a), f.View(b), where + ".", csv_only, out);
            continue;
        }
        if (csv_only && f.CsvKey.empty()) continue;
        bool same = true;
        auto close = [&](double x, double y) { return csv_only ? std::fabs(x - y) < 1e-9 : x == y; };
        switch (f.Kind) {
        case FieldKind::Text: same = At<std::string>(f, a) == At<std::string>(f, b); break;
        case FieldKind::Shared: same = At<SharedText>(f, a) == At<SharedText>(f, b); break;
        case FieldKind::Id: same = At<CompactId>(f, a) == At<CompactId>(f, b); break;
        case FieldKind::TextList: same = At<std::vector<std::string>>(f, a) == At<std::vector<std::string>>(f, b); break;
        case FieldKind::Flag: same = At<bool>(f, a) == At<bool>(f, b); break;
        case FieldKind::Date: same = At<Date>(f, a).Days == At<Date>(f, b).Days; break;
        case FieldKind::OptDate: {
            const auto &x = At<std::optional<Date>>(f, a), &y = At<std::optional<Date>>(f, b);
            same = x.has_value() == y.has_value() && (!x || x->Days == y->Days);
            break;
        }
        case FieldKind::Number: same = close(At<double>(f, a), At<double>(f, b)); break;
        case FieldKind::OptNumber: {
            const auto &x = At<OptionalAmount>(f, a), &y = At<OptionalAmount>(f, b);
            same = x.has_value() == y.has_value() && (!x || close(*x, *y));
            break;
        }
        case FieldKind::Int: same = At<int>(f, a) == At<int>(f, b); break;
        case FieldKind::OptInt: same = At<std::optional<int>>(f, a) == At<std::optional<int>>(f, b); break;
        case FieldKind::Int64: same = At<int64_t>(f, a) == At<int64_t>(f, b); break;
        case FieldKind::Enum: same = f.GetEnum(a) == f.GetEnum(b); break;
        case FieldKind::Array: {
            size_t n = f.Size(a);
            if (n != f.Size(b)) { out.push_back(where + ": " + std::to_string(n) + " rows, came back " + std::to_string(f.Size(b))); continue; }
            for (size_t i = 0; i < n; ++i)
                Compare(f.Sub, f.At(a, i), f.At(b, i), where + "[" + std::to_string(i) + "].", csv_only, out);
            continue;
        }
        case FieldKind::Object:
        case FieldKind::Schema: continue;
        }
        if (!same) out.push_back(where + ": differs");
    }
}

// Every field (rows included) that still holds its default after Fill: a gap in Fill.
void Defaults(FieldGroup group, const void* owner, const std::string& path, std::vector<std::string>& out) {
    for (const CardField& f : FieldsOf(group)) {
        const std::string where = path + std::string(f.Key);
        if (f.Kind == FieldKind::Object) Defaults(f.Sub, f.View(owner), where + ".", out);
        else if (f.IsDefault && f.IsDefault(owner)) out.push_back(where);
        if (f.Kind == FieldKind::Array)
            for (size_t i = 0; i < f.Size(owner); ++i) Defaults(f.Sub, f.At(owner, i), where + "[" + std::to_string(i) + "].", out);
    }
}

Customer Full() {
    Customer c;
    Fill(FieldGroup::Customer, &c, 1);
    return c;
}

std::string Lines(const std::vector<std::string>& v) {
    std::string s;
    for (const std::string& x : v) s += x + "\n";
    return s;
}

}  // namespace

TEST_CASE("schema: every field of the table is given a value other than its default") {
    Customer c = Full();
    std::vector<std::string> left;
    Defaults(FieldGroup::Customer, &c, "", left);
    INFO(Lines(left));
    CHECK(left.empty());
    CHECK(ValidateCustomer(c).empty());
}

TEST_CASE("schema: every field round-trips through JSON") {
    Customer c = Full();
    CustomerDecodeResult back = CustomerFromJson(CustomerToJson(c));
    REQUIRE(back.Ok());
    std::vector<std::string> diffs;
    Compare(FieldGroup::Customer, &c, &back.Value, "", false, diffs);
    INFO(Lines(diffs));
    CHECK(diffs.empty());

    Workspace w{"w1", "Bottega", {c}};
    WorkspaceDecodeResult ws = WorkspaceFromJson(WorkspaceToJson(w));
    REQUIRE(ws.Ok());
    REQUIRE(ws.Value.Customers.size() == 1);
    diffs.clear();
    Compare(FieldGroup::Customer, &c, &ws.Value.Customers[0], "", false, diffs);
    INFO(Lines(diffs));
    CHECK(diffs.empty());
}

TEST_CASE("schema: every field round-trips through the stored record, fast path and document path") {
    Customer c = Full();
    std::string bytes = CustomerToRecord(c);
    CustomerRecordDecodeResult fast = CustomerFromRecord(bytes);
    REQUIRE(fast.Ok());
    CHECK(fast.Path == RecordDecodePath::Fast);
    CustomerRecordDecodeResult document = CustomerFromRecordDocument(bytes);
    REQUIRE(document.Ok());
    for (const Customer* back : {&fast.Value, &document.Value}) {
        std::vector<std::string> diffs;
        Compare(FieldGroup::Customer, &c, back, "", false, diffs);
        INFO(Lines(diffs));
        CHECK(diffs.empty());
    }
}

TEST_CASE("schema: every field the CSV offers round-trips through export and import") {
    Customer c = Full();
    ImportResult customers = ImportCustomersAuto(CustomersToCsv({c}), Workspace{});
    const std::string customers_error = customers.Errors.empty() ? std::string() : customers.Errors[0].Message;
    INFO(customers_error);
    REQUIRE(customers.Ok());
    REQUIRE(customers.NewCustomers.size() == 1);
    std::vector<std::string> diffs;
    Customer head = c;
    ClearHistories(head);  // the customers' file has no rows
    Compare(FieldGroup::Customer, &head, &customers.NewCustomers[0], "", true, diffs);
    INFO(Lines(diffs));
    CHECK(diffs.empty());

    ImportResult purchases = ImportCustomersAuto(PurchasesToCsv({c}), Workspace{});
    const std::string purchases_error = purchases.Errors.empty() ? std::string() : purchases.Errors[0].Message;
    INFO(purchases_error);
    REQUIRE(purchases.Ok());
    REQUIRE(purchases.NewCustomers.size() == 1);
    const Customer& back = purchases.NewCustomers[0];
    REQUIRE(back.Purchases.size() == c.Purchases.size());
    diffs.clear();
    for (size_t i = 0; i < c.Purchases.size(); ++i)
        Compare(FieldGroup::Purchase, &c.Purchases[i], &back.Purchases[i], "purchases[" + std::to_string(i) + "].", true, diffs);
    INFO(Lines(diffs));
    CHECK(diffs.empty());
}

TEST_CASE("schema: every column the import maps to a card field is a field of the table, and back") {
    for (size_t i = 1; i < static_cast<size_t>(ImportField::Count_); ++i) {
        auto column = static_cast<ImportField>(i);
        const char* key = ImportFieldKey(column);
        CHECK(ImportFieldFromKey(key) == column);
        if (const CardField* f = CsvCardField(column)) CHECK(f->CsvKey == key);
    }
}

TEST_CASE("schema: rows stored without ids read with empty ids, and AssignMissingIds gives ULIDs once") {
    const char* stored =
        R"({"schema":2,"id":"c7","kind":"business","contacts":[{"name":"Luca"}],)"
        R"("purchases":[{"id":"P1","date":"2024-01-02","amount":5},{"date":"2024-01-03","amount":6}],)"
        R"("requests":[{"date":"2024-02-01","met":true}],"satisfaction":[{"date":"2024-02-02","score":4}],)"
        R"("complaints":[{"date":"2024-02-03"}],"communications":[{"date":"2024-02-04"}],)"
        R"("proposals":[{"date":"2024-02-05","status":"made"}]})";
    CustomerDecodeResult read = CustomerFromJson(stored);
    REQUIRE(read.Ok());
    Customer c = read.Value;
    CHECK(c.Contacts[0].Id.empty());
    CHECK(c.Requests[0].Id.empty());
    CHECK(c.Purchases[1].Id.empty());
    // The same through a record in today's form (histories as tables, no id column).
    CustomerRecordDecodeResult record = CustomerFromRecord(CustomerToRecord(c));
    REQUIRE(record.Ok());
    CHECK(record.Path == RecordDecodePath::Fast);
    CHECK(record.Value.Proposals[0].Id.empty());

    IdSource ids(42);
    const uint64_t now = 1767225600000;  // 2026-01-01
    CHECK(AssignMissingIds(c, ids, now) == 7);  // all rows but purchase P1, whose id stays
    CHECK(c.Id == "c7");
    CHECK(c.Purchases[0].Id == "P1");
    for (std::string id : {c.Purchases[1].Id.str(), c.Contacts[0].Id, c.Requests[0].Id,
                                c.Satisfaction[0].Id, c.Complaints[0].Id,
                                c.Communications[0].Id, c.Proposals[0].Id}) {
        CHECK(IsUlid(id));
        CHECK(UlidTime(id) == now);
    }
    CHECK(AssignMissingIds(c, ids, now + 1) == 0);
    CustomerDecodeResult again = CustomerFromJson(CustomerToJson(c));
    REQUIRE(again.Ok());
    CHECK(again.Value.Communications[0].Id == c.Communications[0].Id);
}

TEST_CASE("schema: a duplicated card keeps its profile and contacts, not its histories") {
    Customer c = Full();
    ClearHistories(c);
    CHECK(c.Purchases.empty());
    CHECK(c.Requests.empty());
    CHECK(c.Satisfaction.empty());
    CHECK(c.Complaints.empty());
    CHECK(c.Communications.empty());
    CHECK(c.Proposals.empty());
    CHECK(c.Contacts.size() == 2);
    CHECK(!c.Name.empty());
}

TEST_CASE("schema: an import with an id source gives ULIDs to new customers and rows, keeps the file's ids") {
    const char* csv =
        "customer_id;name;purchase_id;purchase_date;amount\n"
        ";Anna;;02/01/2024;10\n"
        "K9;Bruno;F-1;03/01/2024;20\n"
        "K9;Bruno;;04/01/2024;30\n";
    IdSource ids(7);
    ImportOptions options;
    options.Ids = &ids;
    options.NowMs = 1767225600000;
    ImportResult r = ImportCustomersAuto(csv, Workspace{}, options);
    REQUIRE(r.Ok());
    REQUIRE(r.NewCustomers.size() == 2);
    const Customer& anna = r.NewCustomers[0];
    const Customer& bruno = r.NewCustomers[1];
    CHECK(IsUlid(anna.Id));
    CHECK(UlidTime(anna.Id) == options.NowMs);
    CHECK(IsUlid(anna.Purchases[0].Id.str()));
    CHECK(bruno.Id == "K9");
    CHECK(bruno.Purchases[0].Id == "F-1");
    CHECK(IsUlid(bruno.Purchases[1].Id.str()));
    CHECK(anna.Purchases[0].Id != bruno.Purchases[1].Id);

    ImportResult plain = ImportCustomersAuto(csv, Workspace{});  // no source: the counter as before
    REQUIRE(plain.Ok());
    CHECK(plain.NewCustomers[0].Id == "c1");
    CHECK(plain.NewCustomers[0].Purchases[0].Id.empty());
}
