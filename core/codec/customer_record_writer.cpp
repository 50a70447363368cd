// A customer as a storage record, written: the card's fields straight to MessagePack, its histories
// as tables (codec/customer_record.h). Reading a record back is codec/customer_record.cpp.
#include "codec/customer_record.h"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

#include "codec/customer_fields.h"
#include "codec/field_value.h"

namespace profila {

namespace {

// The bytes nlohmann's to_msgpack gives for CustomerToJsonValue with its histories as tables
// (a table per history, as codec/customer_record.h describes), byte for byte: keys in their sorted order, each number in its smallest form
// (integers by value; a double as float32 when that holds it exactly), texts, lists and maps with
// the shortest header. Written from the fields without building that JSON tree first: a save of
// 100,000 imported cards spent more time making the trees than the records (tests/core check the
// bytes against the tree's on every card they build).
class RecordWriter {
public:
    // The record so far: written through At_ into Out's storage (a byte at a time through
    // std::string::push_back was a capacity check, a length and a terminator stored per byte in
    // wasm), Out cut to what was written by Take.
    std::string Take() {
        Out.resize(At_ ? static_cast<size_t>(At_ - &Out[0]) : 0);
        At_ = End_ = nullptr;
        Out.shrink_to_fit();  // grown as it was written: give back the room left over (a save holds every record)
        return std::move(Out);
    }

    // A group's fields as a map; top: the card itself (its schema, its histories as tables).
    void Group(FieldGroup group, const void* owner, bool top) {
        const std::vector<const CardField*>& fields = SortedFields(group);
        bool present[kMaxFields];  // asked once per field (IsDefault goes through a pointer)
        size_t n = 0;
        for (size_t i = 0; i < fields.size(); ++i) n += (present[i] = Present(*fields[i], owner)) ? 1 : 0;
        Header(n, 0x80, 0xde, 0xdf, 15);
        for (size_t i = 0; i < fields.size(); ++i) {
            if (!present[i]) continue;
            Text(fields[i]->Key);
            if (top && fields[i]->Kind == FieldKind::Array) Table(*fields[i], owner);
            else Value(*fields[i], owner);
        }
    }

private:
    template <class Sink> friend bool profila::WriteScalar(const CardField& f, const void* owner, Sink& sink);
    static constexpr size_t kMaxFields = 128;  // the widest group (the card) has fewer
    // Each group's fields sorted by key (the order of a JSON object's std::map), built once.
    static const std::vector<const CardField*>& SortedFields(FieldGroup group) {
        static const std::vector<std::vector<const CardField*>> sorted = [] {
            std::vector<std::vector<const CardField*>> all(static_cast<size_t>(FieldGroup::Count_));
            for (size_t g = 0; g < all.size(); ++g) {
                for (const CardField& f : FieldsOf(static_cast<FieldGroup>(g))) all[g].push_back(&f);
                if (all[g].size() > kMaxFields) std::abort();  // raise kMaxFields with the model
                std::sort(all[g].begin(), all[g].end(), [](const CardField* a, const CardField* b) { return a->Key < b->Key; });
            }
            return all;
        }();
        return sorted[static_cast<size_t>(group)];
    }
    // Whether GroupToValue writes the field: the schema always, a default value never (unless
    // Always), a sub-object only when something of it is written.
    static bool Present(const CardField& f, const void* owner) {
        if (f.Kind == FieldKind::Schema) return true;
        if (!f.Always && f.IsDefault && f.IsDefault(owner)) return false;
        if (f.Kind != FieldKind::Object) return true;
        const void* at = f.View(owner);
        for (const CardField* g : SortedFields(f.Sub))
            if (g->Kind != FieldKind::Schema && Present(*g, at)) return true;
        return false;
    }
    void Value(const CardField& f, const void* owner) {
        if (WriteScalar(f, owner, *this)) return;
        switch (f.Kind) {
        case FieldKind::Object: Group(f.Sub, f.View(owner), false); break;
        case FieldKind::Array: {
            size_t n = f.Size(owner);
            Header(n, 0x90, 0xdc, 0xdd, 15);
            for (size_t i = 0; i < n; ++i) Group(f.Sub, f.At(owner, i), false);
            break;
        }
        case FieldKind::Schema: Integer(kCustomerSchemaVersion); break;
        default: break;  // the scalars: written above
        }
    }
    // A history as a table: [[columns...], [cells...]...], the columns the keys
    // its entries use (sorted), nil where an entry lacks one.
    void Table(const CardField& f, const void* owner) {
        const std::vector<const CardField*>& fields = SortedFields(f.Sub);
        const size_t width = fields.size(), n = f.Size(owner);
        std::vector<char> present(n * width);  // entry i, field c: present[i * width + c]
        bool used[kMaxFields] = {};
        for (size_t i = 0; i < n; ++i)
            for (size_t c = 0; c < width; ++c) used[c] |= (present[i * width + c] = Present(*fields[c], f.At(owner, i)) ? 1 : 0) != 0;
        size_t columns = static_cast<size_t>(std::count(used, used + width, true));
        Header(n + 1, 0x90, 0xdc, 0xdd, 15);
        Header(columns, 0x90, 0xdc, 0xdd, 15);
        for (size_t c = 0; c < width; ++c)
            if (used[c]) Text(fields[c]->Key);
        for (size_t i = 0; i < n; ++i) {
            const void* entry = f.At(owner, i);
            Header(columns, 0x90, 0xdc, 0xdd, 15);
            for (size_t c = 0; c < width; ++c) {
                if (!used[c]) continue;
                if (present[i * width + c]) Value(*fields[c], entry);
                else Byte(0xc0);
            }
        }
    }

    std::string Out;
    char* At_ = nullptr;   // where the next byte goes, in Out
    char* End_ = nullptr;  // the end of Out's room
    // Room for n more bytes.
    void Need(size_t n) {
        if (static_cast<size_t>(End_ - At_) >= n) return;
        const size_t used = At_ ? static_cast<size_t>(At_ - &Out[0]) : 0;
        Out.resize(std::max(2 * Out.size(), used + n + 512));
        At_ = &Out[0] + used;
        End_ = &Out[0] + Out.size();
    }
    void Byte(unsigned v) {
        Need(1);
        *At_++ = static_cast<char>(v);
    }
    template <typename T> void BigEndian(T v) {
        unsigned char b[sizeof(T)];
        std::memcpy(b, &v, sizeof(T));
        Need(sizeof(T));
        char* at = At_;
        for (size_t i = sizeof(T); i-- > 0;) *at++ = static_cast<char>(b[i]);
        At_ = at;
    }
    // A map's or a list's length: the fix form up to fix_max, else 16 or 32 bits.
    void Header(size_t n, unsigned fix, unsigned b16, unsigned b32, size_t fix_max) {
        if (n <= fix_max) Byte(fix | static_cast<unsigned>(n));
        else if (n <= 0xffff) { Byte(b16); BigEndian(static_cast<uint16_t>(n)); }
        else { Byte(b32); BigEndian(static_cast<uint32_t>(n)); }
    }
    void Text(std::string_view t) {
        size_t n = t.size();
        if (n <= 31) Byte(0xa0 | static_cast<unsigned>(n));
        else if (n <= 0xff) { Byte(0xd9); Byte(static_cast<unsigned>(n)); }
        else if (n <= 0xffff) { Byte(0xda); BigEndian(static_cast<uint16_t>(n)); }
        else { Byte(0xdb); BigEndian(static_cast<uint32_t>(n)); }
        Need(n);
        if (n > 0) std::memcpy(At_, t.data(), n);
        At_ += n;
    }
    void Integer(int64_t v) {
        if (v >= 0) {
            uint64_t u = static_cast<uint64_t>(v);
            if (u < 128) Byte(static_cast<unsigned>(u));
            else if (u <= 0xff) { Byte(0xcc); Byte(static_cast<unsigned>(u)); }
            else if (u <= 0xffff) { Byte(0xcd); BigEndian(static_cast<uint16_t>(u)); }
            else if (u <= 0xffffffffu) { Byte(0xce); BigEndian(static_cast<uint32_t>(u)); }
            else { Byte(0xcf); BigEndian(u); }
        } else if (v >= -32) {
            Byte(static_cast<unsigned char>(static_cast<int8_t>(v)));
        } else if (v >= INT8_MIN) { Byte(0xd0); BigEndian(static_cast<int8_t>(v)); }
        else if (v >= INT16_MIN) { Byte(0xd1); BigEndian(static_cast<int16_t>(v)); }
        else if (v >= INT32_MIN) { Byte(0xd2); BigEndian(static_cast<int32_t>(v)); }
        else { Byte(0xd3); BigEndian(v); }
    }
    // WriteScalar's sink (field_value.h): Text and Integer above, and these.
    void TextList(const std::vector<std::string>& list) {
        Header(list.size(), 0x90, 0xdc, 0xdd, 15);
        for (const std::string& t : list) Text(t);
    }
    void Flag(bool b) { Byte(b ? 0xc3 : 0xc2); }
    void Number(double d) { Float(d); }
    void Float(double d) {
        if (d >= static_cast<double>(std::numeric_limits<float>::lowest()) && d <= static_cast<double>(std::numeric_limits<float>::max()) &&
            static_cast<double>(static_cast<float>(d)) == d) {
            Byte(0xca);
            BigEndian(static_cast<float>(d));
        } else {
            Byte(0xcb);
            BigEndian(d);
        }
    }
};

}  // namespace

std::string CustomerToRecord(const Customer& customer) {
    RecordWriter w;
    w.Group(FieldGroup::Customer, &customer, true);
    return w.Take();
}

}  // namespace profila
