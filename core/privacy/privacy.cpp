// [SECTION] consent
// [SECTION] objecting to profiling
// [SECTION] a person's data on request
// [SECTION] forgotten people
// [SECTION] retention
#include "privacy/privacy.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "codec/customer_export.h"
#include "codec/customer_json.h"
#include "text/csv.h"
#include "text/fold.h"
#include "text/sha256.h"

namespace profila {

// [SECTION] consent ----------------------------------------------------------------------------------
namespace {
constexpr const char* kChannelNames[] = {"email", "phone", "messaging", "post"};
constexpr const char* kSourceNames[] = {"", "shop", "form", "email", "phone", "other"};

double DaysSince(const std::optional<Date>& when, Date today) { return when ? double(today.Days - when->Days) : -1.0; }

// What the channel would use: an e-mail, a phone (phone and messaging), a postal address.
std::string AddressFor(const Customer& c, ContactChannel channel) {
    switch (channel) {
        case ContactChannel::Email: return c.Email;
        case ContactChannel::Phone:
        case ContactChannel::Messaging: return c.Phone;
        case ContactChannel::Post: break;
    }
    if (c.Address.empty()) return "";
    std::string s = c.Address;
    for (const std::string* part : {&c.Postcode, &c.City, &c.Country})
        if (!part->empty()) s += ", " + *part;
    return s;
}
}  // namespace

const char* ContactChannelName(ContactChannel channel) { return kChannelNames[static_cast<int>(channel)]; }

bool ParseContactChannel(std::string_view name, ContactChannel* channel) {
    for (int i = 0; i < kContactChannelCount; ++i)
        if (name == kChannelNames[i]) {
            *channel = static_cast<ContactChannel>(i);
            return true;
        }
    return false;
}

ContactDecision MayContact(const Customer& customer, ContactChannel channel, Date today) {
    const ChannelConsent& consent = customer.Privacy->Of(channel);
    ContactDecision d;
    switch (consent.State) {
        case ConsentState::NotRecorded: d.Why = Reason("privacy.consent_not_recorded", {}); return d;
        case ConsentState::Withdrawn: d.Why = Reason("privacy.consent_withdrawn", {DaysSince(consent.When, today)}); return d;
        case ConsentState::Given: break;
    }
    if (AddressFor(customer, channel).empty()) {
        d.Why = Reason("privacy.no_address", {});
        return d;
    }
    d.Allowed = true;
    d.Why = Reason("privacy.consent_given", {DaysSince(consent.When, today)});
    return d;
}

ContactDecision MayContactAny(const Customer& customer, Date today, ContactChannel* first) {
    for (int i = 0; i < kContactChannelCount; ++i) {
        ContactDecision d = MayContact(customer, static_cast<ContactChannel>(i), today);
        if (d.Allowed) {
            if (first) *first = static_cast<ContactChannel>(i);
            return d;
        }
    }
    ContactDecision none;
    // A withdrawal is the most telling reason; else "no consent on any channel".
    for (int i = 0; i < kContactChannelCount; ++i) {
        ContactDecision d = MayContact(customer, static_cast<ContactChannel>(i), today);
        if (std::string_view(d.Why.Code) == "privacy.consent_withdrawn") {
            none.Why = Reason("privacy.withdrawn_channel", {double(i), d.Why.Figures[0]});
            return none;
        }
    }
    none.Why = Reason("privacy.no_channel", {});
    return none;
}

ContactSplit SplitByConsent(const std::vector<Customer>& customers, const std::vector<size_t>& indices,
                            const ContactChannel* channel, Date today) {
    ContactSplit split;
    for (size_t i : indices) {
        if (i >= customers.size()) continue;
        ContactDecision d = channel ? MayContact(customers[i], *channel, today) : MayContactAny(customers[i], today);
        if (d.Allowed) split.Kept.push_back(i);
        else split.Left.push_back({i, d.Why});
    }
    return split;
}

std::string ContactListCsv(const std::vector<Customer>& customers, ContactChannel channel, Date today,
                           std::vector<ContactSplit::LeftOut>* left) {
    std::string out = "\xEF\xBB\xBF";
    AppendCsvRow(out, {"customer_id", "name", "company", ContactChannelName(channel), "consent_date", "consent_how"}, ';');
    for (size_t i = 0; i < customers.size(); ++i) {
        const Customer& c = customers[i];
        ContactDecision d = MayContact(c, channel, today);
        if (!d.Allowed) {
            if (left) left->push_back({i, d.Why});
            continue;
        }
        const ChannelConsent& consent = c.Privacy->Of(channel);
        AppendCsvRow(out,
                     {EscapeSpreadsheetFormula(c.Id), EscapeSpreadsheetFormula(c.Name), EscapeSpreadsheetFormula(c.Company),
                      EscapeSpreadsheetFormula(AddressFor(c, channel)), consent.When ? FormatIsoDate(*consent.When) : "",
                      kSourceNames[static_cast<int>(consent.How)]},
                     ';');
    }
    return out;
}

// [SECTION] objecting to profiling --------------------------------------------------------------------
size_t CountObjecting(const Workspace& workspace) {
    size_t n = 0;
    for (const Customer& c : workspace.Customers) n += c.Privacy->ObjectsToProfiling ? 1 : 0;
    return n;
}

size_t ProfilingInput(const Workspace& all, Workspace& out) {
    const size_t objecting = CountObjecting(all);
    if (objecting == 0) return 0;
    out.Id = all.Id;
    out.Name = all.Name;
    out.Customers.clear();
    out.Customers.reserve(all.Customers.size() - objecting);
    for (const Customer& c : all.Customers)
        if (!c.Privacy->ObjectsToProfiling) out.Customers.push_back(c);
    return objecting;
}

// [SECTION] a person's data on request ----------------------------------------------------------------
std::string PersonDataJson(const Customer& customer, const PersonDataExtra& extra) {
    nlohmann::json j;
    j["title"] = extra.Title;
    j["generatedOn"] = extra.GeneratedOn;
    j["business"] = extra.Business;
    j["customer"] = CustomerToJsonValue(customer);
    j["analysis"] = extra.AnalysisLines;
    return j.dump(2);
}

namespace {
std::string Scalar(const nlohmann::json& v) {
    if (v.is_string()) return v.get<std::string>();
    if (v.is_boolean()) return v.get<bool>() ? "yes" : "no";
    if (v.is_array()) {
        std::string s;
        for (const auto& e : v) s += (s.empty() ? "" : ", ") + Scalar(e);
        return s;
    }
    return v.dump();
}
// Markdown cells may not hold '|' or line breaks.
std::string CellText(std::string s) {
    for (char& ch : s)
        if (ch == '\n' || ch == '\r') ch = ' ';
    std::string out;
    for (char ch : s) {
        if (ch == '|') out += '\\';
        out += ch;
    }
    return out;
}
void WriteObject(std::string& out, const nlohmann::json& object, const std::string& heading, int level) {
    std::string lines, nested;
    for (auto it = object.begin(); it != object.end(); ++it) {
        const nlohmann::json& v = it.value();
        if (v.is_object()) {
            WriteObject(nested, v, it.key(), level + 1);
        } else if (v.is_array() && !v.empty() && v.front().is_object()) {
            std::vector<std::string> columns;
            for (const auto& row : v)
                for (auto c = row.begin(); c != row.end(); ++c)
                    if (std::find(columns.begin(), columns.end(), c.key()) == columns.end()) columns.push_back(c.key());
            nested += "\n" + std::string(level + 1, '#') + " " + it.key() + " (" + std::to_string(v.size()) + ")\n\n|";
            for (const auto& c : columns) nested += " " + c + " |";
            nested += "\n|";
            for (size_t i = 0; i < columns.size(); ++i) nested += " --- |";
            nested += "\n";
            for (const auto& row : v) {
                nested += "|";
                for (const auto& c : columns) nested += " " + (row.contains(c) ? CellText(Scalar(row[c])) : std::string()) + " |";
                nested += "\n";
            }
        } else {
            lines += "- **" + it.key() + "**: " + CellText(Scalar(v)) + "\n";
        }
    }
    if (lines.empty() && nested.empty()) return;
    out += "\n" + std::string(level, '#') + " " + heading + "\n\n" + lines + nested;
}
}  // namespace

std::string PersonDataMarkdown(const Customer& customer, const PersonDataExtra& extra) {
    std::string out = "# " + extra.Title + "\n\n";
    if (!extra.Business.empty()) out += extra.Business + "\n";
    out += extra.GeneratedOn + "\n";
    WriteObject(out, CustomerToJsonValue(customer), "card", 2);
    if (!extra.AnalysisLines.empty()) {
        out += "\n## analysis\n\n";
        for (const std::string& line : extra.AnalysisLines) out += "- " + line + "\n";
    }
    return out;
}

// [SECTION] forgotten people --------------------------------------------------------------------------
namespace {
std::string Digits(std::string_view phone) {
    std::string d;
    for (char ch : phone)
        if (ch >= '0' && ch <= '9') d += ch;
    if (d.rfind("00", 0) == 0) d.erase(0, 2);
    // The same number with or without its country prefix: keep the national part.
    for (const char* prefix : {"39", "34", "44"})
        if (d.size() > 10 && d.rfind(prefix, 0) == 0) d.erase(0, 2);
    return d;
}
std::string Lower(std::string_view s) {
    std::string out;
    for (char ch : s)
        if (ch != ' ' && ch != '\t') out += (ch >= 'A' && ch <= 'Z') ? char(ch - 'A' + 'a') : ch;
    return out;
}
}  // namespace

std::vector<std::string> IdentifierHashes(const Customer& customer, std::string_view salt, std::string_view vat) {
    std::vector<std::string> hashes;
    auto add = [&](const char* kind, const std::string& value) {
        if (value.empty()) return;
        hashes.push_back(Sha256Hex(std::string(salt) + "|" + kind + "|" + value));
    };
    const std::string name = FoldForMatch(customer.Name);
    const std::string phone = Digits(customer.Phone);
    if (!name.empty() && !phone.empty()) add("name+phone", name + "|" + phone);
    add("email", Lower(customer.Email));
    add("phone", phone);
    add("vat", Lower(vat));
    return hashes;
}

void AddForgotten(ForgottenList& list, const Customer& customer) {
    for (std::string& h : IdentifierHashes(customer, list.Salt)) list.Hashes.push_back(std::move(h));
    std::sort(list.Hashes.begin(), list.Hashes.end());
    list.Hashes.erase(std::unique(list.Hashes.begin(), list.Hashes.end()), list.Hashes.end());
}

bool IsForgotten(const ForgottenList& list, const Customer& customer) {
    if (list.Hashes.empty()) return false;
    for (const std::string& h : IdentifierHashes(customer, list.Salt))
        if (std::binary_search(list.Hashes.begin(), list.Hashes.end(), h)) return true;
    return false;
}

size_t DropForgotten(const ForgottenList& list, std::vector<Customer>& customers) {
    if (list.Hashes.empty()) return 0;
    const size_t before = customers.size();
    customers.erase(std::remove_if(customers.begin(), customers.end(), [&](const Customer& c) { return IsForgotten(list, c); }),
                    customers.end());
    return before - customers.size();
}

std::string ForgottenListToJson(const ForgottenList& list) {
    nlohmann::json j;
    j["salt"] = list.Salt;
    j["hashes"] = list.Hashes;
    j["hash"] = "sha256";
    return j.dump();
}

bool ForgottenListFromJson(std::string_view text, ForgottenList& list) {
    nlohmann::json j = nlohmann::json::parse(text.begin(), text.end(), nullptr, false);
    if (!j.is_object() || !j.contains("salt") || !j["salt"].is_string() || !j.contains("hashes") || !j["hashes"].is_array())
        return false;
    ForgottenList read;
    read.Salt = j["salt"].get<std::string>();
    for (const auto& h : j["hashes"])
        if (h.is_string()) read.Hashes.push_back(h.get<std::string>());
    std::sort(read.Hashes.begin(), read.Hashes.end());
    list = std::move(read);
    return true;
}

// [SECTION] retention ---------------------------------------------------------------------------------
std::optional<Date> LastActivity(const Customer& c) {
    std::optional<Date> last;
    auto see = [&](const std::optional<Date>& d) {
        if (d && (!last || *last < *d)) last = d;
    };
    for (const Purchase& p : c.Purchases) see(p.When);
    for (const ServiceRequest& r : c.Requests) see(r.When);
    for (const SatisfactionScore& s : c.Satisfaction) see(s.When);
    for (const Complaint& x : c.Complaints) see(x.When);
    for (const Communication& m : c.Communications) see(m.When);
    for (const Proposal& p : c.Proposals) see(p.When);
    for (int i = 0; i < kContactChannelCount; ++i) see(c.Privacy->Of(static_cast<ContactChannel>(i)).When);
    see(c.InterestDate);
    see(c.Acquired);
    return last;
}

std::vector<size_t> RetentionCandidates(const Workspace& workspace, int years, Date today) {
    std::vector<size_t> out;
    if (years <= 0) return out;
    const YearMonthDay t = YmdFromDate(today);
    const int day = std::min(t.Day, DaysInMonth(t.Year - years, t.Month));
    const Date cutoff = DateFromYmd(t.Year - years, t.Month, day);
    for (size_t i = 0; i < workspace.Customers.size(); ++i) {
        std::optional<Date> last = LastActivity(workspace.Customers[i]);
        if (last && *last < cutoff) out.push_back(i);
    }
    return out;
}

}  // namespace profila
