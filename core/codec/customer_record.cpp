// A customer's storage record, read (written: codec/customer_record_writer.cpp).
// [SECTION] fast path: a SAX handler that fills a Customer, or gives up
// [SECTION] history tables: how a record holds purchases and the other histories, read back as lists
// [SECTION] document path and the public functions
#include "codec/customer_record.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "codec/customer_fields.h"
#include "codec/field_value.h"

namespace profila {

using json = nlohmann::json;

namespace {

// [SECTION] fast path ---------------------------------------------------------------------------------
// A walk over the MessagePack bytes drives the handler below; every callback returns false to give
// up, which stops the walk at once. Keys, kinds and limits are the card's tables
// (codec/customer_fields.h), which the document path reads by too; a key not in them makes the fast
// path give up, and the document path reads the record as it always did (skipping keys it does not
// know), so nothing is lost, only speed.
//
// Why not nlohmann's MessagePack SAX reader (which the document path uses): it hands every text
// over as a std::string built one push_back per byte; in the wasm build (libc++, whose string
// members are not inlined) lexing the bench's 17 MB of records that way took ~340 ms against 40 ms
// natively. This walk hands texts over as views of the bytes. It reads the formats a record is
// written in (maps, arrays, texts, integers, floats, booleans, nil); anything else (bin, ext, the
// unused 0xc1, a map key that is not text, bytes cut short or left over) ends it with false and the
// document path reports the record. fuzz_customer_record checks that both paths agree.
class MessagePackWalk {
public:
    explicit MessagePackWalk(std::string_view bytes)
        : p_(reinterpret_cast<const unsigned char*>(bytes.data())), end_(p_ + bytes.size()) {}

    // One whole value and nothing after it.
    template <typename Handler> bool Document(Handler& h) { return Value(h, 0) && p_ == end_; }

private:
    static constexpr int kMaxDepth = 16;  // the handler stops far earlier; this bounds the recursion anyway

    bool Has(size_t n) const { return static_cast<size_t>(end_ - p_) >= n; }
    uint64_t Big(int n) {  // a big-endian unsigned of n bytes; caller checked Has(n)
        uint64_t v = 0;
        for (int i = 0; i < n; ++i) v = v << 8 | p_[i];
        p_ += n;
        return v;
    }
    bool Length(int n, uint64_t& out) {
        if (!Has(static_cast<size_t>(n))) return false;
        out = Big(n);
        return true;
    }
    bool Text(uint64_t n, std::string_view& out) {
        if (!Has(n)) return false;
        out = std::string_view(reinterpret_cast<const char*>(p_), static_cast<size_t>(n));
        p_ += n;
        return true;
    }
    // A map key: MessagePack text only.
    bool Key(std::string_view& out) {
        if (!Has(1)) return false;
        unsigned char t = *p_++;
        uint64_t n = 0;
        if (t >= 0xa0 && t <= 0xbf) n = t & 0x1f;
        else if (t == 0xd9) { if (!Length(1, n)) return false; }
        else if (t == 0xda) { if (!Length(2, n)) return false; }
        else if (t == 0xdb) { if (!Length(4, n)) return false; }
        else return false;
        return Text(n, out);
    }
    template <typename Handler> bool Map(Handler& h, uint64_t n, int depth) {
        if (n > static_cast<uint64_t>(end_ - p_) / 2 || depth >= kMaxDepth || !h.start_object()) return false;
        for (uint64_t i = 0; i < n; ++i) {
            std::string_view k;
            if (!Key(k) || !h.key(k) || !Value(h, depth + 1)) return false;
        }
        return h.end_object();
    }
    template <typename Handler> bool Array(Handler& h, uint64_t n, int depth) {
        if (n > static_cast<uint64_t>(end_ - p_) || depth >= kMaxDepth || !h.start_array(static_cast<size_t>(n))) return false;
        for (uint64_t i = 0; i < n; ++i)
            if (!Value(h, depth + 1)) return false;
        return h.end_array();
    }
    template <typename Handler> bool Value(Handler& h, int depth) {
        if (!Has(1)) return false;
        unsigned char t = *p_++;
        if (t <= 0x7f) return h.number_unsigned(t);
        if (t >= 0xe0) return h.number_integer(static_cast<int8_t>(t));
        if (t <= 0x8f) return Map(h, t & 0x0f, depth);
        if (t <= 0x9f) return Array(h, t & 0x0f, depth);
        std::string_view text;
        uint64_t n = 0;
        if (t <= 0xbf) return Text(t & 0x1f, text) && h.string(text);
        switch (t) {
        case 0xc0: return h.null();
        case 0xc2: return h.boolean(false);
        case 0xc3: return h.boolean(true);
        case 0xca: {
            if (!Has(4)) return false;
            uint32_t bits = static_cast<uint32_t>(Big(4));
            float f;
            std::memcpy(&f, &bits, sizeof f);
            return h.number_float(f);
        }
        case 0xcb: {
            if (!Has(8)) return false;
            uint64_t bits = Big(8);
            double d;
            std::memcpy(&d, &bits, sizeof d);
            return h.number_float(d);
        }
        case 0xcc: return Length(1, n) && h.number_unsigned(n);
        case 0xcd: return Length(2, n) && h.number_unsigned(n);
        case 0xce: return Length(4, n) && h.number_unsigned(n);
        case 0xcf: return Length(8, n) && h.number_unsigned(n);
        case 0xd0: return Length(1, n) && h.number_integer(static_cast<int8_t>(n));
        case 0xd1: return Length(2, n) && h.number_integer(static_cast<int16_t>(n));
        case 0xd2: return Length(4, n) && h.number_integer(static_cast<int32_t>(n));
        case 0xd3: return Length(8, n) && h.number_integer(static_cast<int64_t>(n));
        case 0xd9: return Length(1, n) && Text(n, text) && h.string(text);
        case 0xda: return Length(2, n) && Text(n, text) && h.string(text);
        case 0xdb: return Length(4, n) && Text(n, text) && h.string(text);
        case 0xdc: return Length(2, n) && Array(h, n, depth);
        case 0xdd: return Length(4, n) && Array(h, n, depth);
        case 0xde: return Length(2, n) && Map(h, n, depth);
        case 0xdf: return Length(4, n) && Map(h, n, depth);
        default: return false;  // bin, ext, 0xc1
        }
    }

    const unsigned char* p_;
    const unsigned char* end_;
};

// Records nest three levels at most (customer > purchases > a purchase, or the table's header or a
// row; customer > mind > media), so the handler's stack is a fixed array.
class FastCustomerReader {
public:
    FastCustomerReader(Customer& out, TextPool* pool) : out_(out), pool_(pool) {}
    [[nodiscard]] bool Finished() const { return finished_; }

    // In a table row a nil is a cell left empty (the field is absent); anywhere else the reader takes
    // a null as absent too, but leave that to the document path.
    bool null() { return depth_ > 1 && Top().Type == FrameType::Row && SkipCell(); }

    bool boolean(bool v) {
        const CardField* f = TakeScalar();
        if (!f || f->Kind != FieldKind::Flag) return false;
        *static_cast<bool*>(f->Member(Top().Target)) = v;
        return true;
    }
    bool number_unsigned(uint64_t v) {
        const CardField* f = TakeScalar();
        if (!f) return false;
        if (IsNumber(*f)) return SetNumber(*f, static_cast<double>(v));
        if (v > static_cast<uint64_t>(INT64_MAX)) return false;
        return SetInteger(*f, static_cast<int64_t>(v));
    }
    bool number_integer(int64_t v) {
        const CardField* f = TakeScalar();
        if (!f) return false;
        if (IsNumber(*f)) return SetNumber(*f, static_cast<double>(v));
        return SetInteger(*f, v);
    }
    bool number_float(double v) {
        const CardField* f = TakeScalar();
        if (!f || !IsNumber(*f)) return false;  // whole numbers written as floats: the document path
        return SetNumber(*f, v);
    }
    bool string(std::string_view v) {
        Frame& top = Top();
        if (depth_ > 0 && top.Type == FrameType::TextList) {
            static_cast<std::vector<std::string>*>(top.Target)->emplace_back(v);
            return true;
        }
        if (depth_ > 0 && top.Type == FrameType::Header) return AddColumn(v);
        const CardField* f = TakeScalar();
        if (!f) return false;
        void* owner = Top().Target;
        switch (f->Kind) {
        case FieldKind::Text:
            if (f->NonEmpty && v.empty()) return false;
            static_cast<std::string*>(f->Member(owner))->assign(v.data(), v.size());
            return true;
        case FieldKind::Shared: *static_cast<SharedText*>(f->Member(owner)) = Pool().Intern(v); return true;
        case FieldKind::Id:
            if (f->NonEmpty && v.empty()) return false;
            *static_cast<CompactId*>(f->Member(owner)) = v;
            return true;
        case FieldKind::Date:
        case FieldKind::OptDate: {
            std::optional<Date> d = ParseIsoDate(v);
            if (!d) return false;
            if (f->Kind == FieldKind::Date) *static_cast<Date*>(f->Member(owner)) = *d;
            else *static_cast<std::optional<Date>*>(f->Member(owner)) = d;
            return true;
        }
        case FieldKind::Enum:
            for (int i = 0; i < f->NameCount; ++i)
                if (v == f->Names[i]) {
                    f->SetEnum(owner, i);
                    return true;
                }
            return false;
        default: return false;
        }
    }

    bool start_object() {
        if (finished_) return false;
        if (depth_ == 0) return Push(FrameType::Object, FieldGroup::Customer, &out_, nullptr);
        Frame& top = Top();
        if (top.Type == FrameType::ObjectList) {
            if (top.Table) return false;  // a table's rows are lists, not maps
            if (!top.Started) top.List->Reserve(top.Target, top.Announced);
            top.Started = true;
            return Push(FrameType::Object, top.List->Sub, top.List->Append(top.Target), nullptr);
        }
        const CardField* f = Take();
        if (!f || f->Kind != FieldKind::Object) return false;
        return Push(FrameType::Object, f->Sub, f->Member(top.Target), nullptr);
    }
    bool key(std::string_view k) {
        Frame& top = Top();
        if (top.Type != FrameType::Object || top.Pending) return false;
        const FieldTable& table = kFieldTables[static_cast<size_t>(top.Of)];
        // Keys come sorted; tables are in the model's order: a plain scan is short enough.
        for (int i = 0; i < table.Count; ++i) {
            if (table.Fields[i].Key != k) continue;
            uint64_t bit = uint64_t(1) << i;
            if (top.Seen & bit) return false;  // a repeated key: the document keeps the last, leave it to it
            top.Seen |= bit;
            top.Pending = &table.Fields[i];
            return true;
        }
        return false;
    }
    bool end_object() {
        Frame& top = Top();
        if (top.Type != FrameType::Object || top.Pending) return false;
        uint64_t required = kFieldTables[static_cast<size_t>(top.Of)].RequiredMask;
        if ((top.Seen & required) != required) return false;
        --depth_;
        if (depth_ == 0) finished_ = true;
        return true;
    }
    // count: the elements the bytes announce (at most one per byte left, checked by the walk). Room
    // for them at once: growing 10,000 purchase lists step by step was 97 of a 400 ms load. Capped,
    // so a damaged count cannot ask for a huge block; longer lists grow as usual past the cap.
    bool start_array(size_t announced) {
        const size_t count = std::min<size_t>(announced, 1024);
        if (depth_ == 0) return false;
        Frame& top = Top();
        if (top.Type == FrameType::ObjectList) {  // a history as a table: its header, then its rows
            if (top.Table) return Push(FrameType::Row, top.List->Sub, top.List->Append(top.Target), nullptr);
            if (top.Started || announced > kMaxColumns) return false;
            top.List->Reserve(top.Target, top.Announced - 1);  // the rows: all but the header
            top.Started = true;
            return Push(FrameType::Header, top.List->Sub, nullptr, nullptr);
        }
        const CardField* f = Take();
        if (!f) return false;
        if (f->Kind == FieldKind::Array) {  // room is made at the first element, when the form is known
            if (!Push(FrameType::ObjectList, f->Sub, top.Target, f)) return false;
            Top().Announced = static_cast<uint32_t>(count);
            return true;
        }
        if (f->Kind == FieldKind::TextList) {
            static_cast<std::vector<std::string>*>(f->Member(top.Target))->reserve(count);
            return Push(FrameType::TextList, top.Of, f->Member(top.Target), nullptr);
        }
        return false;
    }
    bool end_array() {
        if (depth_ == 0 || Top().Type == FrameType::Object) return false;
        Frame& top = Top();
        if (top.Type == FrameType::Header) {
            Parent().Table = true;
        } else if (top.Type == FrameType::Row) {
            uint64_t required = kFieldTables[static_cast<size_t>(top.Of)].RequiredMask;
            if (top.Next != Parent().ColumnCount || (top.Seen & required) != required) return false;
        }
        --depth_;
        return true;
    }

private:
    // Header and Row: a history written as a table (see CustomerToRecord); the header's names become
    // the list's columns, and each row fills one element, cell by cell.
    enum class FrameType : uint8_t { Object, ObjectList, TextList, Header, Row };
    static constexpr int kMaxColumns = 16;  // the widest history (a purchase) has 14 fields
    struct Frame {
        FrameType Type = FrameType::Object;
        FieldGroup Of = FieldGroup::Customer;     // Object, Header, Row: its kind
        void* Target = nullptr;       // Object, Row: the struct; ObjectList: the list's owner; TextList: the vector
        const CardField* List = nullptr;     // ObjectList: the field (Append, Sub)
        const CardField* Pending = nullptr;  // Object: the key just read, waiting for its value
        uint64_t Seen = 0;                  // Object, Row: fields read so far; Header: columns named (bit per table index)
        bool Started = false;               // ObjectList: an element or a header came
        bool Table = false;                 // ObjectList: its header came; the rest are rows
        uint32_t Announced = 0;             // ObjectList: its length in the bytes (capped)
        uint8_t ColumnCount = 0;            // ObjectList: the header's columns
        uint8_t Next = 0;                   // Row: the next cell's column
        uint8_t Columns[kMaxColumns] = {};  // ObjectList: column -> index in the kind's table
    };

    Frame& Top() { return stack_[depth_ > 0 ? depth_ - 1 : 0]; }
    Frame& Parent() { return stack_[depth_ > 1 ? depth_ - 2 : 0]; }
    // A header's name: a field of the history's kind, a plain value (no list or map), named once.
    bool AddColumn(std::string_view name) {
        Frame& list = Parent();
        if (list.ColumnCount == kMaxColumns) return false;
        const FieldTable& table = kFieldTables[static_cast<size_t>(Top().Of)];
        for (int i = 0; i < table.Count; ++i) {
            if (table.Fields[i].Key != name) continue;
            FieldKind t = table.Fields[i].Kind;
            uint64_t bit = uint64_t(1) << i;
            if (t == FieldKind::Object || t == FieldKind::Array || t == FieldKind::TextList || t == FieldKind::Schema || (Top().Seen & bit)) return false;
            Top().Seen |= bit;
            list.Columns[list.ColumnCount++] = static_cast<uint8_t>(i);
            return true;
        }
        return false;
    }
    // The field of a row's next cell (null past the last column), marked seen; a nil cell only
    // moves on: the field stays absent.
    const CardField* TakeCell() {
        Frame& row = Top();
        const Frame& list = Parent();
        if (row.Next >= list.ColumnCount) return nullptr;
        int i = list.Columns[row.Next++];
        row.Seen |= uint64_t(1) << i;
        return &kFieldTables[static_cast<size_t>(row.Of)].Fields[i];
    }
    bool SkipCell() {
        if (Top().Next >= Parent().ColumnCount) return false;
        ++Top().Next;
        return true;
    }
    bool Push(FrameType type, FieldGroup kind, void* target, const CardField* list) {
        if (depth_ == kMaxDepth) return false;
        Frame& f = stack_[depth_++];
        f = Frame{};
        f.Type = type;
        f.Of = kind;
        f.Target = target;
        f.List = list;
        return true;
    }
    // The pending key of the object on top, consumed by its value.
    const CardField* Take() {
        if (depth_ == 0) return nullptr;
        Frame& top = Top();
        if (top.Type != FrameType::Object) return nullptr;
        const CardField* f = top.Pending;
        top.Pending = nullptr;
        return f;
    }
    const CardField* TakeScalar() { return depth_ > 1 && Top().Type == FrameType::Row ? TakeCell() : Take(); }

    static bool IsNumber(const CardField& f) { return f.Kind == FieldKind::Number || f.Kind == FieldKind::OptNumber; }
    bool SetNumber(const CardField& f, double d) {
        if (!std::isfinite(d) || d < f.NumLo || d > f.NumHi) return false;
        void* at = f.Member(Top().Target);
        if (f.Kind == FieldKind::Number) *static_cast<double*>(at) = d;
        else *static_cast<OptionalAmount*>(at) = d;
        return true;
    }
    bool SetInteger(const CardField& f, int64_t v) {
        if (f.Kind == FieldKind::Schema) return v == kCustomerSchemaVersion;
        if (f.Kind != FieldKind::Int && f.Kind != FieldKind::OptInt && f.Kind != FieldKind::Int64) return false;
        if (v < f.IntLo || v > f.IntHi) return false;
        void* at = f.Member(Top().Target);
        if (f.Kind == FieldKind::Int) *static_cast<int*>(at) = static_cast<int>(v);
        else if (f.Kind == FieldKind::OptInt) *static_cast<std::optional<int>*>(at) = static_cast<int>(v);
        else *static_cast<int64_t*>(at) = v;
        return true;
    }

    static constexpr int kMaxDepth = 3;
    Customer& out_;
    TextPool* pool_;      // the caller's (one for a whole load), else own_pool_ for this record
    TextPool own_pool_;
    TextPool& Pool() { return pool_ ? *pool_ : own_pool_; }
    Frame stack_[kMaxDepth];
    int depth_ = 0;
    bool finished_ = false;
};

// [SECTION] document path ------------------------------------------------------------------------------
// Checks that the bytes are one well-formed MessagePack value before a document is built from
// them: nlohmann's reader recurses once per nesting level and its document builder gives up by
// throwing (an abort in the wasm build) on a list longer than memory can hold, so depth and
// declared lengths are bounded here.
class MessagePackProbe {
public:
    using number_integer_t = json::number_integer_t;
    using number_unsigned_t = json::number_unsigned_t;
    using number_float_t = json::number_float_t;
    using string_t = json::string_t;
    using binary_t = json::binary_t;

    explicit MessagePackProbe(size_t size) : size_(size) {}
    size_t Position = 0;
    std::string Problem;

    bool null() { return true; }
    bool boolean(bool) { return true; }
    bool number_integer(number_integer_t) { return true; }
    bool number_unsigned(number_unsigned_t) { return true; }
    bool number_float(number_float_t, const string_t&) { return true; }
    bool string(string_t&) { return true; }
    bool binary(binary_t&) { return true; }
    bool key(string_t&) { return true; }
    bool start_object(std::size_t n) { return Enter(n, "a map"); }
    bool start_array(std::size_t n) { return Enter(n, "a list"); }
    bool end_object() { --depth_; return true; }
    bool end_array() { --depth_; return true; }
    bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception&) {
        Position = position;
        Problem = "not a valid record (MessagePack, near byte " + std::to_string(position) + ")";
        return false;
    }

private:
    bool Enter(size_t n, const char* what) {
        if (n > size_) {
            Problem = std::string("not a valid record: ") + what + " of " + std::to_string(n) + " entries in " +
                      std::to_string(size_) + " bytes";
            return false;
        }
        if (++depth_ > kMaxDepth) {
            Problem = "not a valid record: nested more than " + std::to_string(kMaxDepth) + " levels deep";
            return false;
        }
        return true;
    }
    static constexpr int kMaxDepth = 64;
    size_t size_;
    int depth_ = 0;
};

// [SECTION] history tables ------------------------------------------------------------------------------
// The histories a record holds (all of plain values) and their tables. In a record, a non-empty
// history is written as a table: a list whose first element names the columns (the keys its
// entries use, sorted) and whose other elements are the rows, one per entry, nil where an entry
// lacks the column: [["amount","date","id"], [12.5,"2025-03-01","P1"], ...]. Purchases repeat
// the same few keys; as a table a record is about half the bytes, and the load reads, copies and
// walks half as much. A list of maps (as JSON has it, and records written before) still reads.
// The histories are the customer's list-of-objects fields (FieldKind::Array in codec/customer_fields.cpp), whose
// objects hold plain values only (the fast path's AddColumn refuses any other column).
template <typename F> void ForEachHistoryKey(F&& fn) {
    for (const CardField& f : FieldsOf(FieldGroup::Customer))
        if (f.Kind == FieldKind::Array) fn(f.Key);
}

// The tables of a record back into lists of maps, for the reader. Anything that is not a sound
// table is left as it is, and the reader names what is wrong: a header that is not all text (the
// history's first entry), a row that is not a list of one cell per column (that entry).
void TablesToHistories(json& record) {
    if (!record.is_object()) return;
    ForEachHistoryKey([&](std::string_view key) {
        auto it = record.find(key);
        if (it == record.end() || !it->is_array() || it->empty()) return;
        const json& header = it->front();
        if (!header.is_array() || !std::all_of(header.begin(), header.end(), [](const json& n) { return n.is_string(); }))
            return;
        json entries = json::array();
        for (size_t i = 1; i < it->size(); ++i) {
            json& row = (*it)[i];
            if (!row.is_array() || row.size() != header.size()) {
                entries.push_back(std::move(row));
                continue;
            }
            json entry = json::object();
            for (size_t c = 0; c < header.size(); ++c)
                if (!row[c].is_null()) entry[header[c].get_ref<const std::string&>()] = std::move(row[c]);
            entries.push_back(std::move(entry));
        }
        *it = std::move(entries);
    });
}

CustomerRecordDecodeResult FromDocument(std::string_view bytes, std::string_view path_prefix) {
    CustomerRecordDecodeResult result;
    result.Path = RecordDecodePath::Document;
    MessagePackProbe probe(bytes.size());
    if (!json::sax_parse(bytes.begin(), bytes.end(), &probe, nlohmann::detail::input_format_t::msgpack)) {
        std::string problem = probe.Problem.empty() ? std::string("not a valid record (MessagePack)") : probe.Problem;
        result.Issues.push_back({"", kIssueSyntax, "", problem});
        return result;
    }
    json document = json::from_msgpack(bytes.begin(), bytes.end(), /*strict=*/true, /*allow_exceptions=*/false);
    if (document.is_discarded()) {
        result.Issues.push_back({"", kIssueSyntax, "", "not a valid record (MessagePack)"});
        return result;
    }
    TablesToHistories(document);
    static_cast<CustomerDecodeResult&>(result) = CustomerFromJsonValue(document, path_prefix);
    return result;
}

CustomerRecordDecodeResult FromJsonText(std::string_view bytes, std::string_view path_prefix) {
    CustomerRecordDecodeResult result;
    static_cast<CustomerDecodeResult&>(result) = CustomerFromJson(bytes, path_prefix);
    result.Path = RecordDecodePath::JsonText;
    return result;
}

}  // namespace

bool IsMessagePackRecord(std::string_view bytes) {
    if (bytes.empty()) return false;
    unsigned char first = static_cast<unsigned char>(bytes[0]);
    return (first >= 0x80 && first <= 0x8f) || first == 0xde || first == 0xdf;
}

CustomerRecordDecodeResult CustomerFromRecord(std::string_view bytes, std::string_view path_prefix, TextPool* pool) {
    if (!IsMessagePackRecord(bytes)) return FromJsonText(bytes, path_prefix);
    CustomerRecordDecodeResult result;
    FastCustomerReader reader(result.Value, pool);
    if (MessagePackWalk(bytes).Document(reader) && reader.Finished()) {
        result.SourceSchema = kCustomerSchemaVersion;
        result.Path = RecordDecodePath::Fast;
        return result;
    }
    return FromDocument(bytes, path_prefix);
}

CustomerRecordDecodeResult CustomerFromRecordDocument(std::string_view bytes, std::string_view path_prefix) {
    if (!IsMessagePackRecord(bytes)) return FromJsonText(bytes, path_prefix);
    return FromDocument(bytes, path_prefix);
}

}  // namespace profila
