// The customer card's schema, written once: every field of the card and of its parts (people,
// business, ...) and histories (purchases, requests, ...) with its stable key (the JSON key, and
// the MessagePack record's), its kind, its limits or enum names, how to reach it in the struct, and
// whether the CSV import and export offer it (under which column key). The JSON writer and reader
// (customer_json.cpp), the stored record's writer and fast reader (customer_record_writer.cpp, customer_record.cpp), the CSV
// export (customer_export.cpp), the import's list of mappable fields (customer_import.cpp) and
// tests/core/codec/schema_roundtrip_test.cpp walk these tables; adding a field is one line here
// (README "Adding a field").
#pragma once
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "model/customer.h"
#include "model/ids.h"

namespace profila {

// The columns a CSV import can map (stable ids; ImportFieldKey gives their keys). Those that are
// card fields are named by the tables below (CardField::Csv); the others are the import's own:
// a name in two columns, a second phone that becomes a contact.
enum class ImportField {
    Ignore,
    // customer
    CustomerId, Name, FirstName, LastName, Company, Kind, Phone, Mobile, Email,
    Address, City, Postcode, Region, Country, Acquired, BirthYear, Age, Gender,
    Occupation, Sector, Employees, Tags, Notes,
    // purchase (one row per purchase)
    PurchaseId, PurchaseDate, Amount, Quantity, Margin, Cost, Category, Product,
    Channel, PaymentMethod, DiscountPercent, Cancelled, DaysPaidLate,
    Count_  // number of fields, not a field
};

// The kinds of object a card is made of; each has one table of fields.
enum class FieldGroup : uint8_t { Customer, People, Business, Mind, Habits, Judgement, Contact, Purchase, Request, Score,
                                  Complaint, Communication, Proposal, Privacy, Consent, Count_ };

enum class FieldKind : uint8_t {
    Text,       // std::string
    Shared,     // SharedText (text/shared_text.h): a text repeated across rows, kept once
    Id,         // CompactId (model/ids.h): a purchase's id, kept in the row
    TextList,   // std::vector<std::string>
    Flag,       // bool
    Date,       // Date, "yyyy-mm-dd"
    OptDate,    // std::optional<Date>
    Number,     // double within [NumLo, NumHi], finite
    OptNumber,  // OptionalAmount (model/customer.h), the same
    Int,        // int within [IntLo, IntHi]
    OptInt,     // std::optional<int>, the same
    Int64,      // int64_t within [IntLo, IntHi]
    Enum,       // an enum, by the names in Names
    Object,     // a nested object of group Sub (people, business...)
    Array,      // a list of objects of group Sub (purchases...): a table of rows in a record
    Schema,     // the record's schema: must be kCustomerSchemaVersion (no member)
};

struct CardField {
    std::string_view Key;                        // JSON and record key
    FieldKind Kind = FieldKind::Text;
    void* (*Member)(void* owner) = nullptr;      // the field's address in its owner, to write (not Enum, Array,
                                                 // Schema); an Object kept on demand is made by it
    const void* (*View)(const void* owner) = nullptr;  // the same, to read: an Object never made reads as its
                                                       // defaults (a static empty one), and is not made
    bool (*IsDefault)(const void* owner) = nullptr;  // holds its default value (left out when writing); for an
                                                     // Object on demand, never made (a made one is looked into)
    int (*GetEnum)(const void* owner) = nullptr;     // Enum
    void (*SetEnum)(void* owner, int value) = nullptr;
    void* (*Append)(void* owner) = nullptr;      // Array: appends an element, returns its address
    void (*Reserve)(void* owner, size_t n) = nullptr;  // Array: room for the n elements the bytes announce
    size_t (*Size)(const void* owner) = nullptr;       // Array: its elements
    const void* (*At)(const void* owner, size_t i) = nullptr;
    void (*Clear)(void* owner) = nullptr;              // Array
    const char* const* Names = nullptr;          // Enum
    int NameCount = 0;
    double NumLo = 0.0, NumHi = 0.0;
    int64_t IntLo = 0, IntHi = 0;
    FieldGroup Sub = FieldGroup::Customer;       // Object, Array
    bool Required = false;                       // the reader reports it missing when absent
    bool NonEmpty = false;                       // Text: the reader reports an empty one missing
    bool Always = false;                         // written even when it holds its default
    bool History = false;                        // Array: a history (a duplicated card starts without it)
    ImportField Csv = ImportField::Ignore;       // the CSV column that imports and exports it, if any
    std::string_view CsvKey;                     // that column's key ("customer_id"): the export's header
};

struct FieldTable {
    const CardField* Fields;
    int Count;
    uint64_t RequiredMask;  // bit i: Fields[i] must be present
    [[nodiscard]] const CardField* begin() const { return Fields; }
    [[nodiscard]] const CardField* end() const { return Fields + Count; }
};

// One table per group, indexed by FieldGroup.
extern const FieldTable kFieldTables[static_cast<size_t>(FieldGroup::Count_)];
[[nodiscard]] inline const FieldTable& FieldsOf(FieldGroup group) { return kFieldTables[static_cast<size_t>(group)]; }

// The card field a CSV column imports into (null for Ignore and the import's own columns), and the
// group holding it (Customer, People, Business or Purchase).
[[nodiscard]] const CardField* CsvCardField(ImportField field, FieldGroup* group = nullptr);

// A CSV column of a row: a field of the row's group, or of an object nested in it (people, business).
struct CsvColumn {
    const CardField* Field;
    const CardField* Parent;  // the object field holding it, or null
    [[nodiscard]] void* Owner(void* row) const { return Parent ? Parent->Member(row) : row; }
    [[nodiscard]] const void* Owner(const void* row) const { return Parent ? Parent->View(row) : row; }
};
// The columns the CSV offers for a row of the group (Customer, Purchase), in the tables' order.
[[nodiscard]] std::vector<CsvColumn> CsvColumns(FieldGroup group);

// Empties every history of the card (purchases, requests, scores, complaints, communications,
// proposals): a duplicated card keeps the profile, contacts included, and starts with no history.
void ClearHistories(Customer& customer);

// Gives an id from ids (a ULID of now_ms) to the customer and to every row of its lists (histories
// and contacts) that has none: rows stored before rows had ids read with an empty one. Ids already
// there are kept. Returns how many it gave (0: the card is unchanged and need not be saved).
size_t AssignMissingIds(Customer& customer, IdSource& ids, uint64_t now_ms);

}  // namespace profila
