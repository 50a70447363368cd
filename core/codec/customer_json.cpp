// [SECTION] enum names
// [SECTION] writing (v2): every field of the card's tables (codec/customer_fields.h)
// [SECTION] reading: a small validating reader that records every issue with its path
// [SECTION] reading v2 (by the tables), reading v1 (migration)
// [SECTION] workspace, checks, checksum
#include "codec/customer_json.h"

#include <cmath>
#include <nlohmann/json.hpp>
#include <set>
#include <unordered_set>

#include "codec/customer_fields.h"
#include "codec/enum_names.h"
#include "codec/field_value.h"
#include "model/limits.h"
#include "text/hash.h"

namespace profila {

using json = nlohmann::json;

// [SECTION] enum names --------------------------------------------------------------------------
namespace {
template <typename E, size_t N>
bool ParseEnum(std::string_view text, const char* const (&names)[N], E& out) {
    for (size_t i = 0; i < N; ++i)
        if (text == names[i]) { out = static_cast<E>(i); return true; }
    return false;
}
}  // namespace

const char* CustomerKindName(CustomerKind kind) { return kKindNames[static_cast<int>(kind)]; }
bool ParseCustomerKind(std::string_view text, CustomerKind& out) { return ParseEnum(text, kKindNames, out); }
const char* GenderName(Gender gender) { return kGenderNames[static_cast<int>(gender)]; }
bool ParseGender(std::string_view text, Gender& out) { return ParseEnum(text, kGenderNames, out); }

// [SECTION] writing (v2) ------------------------------------------------------------------------
// Every field of the card's tables (codec/customer_fields.h). Defaults (empty text, empty lists,
// false, 0, an unset enum) are left out unless the field is Always written: records stay small and
// a missing key reads back as the default.
namespace {
// The JSON sink of WriteScalar: the value into its slot of the object.
struct JsonSlot {
    json& Slot;
    void Text(std::string_view t) { Slot = std::string(t); }
    void TextList(const std::vector<std::string>& list) { Slot = list; }
    void Flag(bool b) { Slot = b; }
    void Number(double d) { Slot = d; }
    void Integer(int64_t i) { Slot = i; }
};

json GroupToValue(FieldGroup group, const void* owner) {
    json j = json::object();
    for (const CardField& f : FieldsOf(group)) {
        if (f.Kind == FieldKind::Schema || (!f.Always && f.IsDefault && f.IsDefault(owner))) continue;
        const std::string key(f.Key);
        if (f.Kind == FieldKind::Object) {
            json sub = GroupToValue(f.Sub, f.View(owner));
            if (!sub.empty()) j[key] = std::move(sub);
        } else if (f.Kind == FieldKind::Array) {
            json& arr = j[key] = json::array();
            for (size_t i = 0, n = f.Size(owner); i < n; ++i) arr.push_back(GroupToValue(f.Sub, f.At(owner, i)));
        } else {
            JsonSlot slot{j[key]};
            WriteScalar(f, owner, slot);
        }
    }
    return j;
}
json CustomerToValue(const Customer& c) { return GroupToValue(FieldGroup::Customer, &c); }
}  // namespace

json CustomerToJsonValue(const Customer& customer) {
    json j = CustomerToValue(customer);
    j["schema"] = kCustomerSchemaVersion;
    return j;
}

std::string CustomerToJson(const Customer& customer) {
    return CustomerToJsonValue(customer).dump(-1, ' ', false, json::error_handler_t::replace);
}

// [SECTION] reading -----------------------------------------------------------------------------
namespace {
std::string Join(std::string_view prefix, std::string_view key) {
    if (prefix.empty()) return std::string(key);
    std::string s(prefix);
    s.push_back('.');
    s.append(key);
    return s;
}
std::string Index(std::string_view prefix, std::string_view key, size_t i) {
    return Join(prefix, key) + "[" + std::to_string(i) + "]";
}
std::string Dump(const json& v, int indent = -1) { return v.dump(indent, ' ', false, json::error_handler_t::replace); }
std::string ShowValue(const json& v) {
    std::string s = v.is_string() ? v.get<std::string>() : Dump(v);
    if (s.size() > 80) s = s.substr(0, 77) + "...";
    return s;
}

class Reader {
public:
    explicit Reader(std::vector<FieldIssue>& issues) : issues_(issues) {}

    void Issue(std::string path, const char* code, std::string value, std::string_view problem) {
        std::string msg = path.empty() ? std::string() : path + ": ";
        if (!value.empty() || std::string_view(code) == kIssueBadDate) msg += "\"" + value + "\" ";
        msg.append(problem);
        issues_.push_back({std::move(path), code, std::move(value), std::move(msg)});
    }

    // Returns the member or nullptr when absent or null.
    static const json* Get(const json& obj, const char* key) {
        auto it = obj.find(key);
        if (it == obj.end() || it->is_null()) return nullptr;
        return &*it;
    }

    void Text(const json& obj, const char* key, std::string& out, std::string_view prefix) {
        const json* v = Get(obj, key);
        if (!v) return;
        if (!v->is_string()) { Issue(Join(prefix, key), kIssueWrongType, ShowValue(*v), "should be text"); return; }
        out = v->get<std::string>();
    }
    // The same text read twice (in one customer, or one backup) is kept once.
    void Text(const json& obj, const char* key, SharedText& out, std::string_view prefix) {
        const json* v = Get(obj, key);
        if (!v) return;
        if (!v->is_string()) { Issue(Join(prefix, key), kIssueWrongType, ShowValue(*v), "should be text"); return; }
        out = pool_.Intern(v->get_ref<const std::string&>());
    }
    void Text(const json& obj, const char* key, CompactId& out, std::string_view prefix) {
        const json* v = Get(obj, key);
        if (!v) return;
        if (!v->is_string()) { Issue(Join(prefix, key), kIssueWrongType, ShowValue(*v), "should be text"); return; }
        out = v->get_ref<const std::string&>();
    }
    void TextList(const json& obj, const char* key, std::vector<std::string>& out, std::string_view prefix) {
        const json* v = Get(obj, key);
        if (!v) return;
        if (!v->is_array()) { Issue(Join(prefix, key), kIssueWrongType, ShowValue(*v), "should be a list of texts"); return; }
        for (size_t i = 0; i < v->size(); ++i) {
            const json& e = (*v)[i];
            if (!e.is_string()) { Issue(Index(prefix, key, i), kIssueWrongType, ShowValue(e), "should be text"); continue; }
            out.push_back(e.get<std::string>());
        }
    }
    void Flag(const json& obj, const char* key, bool& out, std::string_view prefix) {
        const json* v = Get(obj, key);
        if (!v) return;
        if (!v->is_boolean()) { Issue(Join(prefix, key), kIssueWrongType, ShowValue(*v), "should be true or false"); return; }
        out = v->get<bool>();
    }
    // A real number; min_ok = lowest allowed value (NaN = no lower bound).
    bool Number(const json& obj, const char* key, double& out, std::string_view prefix, bool allow_negative, double max = INFINITY) {
        const json* v = Get(obj, key);
        if (!v) return false;
        if (!v->is_number()) { Issue(Join(prefix, key), kIssueWrongType, ShowValue(*v), "should be a number"); return false; }
        double d = v->get<double>();
        if (!std::isfinite(d)) { Issue(Join(prefix, key), kIssueOutOfRange, ShowValue(*v), "is not a finite number"); return false; }
        if (!allow_negative && d < 0) { Issue(Join(prefix, key), kIssueNegative, ShowValue(*v), "must not be negative"); return false; }
        if (d > max) { Issue(Join(prefix, key), kIssueOutOfRange, ShowValue(*v), "is too large"); return false; }
        out = d;
        return true;
    }
    bool Integer(const json& obj, const char* key, int64_t& out, std::string_view prefix, int64_t lo, int64_t hi) {
        const json* v = Get(obj, key);
        if (!v) return false;
        // Compare in the number's own type: casting a huge double to int64 is undefined.
        bool below = false, above = false;
        int64_t value = 0;
        if (v->is_number_unsigned()) {
            uint64_t u = v->get<uint64_t>();
            above = u > static_cast<uint64_t>(hi);
            value = above ? hi : static_cast<int64_t>(u);
            below = !above && value < lo;  // a year of birth of 1271 is unsigned too
        } else if (v->is_number_integer()) {
            value = v->get<int64_t>();
            below = value < lo;
            above = value > hi;
        } else if (v->is_number_float() && std::isfinite(v->get<double>()) && std::floor(v->get<double>()) == v->get<double>()) {
            double d = v->get<double>();
            below = d < static_cast<double>(lo);
            above = d > static_cast<double>(hi) || d >= 9223372036854775808.0;  // 2^63: INT64_MAX as double rounds up
            below = below || d < -9223372036854775808.0;
            if (!below && !above) value = static_cast<int64_t>(d);
        } else {
            Issue(Join(prefix, key), kIssueWrongType, ShowValue(*v), "should be a whole number");
            return false;
        }
        if (below) {
            Issue(Join(prefix, key), lo == 0 ? kIssueNegative : kIssueOutOfRange, ShowValue(*v),
                  lo == 0 ? "must not be negative" : "is below " + std::to_string(lo));
            return false;
        }
        if (above) { Issue(Join(prefix, key), kIssueOutOfRange, ShowValue(*v), "is above " + std::to_string(hi)); return false; }
        out = value;
        return true;
    }
    void Int(const json& obj, const char* key, int& out, std::string_view prefix, int lo, int hi) {
        int64_t v;
        if (Integer(obj, key, v, prefix, lo, hi)) out = static_cast<int>(v);
    }
    void OptInt(const json& obj, const char* key, std::optional<int>& out, std::string_view prefix, int lo, int hi) {
        int64_t v;
        if (Integer(obj, key, v, prefix, lo, hi)) out = static_cast<int>(v);
    }
    // Returns false when present but unreadable; required dates report a missing value.
    bool DateField(const json& obj, const char* key, std::optional<Date>& out, std::string_view prefix, bool required) {
        const json* v = Get(obj, key);
        if (!v) {
            if (required) Issue(Join(prefix, key), kIssueMissing, "", "is missing (a date yyyy-mm-dd is required)");
            return !required;
        }
        if (!v->is_string()) { Issue(Join(prefix, key), kIssueWrongType, ShowValue(*v), "should be a date yyyy-mm-dd"); return false; }
        const std::string& s = v->get_ref<const std::string&>();
        std::optional<Date> d = ParseIsoDate(s);
        if (!d) {
            Issue(Join(prefix, key), kIssueBadDate, ShowValue(*v), "is not a real date (yyyy-mm-dd)");
            return false;
        }
        out = d;
        return true;
    }
    void RequiredDate(const json& obj, const char* key, Date& out, std::string_view prefix) {
        std::optional<Date> d;
        if (DateField(obj, key, d, prefix, true) && d) out = *d;
    }
    // An enum by its names; returns the index, or -1 when absent or not one of them.
    int Enum(const json& obj, const char* key, const char* const* names, int count, std::string_view prefix) {
        const json* v = Get(obj, key);
        if (!v) return -1;
        if (v->is_string())
            for (int i = 0; i < count; ++i)
                if (v->get_ref<const std::string&>() == names[i]) return i;
        std::string allowed;
        for (int i = 0; i < count; ++i) allowed += (i ? ", " : "") + std::string(names[i]);
        Issue(Join(prefix, key), kIssueUnknownEnum, ShowValue(*v), "is not one of: " + allowed);
        return -1;
    }
    // Calls each(element, path) for every object of an array member.
    template <typename F>
    void Array(const json& obj, const char* key, std::string_view prefix, F each) {
        const json* v = Get(obj, key);
        if (!v) return;
        if (!v->is_array()) { Issue(Join(prefix, key), kIssueWrongType, ShowValue(*v), "should be a list"); return; }
        for (size_t i = 0; i < v->size(); ++i) {
            const json& e = (*v)[i];
            std::string path = Index(prefix, key, i);
            if (!e.is_object()) { Issue(path, kIssueWrongType, ShowValue(e), "should be an object"); continue; }
            each(e, path);
        }
    }
    // Calls each(object, path) for an object member (absent = nothing to do).
    template <typename F>
    void Object(const json& obj, const char* key, std::string_view prefix, F each) {
        const json* v = Get(obj, key);
        if (!v) return;
        std::string path = Join(prefix, key);
        if (!v->is_object()) { Issue(path, kIssueWrongType, ShowValue(*v), "should be an object"); return; }
        each(*v, path);
    }

private:
    std::vector<FieldIssue>& issues_;
    TextPool pool_;
};

void ReadId(Reader& r, const json& o, const std::string& p, std::string& id) {
    const json* v = Reader::Get(o, "id");
    if (v && v->is_number_integer()) { id = Dump(*v); return; }  // tolerate numeric ids
    r.Text(o, "id", id, p);
    if (id.empty()) r.Issue(Join(p, "id"), kIssueMissing, "", "is missing (every customer needs an id)");
}

// [SECTION] reading v2 --------------------------------------------------------------------------
// Every field of the group's table (codec/customer_fields.h), in the table's order.
void ReadGroup(Reader& r, const json& o, const std::string& p, FieldGroup group, void* owner) {
    for (const CardField& f : FieldsOf(group)) {
        const std::string key(f.Key);
        // An object is reached only when the JSON has it: one kept on demand is made by Member.
        void* at = f.Member && f.Kind != FieldKind::Object ? f.Member(owner) : nullptr;
        if (f.Required && f.Kind != FieldKind::Date && f.Kind != FieldKind::Schema && !f.NonEmpty && !Reader::Get(o, key.c_str())) {
            std::string range = f.Kind == FieldKind::Int ? " (" + std::to_string(f.IntLo) + " to " + std::to_string(f.IntHi) + ")" : "";
            r.Issue(Join(p, key), kIssueMissing, "", "is missing" + range);
        }
        switch (f.Kind) {
        case FieldKind::Text:
            if (f.NonEmpty) ReadId(r, o, p, *static_cast<std::string*>(at));
            else r.Text(o, key.c_str(), *static_cast<std::string*>(at), p);
            break;
        case FieldKind::Shared: r.Text(o, key.c_str(), *static_cast<SharedText*>(at), p); break;
        case FieldKind::Id: r.Text(o, key.c_str(), *static_cast<CompactId*>(at), p); break;
        case FieldKind::TextList: r.TextList(o, key.c_str(), *static_cast<std::vector<std::string>*>(at), p); break;
        case FieldKind::Flag: r.Flag(o, key.c_str(), *static_cast<bool*>(at), p); break;
        case FieldKind::Date: r.RequiredDate(o, key.c_str(), *static_cast<Date*>(at), p); break;
        case FieldKind::OptDate: r.DateField(o, key.c_str(), *static_cast<std::optional<Date>*>(at), p, false); break;
        case FieldKind::Number: r.Number(o, key.c_str(), *static_cast<double*>(at), p, f.NumLo < 0, f.NumHi); break;
        case FieldKind::OptNumber: {
            double d;
            if (r.Number(o, key.c_str(), d, p, f.NumLo < 0, f.NumHi)) *static_cast<OptionalAmount*>(at) = d;
            break;
        }
        case FieldKind::Int:
        case FieldKind::OptInt:
        case FieldKind::Int64: {
            int64_t v;
            if (!r.Integer(o, key.c_str(), v, p, f.IntLo, f.IntHi)) break;
            if (f.Kind == FieldKind::Int) *static_cast<int*>(at) = static_cast<int>(v);
            else if (f.Kind == FieldKind::OptInt) *static_cast<std::optional<int>*>(at) = static_cast<int>(v);
            else *static_cast<int64_t*>(at) = v;
            break;
        }
        case FieldKind::Enum:
            if (int i = r.Enum(o, key.c_str(), f.Names, f.NameCount, p); i >= 0) f.SetEnum(owner, i);
            break;
        case FieldKind::Object:
            r.Object(o, key.c_str(), p, [&](const json& e, const std::string& ep) { ReadGroup(r, e, ep, f.Sub, f.Member(owner)); });
            break;
        case FieldKind::Array:
            r.Array(o, key.c_str(), p, [&](const json& e, const std::string& ep) { ReadGroup(r, e, ep, f.Sub, f.Append(owner)); });
            break;
        case FieldKind::Schema: break;  // read before, by the caller
        }
    }
}
void ReadCustomerV2(Reader& r, const json& o, const std::string& p, Customer& c) { ReadGroup(r, o, p, FieldGroup::Customer, &c); }

// [SECTION] reading v1 (migration) --------------------------------------------------------------
// v1 kept everything at the top level of the customer, tags in one comma-separated string,
// gender as "F"/"M", and only purchases, complaints and scores as histories.
void ReadCustomerV1(Reader& r, const json& o, const std::string& p, Customer& c) {
    ReadId(r, o, p, c.Id);
    if (const json* t = Reader::Get(o, "type")) {
        if (t->is_string() && *t == "private") c.Kind = CustomerKind::Private;
        else if (t->is_string() && *t == "business") c.Kind = CustomerKind::Business;
        else r.Issue(Join(p, "type"), kIssueUnknownEnum, ShowValue(*t), "is not one of: private, business");
    }
    r.Text(o, "name", c.Name, p);
    r.Text(o, "company", c.Company, p);
    r.Text(o, "phone", c.Phone, p);
    r.Text(o, "email", c.Email, p);
    r.Text(o, "address", c.Address, p);
    r.Text(o, "city", c.City, p);
    r.Text(o, "postcode", c.Postcode, p);
    r.Text(o, "province", c.Region, p);
    r.Text(o, "country", c.Country, p);
    r.OptInt(o, "age", c.People->Age, p, kAgeRange.Lo, kAgeRange.Hi);
    if (const json* g = Reader::Get(o, "gender")) {
        if (g->is_string() && (*g == "F" || *g == "f")) c.People->Sex = Gender::Female;
        else if (g->is_string() && (*g == "M" || *g == "m")) c.People->Sex = Gender::Male;
        else if (g->is_string() && g->get_ref<const std::string&>().empty()) c.People->Sex = Gender::Unknown;
        else r.Issue(Join(p, "gender"), kIssueUnknownEnum, ShowValue(*g), "is not one of: F, M, \"\"");
    }
    r.Text(o, "occupation", c.People->Occupation, p);
    r.Text(o, "sector", c.Business->Sector, p);
    r.OptInt(o, "employees", c.Business->Employees, p, kEmployeesRange.Lo, kEmployeesRange.Hi);
    r.DateField(o, "since", c.Acquired, p, false);
    std::string tags;
    r.Text(o, "tags", tags, p);
    size_t start = 0;
    while (start <= tags.size()) {
        size_t comma = tags.find(',', start);
        if (comma == std::string::npos) comma = tags.size();
        size_t a = start, b = comma;
        while (a < b && tags[a] == ' ') ++a;
        while (b > a && tags[b - 1] == ' ') --b;
        if (b > a) c.Tags.emplace_back(tags.substr(a, b - a));
        start = comma + 1;
    }
    r.Text(o, "notes", c.Notes, p);
    r.Array(o, "purchases", p, [&](const json& e, const std::string& ep) {
        Purchase pu;
        r.RequiredDate(e, "date", pu.When, ep);
        if (!Reader::Get(e, "amount")) r.Issue(Join(ep, "amount"), kIssueMissing, "", "is missing");
        r.Number(e, "amount", pu.Amount, ep, true, kMaxAmount);  // below 0: a return (a credit note)
        double d;
        if (r.Number(e, "cost", d, ep, false, kMaxAmount)) pu.Cost = d;
        r.Text(e, "category", pu.Category, ep);
        r.Text(e, "channel", pu.Channel, ep);
        r.Text(e, "payment", pu.PaymentMethod, ep);
        r.Flag(e, "cancelled", pu.Cancelled, ep);
        c.Purchases.push_back(std::move(pu));
    });
    r.Array(o, "complaints", p, [&](const json& e, const std::string& ep) {
        Complaint s;
        r.RequiredDate(e, "date", s.When, ep);
        r.Text(e, "reason", s.Reason, ep);
        c.Complaints.push_back(std::move(s));
    });
    r.Array(o, "scores", p, [&](const json& e, const std::string& ep) {
        SatisfactionScore s;
        r.RequiredDate(e, "date", s.When, ep);
        if (!Reader::Get(e, "score")) r.Issue(Join(ep, "score"), kIssueMissing, "", "is missing (1 to 5)");
        r.Int(e, "score", s.Score, ep, kScoreRange.Lo, kScoreRange.Hi);
        c.Satisfaction.push_back(std::move(s));
    });
}

// Records where parsing failed without exceptions (the wasm build aborts on a throw).
struct SyntaxProbe : nlohmann::json_sax<json> {
    size_t Position = 0;
    bool null() override { return true; }
    bool boolean(bool) override { return true; }
    bool number_integer(number_integer_t) override { return true; }
    bool number_unsigned(number_unsigned_t) override { return true; }
    bool number_float(number_float_t, const string_t&) override { return true; }
    bool string(string_t&) override { return true; }
    bool binary(binary_t&) override { return true; }
    bool start_object(std::size_t) override { return true; }
    bool key(string_t&) override { return true; }
    bool end_object() override { return true; }
    bool start_array(std::size_t) override { return true; }
    bool end_array() override { return true; }
    bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception&) override {
        Position = position;
        return false;
    }
};

bool ParseJson(std::string_view text, json& out, Reader& r) {
    out = json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
    if (out.is_discarded()) {
        SyntaxProbe probe;
        (void)json::sax_parse(text.begin(), text.end(), &probe);
        r.Issue("", kIssueSyntax, "", "not valid JSON (near byte " + std::to_string(probe.Position) + ")");
        return false;
    }
    return true;
}
}  // namespace

CustomerDecodeResult CustomerFromJson(std::string_view text, std::string_view path_prefix) {
    CustomerDecodeResult result;
    Reader r(result.Issues);
    json j;
    if (!ParseJson(text, j, r)) return result;
    return CustomerFromJsonValue(j, path_prefix);
}

CustomerDecodeResult CustomerFromJsonValue(const json& j, std::string_view path_prefix) {
    CustomerDecodeResult result;
    Reader r(result.Issues);
    std::string prefix(path_prefix);
    if (!j.is_object()) {
        r.Issue(prefix, kIssueWrongType, "", "a customer record should be a JSON object");
        return result;
    }
    int64_t schema = 1;  // records without "schema" are v1 flat customers
    if (Reader::Get(j, "schema") && !r.Integer(j, "schema", schema, prefix, 1, INT32_MAX)) return result;
    result.SourceSchema = static_cast<int>(schema);
    if (schema > kCustomerSchemaVersion) {
        r.Issue(Join(prefix, "schema"), kIssueSchemaTooNew, std::to_string(schema),
                "was written by a newer version of the app (this one reads up to " + std::to_string(kCustomerSchemaVersion) + ")");
        return result;
    }
    if (schema == 1) ReadCustomerV1(r, j, prefix, result.Value);
    else ReadCustomerV2(r, j, prefix, result.Value);
    if (result.Ok()) {
        std::vector<FieldIssue> more = ValidateCustomer(result.Value, prefix);
        result.Issues.insert(result.Issues.end(), more.begin(), more.end());
    }
    return result;
}

// [SECTION] workspace ---------------------------------------------------------------------------
std::string WorkspaceToJson(const Workspace& w, bool pretty) {
    return WorkspaceToJsonValue(w).dump(pretty ? 2 : -1, ' ', false, json::error_handler_t::replace);
}

json WorkspaceToJsonValue(const Workspace& w) {
    json j = json::object();
    j["format"] = "profila-backup";
    j["schema"] = kCustomerSchemaVersion;
    j["workspace"] = {{"id", w.Id}, {"name", w.Name}};
    json& arr = j["customers"] = json::array();
    for (const Customer& c : w.Customers) arr.push_back(CustomerToValue(c));
    return j;
}

WorkspaceDecodeResult WorkspaceFromJson(std::string_view text) {
    WorkspaceDecodeResult result;
    Reader r(result.Issues);
    json j;
    if (!ParseJson(text, j, r)) return result;
    return WorkspaceFromJsonValue(j);
}

WorkspaceDecodeResult WorkspaceFromJsonValue(const json& j) {
    WorkspaceDecodeResult result;
    Reader r(result.Issues);
    if (!j.is_object()) {
        r.Issue("", kIssueNotBackup, "", "this is not a Profila backup (expected a JSON object)");
        return result;
    }
    Workspace& w = result.Value;
    const json* format = Reader::Get(j, "format");
    const json* version = Reader::Get(j, "version");
    if (format && *format == "profila-backup") {
        int64_t schema = 0;
        if (!Reader::Get(j, "schema")) { r.Issue("schema", kIssueMissing, "", "is missing"); return result; }
        if (!r.Integer(j, "schema", schema, "", 1, INT32_MAX)) return result;
        result.SourceSchema = static_cast<int>(schema);
        if (schema > kCustomerSchemaVersion) {
            r.Issue("schema", kIssueSchemaTooNew, std::to_string(schema),
                    "was written by a newer version of the app (this one reads up to " + std::to_string(kCustomerSchemaVersion) + ")");
            return result;
        }
        r.Object(j, "workspace", "", [&](const json& e, const std::string& ep) {
            r.Text(e, "id", w.Id, ep);
            r.Text(e, "name", w.Name, ep);
        });
        r.Array(j, "customers", "", [&](const json& e, const std::string& ep) {
            Customer c;
            if (schema == 1) ReadCustomerV1(r, e, ep, c);
            else ReadCustomerV2(r, e, ep, c);
            w.Customers.push_back(std::move(c));
        });
    } else if (version && version->is_number_integer() && version->get<int64_t>() == 1) {
        result.SourceSchema = 1;
        r.Text(j, "workspaceId", w.Id, "");
        r.Text(j, "workspaceName", w.Name, "");
        r.Array(j, "customers", "", [&](const json& e, const std::string& ep) {
            Customer c;
            ReadCustomerV1(r, e, ep, c);
            w.Customers.push_back(std::move(c));
        });
    } else {
        r.Issue("", kIssueNotBackup, "", "this is not a Profila backup (no \"format\": \"profila-backup\" or \"version\": 1)");
        return result;
    }
    result.Migrated = result.SourceSchema < kCustomerSchemaVersion;
    if (!result.Ok()) return result;
    std::unordered_set<std::string> ids;
    for (size_t i = 0; i < w.Customers.size(); ++i) {
        std::string path = "customers[" + std::to_string(i) + "]";
        std::vector<FieldIssue> more = ValidateCustomer(w.Customers[i], path);
        result.Issues.insert(result.Issues.end(), more.begin(), more.end());
        if (!ids.insert(w.Customers[i].Id).second)
            r.Issue(path + ".id", kIssueDuplicateId, w.Customers[i].Id, "is used by another customer in this file");
    }
    return result;
}

// [SECTION] checks ------------------------------------------------------------------------------
std::vector<FieldIssue> ValidateCustomer(const Customer& c, std::string_view path_prefix) {
    std::vector<FieldIssue> issues;
    Reader r(issues);
    std::string p(path_prefix);
    auto num = [](double v) {
        json j = v;
        return Dump(j);
    };
    auto check_date = [&](const std::string& path, Date d) {
        YearMonthDay ymd = YmdFromDate(d);
        if (!IsValidYmd(ymd.Year, ymd.Month, ymd.Day)) r.Issue(path, kIssueBadDate, FormatIsoDate(d), "is outside the years 1800-2200");
    };
    if (c.Id.empty()) r.Issue(Join(p, "id"), kIssueMissing, "", "is missing (every customer needs an id)");
    if (c.Acquired) check_date(Join(p, "acquired"), *c.Acquired);
    if (c.People->Age && (*c.People->Age < kAgeRange.Lo || *c.People->Age > kAgeRange.Hi))
        r.Issue(Join(p, "people.age"), kIssueOutOfRange, std::to_string(*c.People->Age), "is not a plausible age (0-130)");
    if (c.Business->Employees && *c.Business->Employees < 0)
        r.Issue(Join(p, "business.employees"), kIssueNegative, std::to_string(*c.Business->Employees), "must not be negative");
    for (size_t i = 0; i < c.Purchases.size(); ++i) {
        const Purchase& pu = c.Purchases[i];
        std::string pp = Index(p, "purchases", i);
        check_date(pp + ".date", pu.When);
        if (!std::isfinite(pu.Amount) || std::fabs(pu.Amount) > kMaxAmount) r.Issue(pp + ".amount", kIssueOutOfRange, num(pu.Amount), "is not a plausible amount");  // below 0: a return
        if (pu.Cost && (!(*pu.Cost >= 0) || !std::isfinite(*pu.Cost))) r.Issue(pp + ".cost", kIssueNegative, num(*pu.Cost), "must not be negative");
        if (pu.Margin && !std::isfinite(*pu.Margin)) r.Issue(pp + ".margin", kIssueOutOfRange, num(*pu.Margin), "is not a finite number");
        if (pu.Quantity < 0) r.Issue(pp + ".quantity", kIssueNegative, std::to_string(pu.Quantity), "must not be negative");
        if (!(pu.DiscountPercent >= 0 && pu.DiscountPercent <= kMaxDiscountPercent))
            r.Issue(pp + ".discount", kIssueOutOfRange, num(pu.DiscountPercent), "must be between 0 and 100");
        if (pu.DaysPaidLate < 0) r.Issue(pp + ".daysLate", kIssueNegative, std::to_string(pu.DaysPaidLate), "must not be negative");
    }
    for (size_t i = 0; i < c.Satisfaction.size(); ++i) {
        const SatisfactionScore& s = c.Satisfaction[i];
        std::string sp = Index(p, "satisfaction", i);
        check_date(sp + ".date", s.When);
        if (s.Score < kScoreRange.Lo || s.Score > kScoreRange.Hi) r.Issue(sp + ".score", kIssueOutOfRange, std::to_string(s.Score), "is above 5 or below 1");
    }
    return issues;
}

uint64_t Fnv1a64(std::string_view bytes) { return Fnv1a64Bytes(kFnv1a64Basis, bytes); }

std::string ChecksumHex(std::string_view bytes) { return ChecksumHexOf(Fnv1a64(bytes)); }

std::string ChecksumHexOf(uint64_t sum) {
    static constexpr char kHex[] = "0123456789abcdef";
    uint64_t h = sum;
    std::string s(16, '0');
    for (int i = 15; i >= 0; --i, h >>= 4) s[static_cast<size_t>(i)] = kHex[h & 15];
    return s;
}

}  // namespace profila
