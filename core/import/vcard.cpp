// [SECTION] bytes to lines: encodings, unfolding, quoted-printable soft breaks
// [SECTION] properties: name, parameters, value
// [SECTION] contacts
// [SECTION] contacts as customers
// [SECTION] customers as vCards
#include "import/vcard.h"

#include <algorithm>
#include <unordered_map>

#include "import/customer_import.h"
#include "text/encoding.h"
#include "text/fold.h"

namespace profila {

namespace {
// [SECTION] bytes to lines -------------------------------------------------------------------------
std::string Utf16ToUtf8(std::string_view b, bool little) {
    std::string out;
    for (size_t i = 0; i + 1 < b.size(); i += 2) {
        unsigned c = little ? (static_cast<unsigned char>(b[i]) | static_cast<unsigned char>(b[i + 1]) << 8)
                            : (static_cast<unsigned char>(b[i]) << 8 | static_cast<unsigned char>(b[i + 1]));
        if (c >= 0xD800 && c < 0xDC00 && i + 3 < b.size()) {
            unsigned lo = little ? (static_cast<unsigned char>(b[i + 2]) | static_cast<unsigned char>(b[i + 3]) << 8)
                                 : (static_cast<unsigned char>(b[i + 2]) << 8 | static_cast<unsigned char>(b[i + 3]));
            if (lo >= 0xDC00 && lo < 0xE000) { c = 0x10000 + ((c - 0xD800) << 10) + (lo - 0xDC00); i += 2; }
        }
        if (c < 0x80) out += static_cast<char>(c);
        else if (c < 0x800) { out += static_cast<char>(0xC0 | c >> 6); out += static_cast<char>(0x80 | (c & 0x3F)); }
        else if (c < 0x10000) { out += static_cast<char>(0xE0 | c >> 12); out += static_cast<char>(0x80 | (c >> 6 & 0x3F)); out += static_cast<char>(0x80 | (c & 0x3F)); }
        else { out += static_cast<char>(0xF0 | c >> 18); out += static_cast<char>(0x80 | (c >> 12 & 0x3F)); out += static_cast<char>(0x80 | (c >> 6 & 0x3F)); out += static_cast<char>(0x80 | (c & 0x3F)); }
    }
    return out;
}

// 8-bit text as UTF-8: valid UTF-8 stays, anything else is read as Windows-1252.
std::string AsUtf8(std::string_view bytes) { return IsValidUtf8(bytes) ? std::string(bytes) : Windows1252ToUtf8(bytes); }

// Declared UTF-8: kept, with each broken sequence (a quoted-printable line cut mid-character) as U+FFFD.
std::string Utf8Lenient(std::string_view b) {
    if (IsValidUtf8(b)) return std::string(b);
    std::string out;
    for (size_t i = 0; i < b.size();) {
        unsigned char c = static_cast<unsigned char>(b[i]);
        size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
        if (n > 0 && i + n <= b.size() && IsValidUtf8(b.substr(i, n))) { out.append(b.substr(i, n)); i += n; continue; }
        out += "\xEF\xBF\xBD";
        ++i;
        while (i < b.size() && (static_cast<unsigned char>(b[i]) & 0xC0) == 0x80) ++i;  // the rest of the broken sequence
    }
    return out;
}
std::string TrimSpaces(std::string s) {
    size_t b = s.find_first_not_of(" \t"), e = s.find_last_not_of(" \t");
    return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
}

std::string Lower(std::string s) {
    for (char& c : s) if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return s;
}
std::string Upper(std::string s) {
    for (char& c : s) if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    return s;
}

struct Line {
    int Number = 0;
    std::string Text;  // raw bytes (8-bit), unfolded
};

// [SECTION] properties ---------------------------------------------------------------------------
struct Property {
    std::string Name;                                  // upper case, group removed
    std::vector<std::pair<std::string, std::string>> Params;  // NAME (upper), value; bare 2.1 params as TYPE
    std::string Value;                                 // raw
    bool QuotedPrintable = false;
    std::string Charset;
    std::vector<std::string> Types;
};

bool SplitProperty(const std::string& line, Property& p) {
    size_t colon = std::string::npos;
    bool quoted = false;
    for (size_t i = 0; i < line.size(); ++i) {
        if (line[i] == '"') quoted = !quoted;
        else if (line[i] == ':' && !quoted) { colon = i; break; }
    }
    if (colon == std::string::npos) return false;
    std::string head = line.substr(0, colon);
    p.Value = line.substr(colon + 1);
    std::vector<std::string> parts;
    std::string cur;
    quoted = false;
    for (char c : head) {
        if (c == '"') { quoted = !quoted; continue; }
        if (c == ';' && !quoted) { parts.push_back(cur); cur.clear(); }
        else cur += c;
    }
    parts.push_back(cur);
    std::string name = parts[0];
    size_t dot = name.rfind('.');
    if (dot != std::string::npos) name = name.substr(dot + 1);
    p.Name = Upper(name);
    for (size_t i = 1; i < parts.size(); ++i) {
        if (parts[i].empty()) continue;  // "PREF;:" - an empty parameter
        size_t eq = parts[i].find('=');
        std::string k = eq == std::string::npos ? "TYPE" : Upper(parts[i].substr(0, eq));
        std::string v = eq == std::string::npos ? parts[i] : parts[i].substr(eq + 1);
        if (eq == std::string::npos && (Upper(v) == "QUOTED-PRINTABLE" || Upper(v) == "BASE64" || Upper(v) == "8BIT")) k = "ENCODING";
        p.Params.emplace_back(k, v);
        if (k == "ENCODING" && Upper(v) == "QUOTED-PRINTABLE") p.QuotedPrintable = true;
        if (k == "CHARSET") p.Charset = Upper(v);
        if (k == "TYPE") {
            size_t s = 0;
            while (s <= v.size()) {
                size_t e = v.find(',', s);
                if (e == std::string::npos) e = v.size();
                std::string t = Lower(v.substr(s, e - s));
                if (!t.empty() && std::find(p.Types.begin(), p.Types.end(), t) == p.Types.end()) p.Types.push_back(t);
                s = e + 1;
            }
        }
    }
    std::sort(p.Types.begin(), p.Types.end());
    return true;
}

int Hex(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
}

// Quoted-printable to bytes; false with the bad escape.
bool DecodeQp(const std::string& in, std::string& out, std::string& bad) {
    for (size_t i = 0; i < in.size(); ++i) {
        if (in[i] != '=') { out += in[i]; continue; }
        if (i + 2 >= in.size() + 0 && i + 1 >= in.size()) break;  // a lone '=' at the end: a soft break left over
        if (i + 2 >= in.size() || Hex(in[i + 1]) < 0 || Hex(in[i + 2]) < 0) {
            bad = in.substr(i, 3);
            return false;
        }
        out += static_cast<char>(Hex(in[i + 1]) * 16 + Hex(in[i + 2]));
        i += 2;
    }
    return true;
}

// Splits a structured value on unescaped ';' and removes the backslash escapes.
std::vector<std::string> Components(const std::string& v, char sep = ';') {
    std::vector<std::string> out(1);
    for (size_t i = 0; i < v.size(); ++i) {
        char c = v[i];
        if (c == '\\' && i + 1 < v.size()) {
            char n = v[++i];
            out.back() += n == 'n' || n == 'N' ? '\n' : n;
        } else if (c == sep) {
            out.emplace_back();
        } else {
            out.back() += c;
        }
    }
    return out;
}
std::string Unescape(const std::string& v) {
    std::string out;
    for (size_t i = 0; i < v.size(); ++i) {
        if (v[i] == '\\' && i + 1 < v.size()) { char n = v[++i]; out += n == 'n' || n == 'N' ? '\n' : n; }
        else out += v[i];
    }
    return out;
}
}  // namespace

// [SECTION] contacts -----------------------------------------------------------------------------
VCardFile ParseVCards(std::string_view bytes, std::string_view source) {
    VCardFile f;
    std::string text;
    if (bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0xFF && static_cast<unsigned char>(bytes[1]) == 0xFE) text = Utf16ToUtf8(bytes.substr(2), true);
    else if (bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0xFE && static_cast<unsigned char>(bytes[1]) == 0xFF) text = Utf16ToUtf8(bytes.substr(2), false);
    else if (bytes.size() >= 3 && bytes.substr(0, 3) == "\xEF\xBB\xBF") text = std::string(bytes.substr(3));
    else text = std::string(bytes);

    auto error = [&](int line, const std::string& what) {
        f.Errors.push_back({line, std::string(source) + ", line " + std::to_string(line) + ": " + what});
    };
    // Physical lines, then logical ones: a line starting with a space or tab continues the previous
    // (RFC 6350 3.2); in a quoted-printable value a line ending in '=' continues on the next.
    std::vector<Line> lines;
    {
        int number = 0;
        size_t pos = 0;
        bool qp_continues = false;
        while (pos < text.size()) {
            size_t e = text.find('\n', pos);
            if (e == std::string::npos) e = text.size();
            std::string l = text.substr(pos, e - pos);
            if (!l.empty() && l.back() == '\r') l.pop_back();
            ++number;
            pos = e + 1;
            if (qp_continues && !lines.empty()) {
                lines.back().Text.pop_back();  // the soft break's '='
                size_t skip = l.find_first_not_of(" \t") == 0 ? 0 : 0;
                lines.back().Text += l.substr(skip);
            } else if (!l.empty() && (l[0] == ' ' || l[0] == '\t') && !lines.empty()) {
                lines.back().Text += l.substr(1);
            } else {
                if (l.empty()) { qp_continues = false; continue; }
                lines.push_back({number, l});
            }
            const std::string& cur = lines.back().Text;
            std::string head = Upper(cur.substr(0, std::min<size_t>(cur.find(':') == std::string::npos ? cur.size() : cur.find(':'), 200)));
            qp_continues = head.find("QUOTED-PRINTABLE") != std::string::npos && !cur.empty() && cur.back() == '=';
        }
    }
    VCardContact* c = nullptr;
    std::vector<VCardContact> contacts;
    for (const Line& l : lines) {
        Property p;
        if (!SplitProperty(l.Text, p)) {
            if (c) error(l.Number, "\"" + AsUtf8(l.Text.substr(0, 40)) + "\" is not a property (NAME:value)");
            else error(l.Number, "text outside BEGIN:VCARD ... END:VCARD");
            continue;
        }
        if (p.Name == "BEGIN" && Upper(p.Value) == "VCARD") {
            if (c) { error(l.Number, "BEGIN:VCARD inside a contact (END:VCARD missing above)"); }
            contacts.emplace_back();
            c = &contacts.back();
            c->Line = l.Number;
            continue;
        }
        if (!c) { error(l.Number, "property " + p.Name + " outside BEGIN:VCARD ... END:VCARD"); continue; }
        if (p.Name == "END") { c = nullptr; continue; }
        // Binary and media values are skipped before decoding (photos, logos, sounds, keys).
        if (p.Name == "PHOTO" || p.Name == "LOGO" || p.Name == "SOUND" || p.Name == "KEY" || p.Name == "AGENT") continue;
        std::string raw = p.Value;
        if (p.QuotedPrintable) {
            std::string decoded, bad;
            if (!DecodeQp(raw, decoded, bad)) { error(l.Number, "invalid quoted-printable escape \"" + bad + "\" in " + p.Name); continue; }
            raw = std::move(decoded);
        }
        std::string value = p.Charset.empty() ? AsUtf8(raw) : p.Charset == "UTF-8" || p.Charset == "UTF8" ? Utf8Lenient(raw) : Windows1252ToUtf8(raw);
        if (p.Name == "VERSION") c->Version = value;
        else if (p.Name == "FN") c->FormattedName = Unescape(value);
        else if (p.Name == "N") {
            std::vector<std::string> n = Components(value);
            n.resize(std::max<size_t>(n.size(), 5));
            c->Family = n[0]; c->Given = n[1]; c->Additional = n[2]; c->Prefix = n[3]; c->Suffix = n[4];
            c->HasN = true;
        } else if (p.Name == "ORG") c->Orgs.push_back(Components(value));
        else if (p.Name == "TEL") c->Phones.push_back({Unescape(value), p.Types});
        else if (p.Name == "EMAIL") c->Emails.push_back({TrimSpaces(Unescape(value)), p.Types});
        else if (p.Name == "ADR") {
            std::vector<std::string> a = Components(value);
            a.resize(std::max<size_t>(a.size(), 7));
            c->Addresses.push_back({a[0], a[1], a[2], a[3], a[4], a[5], a[6], p.Types});
        } else if (p.Name == "BDAY") c->Birthday = value;
        else if (p.Name == "NOTE") c->Note = Unescape(value);
    }
    if (c) error(lines.empty() ? 0 : lines.back().Number, "the last contact has no END:VCARD (file truncated?)");
    if (contacts.empty() && f.Errors.empty()) error(0, "no contacts (BEGIN:VCARD) in the file");
    if (f.Errors.empty()) f.Contacts = std::move(contacts);
    return f;
}

// [SECTION] contacts as customers -----------------------------------------------------------------
namespace {
std::string ContactName(const VCardContact& c) {
    std::string n = c.FormattedName;
    size_t b = n.find_first_not_of(' '), e = n.find_last_not_of(' ');
    n = b == std::string::npos ? "" : n.substr(b, e - b + 1);
    if (!n.empty()) return n;
    std::string g = c.Given, f = c.Family;
    return g.empty() ? f : f.empty() ? g : g + " " + f;
}
std::string PhoneText(const std::string& v) {
    std::string s = v;
    if (s.rfind("tel:", 0) == 0) s = s.substr(4);
    size_t semi = s.find(';');
    if (semi != std::string::npos) s = s.substr(0, semi);
    return s;
}
}  // namespace

ImportResult ContactsToCustomers(const VCardFile& file, const Workspace& existing, const ImportOptions& options) {
    ImportResult r;
    r.RowsRead = file.Contacts.size();
    for (const VCardError& e : file.Errors) {
        ++r.ErrorCount;
        if (r.Errors.size() < options.MaxErrors) r.Errors.push_back({e.Line, 0, "vcard_syntax", "", e.Message});
    }
    if (r.ErrorCount > 0) return r;
    std::unordered_map<std::string, size_t> by_email, by_phone, by_name;
    for (size_t i = 0; i < existing.Customers.size(); ++i) {
        const Customer& k = existing.Customers[i];
        if (!k.Email.empty()) by_email.emplace(Lower(k.Email), i);
        if (!k.Phone.empty()) by_phone.emplace(NormalisePhone(k.Phone), i);
        std::string n = FoldForMatch(k.Name.empty() ? k.Company : k.Name);
        if (!n.empty()) by_name.emplace(n, i);
    }
    std::unordered_map<size_t, size_t> updated;  // existing index -> r.UpdatedCustomers index
    int n_new = 0;
    for (const VCardContact& c : file.Contacts) {
        std::string name = ContactName(c);
        std::string company = c.Orgs.empty() || c.Orgs[0].empty() ? "" : c.Orgs[0][0];
        std::string email = c.Emails.empty() ? "" : c.Emails[0].Value;
        for (const VCardTyped& e : c.Emails) if (std::find(e.Types.begin(), e.Types.end(), "pref") != e.Types.end()) { email = e.Value; break; }
        std::string phone = c.Phones.empty() ? "" : PhoneText(c.Phones[0].Value);
        if (name.empty() && company.empty() && email.empty() && phone.empty()) continue;  // nothing to keep
        const Customer* match = nullptr;
        size_t match_index = 0;
        auto find = [&](const std::unordered_map<std::string, size_t>& m, const std::string& key) {
            if (match || key.empty()) return;
            auto it = m.find(key);
            if (it != m.end()) { match = &existing.Customers[it->second]; match_index = it->second; }
        };
        find(by_email, Lower(email));
        for (const VCardTyped& t : c.Phones) find(by_phone, NormalisePhone(PhoneText(t.Value)));
        find(by_name, FoldForMatch(name.empty() ? company : name));
        Customer* card;
        if (match) {
            auto it = updated.find(match_index);
            if (it == updated.end()) { r.UpdatedCustomers.push_back(*match); it = updated.emplace(match_index, r.UpdatedCustomers.size() - 1).first; }
            card = &r.UpdatedCustomers[it->second];
        } else {
            r.NewCustomers.emplace_back();
            card = &r.NewCustomers.back();
            card->Id = options.Ids ? options.Ids->Next(options.NowMs) : options.NewIdPrefix + "v" + std::to_string(++n_new);
            card->Kind = name.empty() && !company.empty() ? CustomerKind::Business : CustomerKind::Private;
        }
        // Only empty fields are filled: what the owner typed on the card wins.
        auto fill = [](std::string& field, const std::string& v) { if (field.empty()) field = v; };
        fill(card->Name, name);
        fill(card->Company, company);
        fill(card->Email, email);
        fill(card->Phone, phone);
        if (!c.Addresses.empty()) {
            const VCardAddress& a = c.Addresses[0];
            fill(card->Address, a.Street);
            fill(card->City, a.Locality);
            fill(card->Postcode, a.Postcode);
            fill(card->Region, a.Region);
            fill(card->Country, a.Country);
        }
        // Further phones and e-mails go to the notes, so none is lost.
        std::string extra;
        for (size_t i = 1; i < c.Phones.size(); ++i) extra += (extra.empty() ? "" : ", ") + PhoneText(c.Phones[i].Value);
        for (const VCardTyped& e : c.Emails) if (e.Value != email) extra += (extra.empty() ? "" : ", ") + e.Value;
        if (!c.Note.empty()) extra += (extra.empty() ? "" : "\n") + c.Note;
        if (!extra.empty() && card->Notes.find(extra) == std::string::npos) card->Notes += (card->Notes.empty() ? "" : "\n") + extra;
    }
    return r;
}

// [SECTION] customers as vCards --------------------------------------------------------------------
namespace {
std::string Escape(const std::string& v) {
    std::string out;
    for (char c : v) {
        if (c == '\\' || c == ';' || c == ',') { out += '\\'; out += c; }
        else if (c == '\n') out += "\\n";
        else if (c != '\r') out += c;
    }
    return out;
}
// Folds at 75 octets without splitting a UTF-8 sequence (RFC 6350 3.2).
void AppendFolded(std::string& out, const std::string& line) {
    size_t pos = 0, width = 75;
    while (line.size() - pos > width) {
        size_t cut = pos + width;
        while (cut > pos && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;
        out.append(line, pos, cut - pos);
        out += "\r\n ";
        pos = cut;
        width = 74;
    }
    out.append(line, pos, std::string::npos);
    out += "\r\n";
}
}  // namespace

std::string CustomersToVCards(const std::vector<const Customer*>& customers) {
    std::string out;
    for (const Customer* c : customers) {
        out += "BEGIN:VCARD\r\nVERSION:4.0\r\n";
        std::string fn = !c->Name.empty() ? c->Name : c->Company;
        AppendFolded(out, "FN:" + Escape(fn));
        if (!c->Name.empty()) {
            size_t sp = c->Name.rfind(' ');
            std::string given = sp == std::string::npos ? c->Name : c->Name.substr(0, sp);
            std::string family = sp == std::string::npos ? "" : c->Name.substr(sp + 1);
            AppendFolded(out, "N:" + Escape(family) + ";" + Escape(given) + ";;;");
        }
        if (!c->Company.empty()) AppendFolded(out, "ORG:" + Escape(c->Company));
        if (!c->Phone.empty()) AppendFolded(out, "TEL;TYPE=voice:" + Escape(c->Phone));
        if (!c->Email.empty()) AppendFolded(out, "EMAIL:" + Escape(c->Email));
        if (!c->Address.empty() || !c->City.empty())
            AppendFolded(out, "ADR:;;" + Escape(c->Address) + ";" + Escape(c->City) + ";" + Escape(c->Region) + ";" + Escape(c->Postcode) + ";" + Escape(c->Country));
        if (!c->Notes.empty()) AppendFolded(out, "NOTE:" + Escape(c->Notes));
        out += "END:VCARD\r\n";
    }
    return out;
}

}  // namespace profila
