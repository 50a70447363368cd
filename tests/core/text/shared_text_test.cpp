#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "codec/customer_json.h"
#include "codec/customer_record.h"
#include "text/shared_text.h"

using namespace profila;

TEST_CASE("SharedText reads like the std::string it replaces") {
    SharedText empty;
    CHECK(empty.empty());
    CHECK(empty.str().empty());
    CHECK(std::string(empty.c_str()).empty());
    CHECK(SharedText("").empty());  // an empty text has no block

    SharedText a = "negozio";
    const std::string& as_string = a;
    std::string_view as_view = a;
    CHECK(as_string == "negozio");
    CHECK(as_view == "negozio");
    CHECK(a.size() == 7);
    CHECK(a == "negozio");
    CHECK(a == std::string("negozio"));
    CHECK(std::string_view("negozio") == a);
    CHECK(a != "online");
    CHECK(a == SharedText(std::string("negozio")));  // equal text, another block
    std::string joined = "in " + a.str();
    CHECK(joined == "in negozio");

    SharedText b = a;  // copies share the block
    CHECK(b.c_str() == a.c_str());
    a = "online";      // replaced, never changed in place: b keeps its text
    CHECK(b == "negozio");
    CHECK(a == "online");
    SharedText moved = std::move(b);
    CHECK(moved == "negozio");
    CHECK(b.empty());
    moved.clear();
    CHECK(moved.empty());
}

TEST_CASE("TextPool gives equal texts one block") {
    TextPool pool;
    SharedText x = pool.Intern("carta");
    SharedText y = pool.Intern(std::string("car") + "ta");
    SharedText z = pool.Intern("contanti");
    CHECK(x.c_str() == y.c_str());
    CHECK(x.c_str() != z.c_str());
    CHECK(pool.Intern("").empty());
    CHECK(pool.Size() == 2);
    std::vector<SharedText> kept;
    {
        TextPool scoped;
        for (int i = 0; i < 3; ++i) kept.push_back(scoped.Intern("fiera"));
    }  // the pool is gone, its texts live on in the rows
    CHECK(kept[0] == "fiera");
    CHECK(kept[2].c_str() == kept[0].c_str());
}

TEST_CASE("TextPool keeps one block per text as it grows past thousands of texts") {
    TextPool pool;
    std::vector<SharedText> first;
    for (int i = 0; i < 5000; ++i) first.push_back(pool.Intern("prodotto " + std::to_string(i)));
    CHECK(pool.Size() == 5000);
    for (int i = 4999; i >= 0; --i) {
        SharedText again = pool.Intern("prodotto " + std::to_string(i));
        REQUIRE(again.c_str() == first[static_cast<size_t>(i)].c_str());
        REQUIRE(again == "prodotto " + std::to_string(i));
    }
    CHECK(pool.Size() == 5000);
}

TEST_CASE("purchases read from a record or JSON share their repeated texts") {
    Customer c;
    c.Id = "C1";
    for (int i = 0; i < 3; ++i) {
        Purchase p;
        p.Id = "P" + std::to_string(i);
        p.When = DateFromYmd(2025, 3, 1 + i);
        p.Amount = 10 + i;
        p.Category = "caffè";
        p.Channel = i == 2 ? "online" : "negozio";
        c.Purchases.push_back(p);
    }
    CustomerRecordDecodeResult r = CustomerFromRecord(CustomerToRecord(c));
    REQUIRE(r.Ok());
    REQUIRE(r.Value.Purchases.size() == 3);
    CHECK(r.Value.Purchases[0].Category.c_str() == r.Value.Purchases[2].Category.c_str());
    CHECK(r.Value.Purchases[0].Channel.c_str() == r.Value.Purchases[1].Channel.c_str());
    CHECK(r.Value.Purchases[2].Channel == "online");
    CHECK(r.Value.Purchases[0].Product.empty());

    // One pool for many records (the store's load): the texts are shared across customers.
    TextPool pool;
    CustomerRecordDecodeResult r1 = CustomerFromRecord(CustomerToRecord(c), "", &pool);
    CustomerRecordDecodeResult r2 = CustomerFromRecord(CustomerToRecord(c), "", &pool);
    REQUIRE(r1.Ok());
    REQUIRE(r2.Ok());
    CHECK(r1.Value.Purchases[0].Category.c_str() == r2.Value.Purchases[1].Category.c_str());

    CustomerDecodeResult j = CustomerFromJson(CustomerToJson(c));
    REQUIRE(j.Ok());
    CHECK(j.Value.Purchases[0].Category.c_str() == j.Value.Purchases[1].Category.c_str());
    CHECK(j.Value.Purchases[1].Category == "caffè");
}
