// What a header and a cell of an imported table mean (see import_cells.h): the field keys, the
// headers each field is known by in Italian, English and Spanish, and the parsers of a cell's value.
//
// [SECTION] field keys and header synonyms (it / en / es)
// [SECTION] value parsers: dates, numbers, phones, flags
#include "import/import_cells.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "model/limits.h"
#include "text/fold.h"
#include "text/numbers.h"

namespace profila {

// [SECTION] field keys and header synonyms ------------------------------------------------------
namespace {
// The keys of the import's own columns; a card field's key is its CsvKey (codec/customer_fields.cpp).
const char* OwnFieldKey(ImportField field) {
    switch (field) {
    case ImportField::FirstName: return "first_name";
    case ImportField::LastName: return "last_name";
    case ImportField::Mobile: return "mobile";
    default: return "ignore";
    }
}

struct Synonym {
    std::string Text;  // folded once when the table is built
    ImportField Field;
    bool Confident;
};
const std::vector<Synonym>& Synonyms() {
    using F = ImportField;
    static const std::vector<Synonym> kList = [] {
        std::vector<Synonym> v = {
            // customer id
            {"id", F::CustomerId, true}, {"id cliente", F::CustomerId, true}, {"codice", F::CustomerId, false},
            {"codice cliente", F::CustomerId, true}, {"cod cliente", F::CustomerId, true}, {"n cliente", F::CustomerId, true},
            {"numero cliente", F::CustomerId, true}, {"customer id", F::CustomerId, true}, {"customer number", F::CustomerId, true},
            {"customer code", F::CustomerId, true}, {"client id", F::CustomerId, true}, {"customerid", F::CustomerId, true},
            {"codigo", F::CustomerId, false}, {"codigo cliente", F::CustomerId, true}, {"id de cliente", F::CustomerId, true},
            {"numero de cliente", F::CustomerId, true}, {"cliente", F::CustomerId, false}, {"customer", F::CustomerId, false},
            {"client", F::CustomerId, false},
            // name
            {"nome", F::Name, true}, {"name", F::Name, true}, {"nombre", F::Name, true}, {"nominativo", F::Name, true},
            {"nome e cognome", F::Name, true}, {"nome cognome", F::Name, true}, {"cognome e nome", F::Name, true},
            {"cognome nome", F::Name, true}, {"full name", F::Name, true}, {"customer name", F::Name, true},
            {"nombre completo", F::Name, true}, {"nombre y apellidos", F::Name, true}, {"nome cliente", F::Name, true},
            {"nombre cliente", F::Name, true}, {"nombre del cliente", F::Name, true}, {"contatto", F::Name, false},
            {"contact", F::Name, false}, {"contacto", F::Name, false},
            {"first name", F::FirstName, true}, {"firstname", F::FirstName, true}, {"given name", F::FirstName, true},
            {"cognome", F::LastName, true}, {"last name", F::LastName, true}, {"lastname", F::LastName, true},
            {"surname", F::LastName, true}, {"family name", F::LastName, true}, {"apellido", F::LastName, true},
            {"apellidos", F::LastName, true},
            // company
            {"ragione sociale", F::Company, true}, {"azienda", F::Company, true}, {"societa", F::Company, true},
            {"ditta", F::Company, true}, {"denominazione", F::Company, true}, {"company", F::Company, true},
            {"company name", F::Company, true}, {"business name", F::Company, true}, {"organisation", F::Company, true},
            {"organization", F::Company, true}, {"empresa", F::Company, true}, {"razon social", F::Company, true},
            {"denominacion", F::Company, true}, {"impresa", F::Company, true},
            // kind
            {"tipo", F::Kind, false}, {"tipo cliente", F::Kind, true}, {"tipologia", F::Kind, false}, {"type", F::Kind, false},
            {"customer type", F::Kind, true}, {"kind", F::Kind, true}, {"tipo de cliente", F::Kind, true},
            // phones
            {"telefono", F::Phone, true}, {"tel", F::Phone, true}, {"phone", F::Phone, true}, {"telephone", F::Phone, true},
            {"phone number", F::Phone, true}, {"numero di telefono", F::Phone, true}, {"telefono fisso", F::Phone, true},
            {"fisso", F::Phone, true}, {"telefono fijo", F::Phone, true}, {"fijo", F::Phone, true},
            {"numero de telefono", F::Phone, true}, {"recapito", F::Phone, false},
            {"cellulare", F::Mobile, true}, {"cell", F::Mobile, true}, {"mobile", F::Mobile, true}, {"movil", F::Mobile, true},
            {"celular", F::Mobile, true}, {"mobile phone", F::Mobile, true}, {"telefono movil", F::Mobile, true},
            {"telefono cellulare", F::Mobile, true}, {"whatsapp", F::Mobile, false},
            // e-mail
            {"email", F::Email, true}, {"e mail", F::Email, true}, {"mail", F::Email, true}, {"posta elettronica", F::Email, true},
            {"indirizzo email", F::Email, true}, {"indirizzo e mail", F::Email, true}, {"correo", F::Email, true},
            {"correo electronico", F::Email, true}, {"email address", F::Email, true}, {"e mail address", F::Email, true},
            {"pec", F::Email, false},
            // place
            {"indirizzo", F::Address, true}, {"via", F::Address, true}, {"address", F::Address, true}, {"street", F::Address, true},
            {"direccion", F::Address, true}, {"domicilio", F::Address, true}, {"calle", F::Address, true},
            {"citta", F::City, true}, {"comune", F::City, true}, {"localita", F::City, true}, {"city", F::City, true},
            {"town", F::City, true}, {"ciudad", F::City, true}, {"localidad", F::City, true}, {"municipio", F::City, true},
            {"poblacion", F::City, true},
            {"cap", F::Postcode, true}, {"codice postale", F::Postcode, true}, {"postcode", F::Postcode, true},
            {"post code", F::Postcode, true}, {"postal code", F::Postcode, true}, {"zip", F::Postcode, true},
            {"zip code", F::Postcode, true}, {"codigo postal", F::Postcode, true}, {"cp", F::Postcode, true}, {"c p", F::Postcode, true},
            {"provincia", F::Region, true}, {"prov", F::Region, true}, {"regione", F::Region, true}, {"region", F::Region, true},
            {"province", F::Region, true}, {"state", F::Region, false}, {"county", F::Region, true},
            {"comunidad autonoma", F::Region, true},
            {"paese", F::Country, true}, {"nazione", F::Country, true}, {"stato", F::Country, false}, {"country", F::Country, true},
            {"pais", F::Country, true}, {"nazionalita", F::Country, false},
            // since
            {"cliente dal", F::Acquired, true}, {"data acquisizione", F::Acquired, true}, {"data inizio", F::Acquired, true},
            {"data registrazione", F::Acquired, true}, {"data iscrizione", F::Acquired, true}, {"since", F::Acquired, true},
            {"customer since", F::Acquired, true}, {"acquired", F::Acquired, true}, {"registration date", F::Acquired, true},
            {"cliente desde", F::Acquired, true}, {"fecha alta", F::Acquired, true}, {"fecha de alta", F::Acquired, true},
            {"alta", F::Acquired, false},
            // demographics, business
            {"anno di nascita", F::BirthYear, true}, {"anno nascita", F::BirthYear, true}, {"birth year", F::BirthYear, true},
            {"year of birth", F::BirthYear, true}, {"ano de nacimiento", F::BirthYear, true}, {"ano nacimiento", F::BirthYear, true},
            {"eta", F::Age, true}, {"age", F::Age, true}, {"edad", F::Age, true},
            {"sesso", F::Gender, true}, {"genere", F::Gender, true}, {"gender", F::Gender, true}, {"sex", F::Gender, true},
            {"sexo", F::Gender, true}, {"genero", F::Gender, true},
            {"professione", F::Occupation, true}, {"occupazione", F::Occupation, true}, {"lavoro", F::Occupation, true},
            {"occupation", F::Occupation, true}, {"job", F::Occupation, true}, {"profession", F::Occupation, true},
            {"profesion", F::Occupation, true}, {"ocupacion", F::Occupation, true}, {"trabajo", F::Occupation, true},
            {"settore", F::Sector, true}, {"sector", F::Sector, true}, {"industry", F::Sector, true}, {"attivita", F::Sector, false},
            {"actividad", F::Sector, false}, {"rubro", F::Sector, true},
            {"dipendenti", F::Employees, true}, {"n dipendenti", F::Employees, true}, {"numero dipendenti", F::Employees, true},
            {"employees", F::Employees, true}, {"staff", F::Employees, false}, {"empleados", F::Employees, true},
            {"numero de empleados", F::Employees, true},
            {"tag", F::Tags, true}, {"tags", F::Tags, true}, {"etichette", F::Tags, true}, {"etichetta", F::Tags, true},
            {"etiquetas", F::Tags, true}, {"etiqueta", F::Tags, true}, {"labels", F::Tags, true}, {"gruppo", F::Tags, false},
            {"grupo", F::Tags, false}, {"segmento", F::Tags, false}, {"segment", F::Tags, false},
            {"note", F::Notes, true}, {"notes", F::Notes, true}, {"annotazioni", F::Notes, true}, {"notas", F::Notes, true},
            {"nota", F::Notes, true}, {"observaciones", F::Notes, true}, {"comments", F::Notes, true}, {"commenti", F::Notes, true},
            {"comentarios", F::Notes, true}, {"osservazioni", F::Notes, true},
            // purchases
            {"id acquisto", F::PurchaseId, true}, {"n ordine", F::PurchaseId, true}, {"numero ordine", F::PurchaseId, true},
            {"ordine", F::PurchaseId, false}, {"order", F::PurchaseId, false}, {"order id", F::PurchaseId, true},
            {"order number", F::PurchaseId, true}, {"invoice", F::PurchaseId, false}, {"invoice number", F::PurchaseId, true},
            {"fattura", F::PurchaseId, false}, {"numero fattura", F::PurchaseId, true}, {"n fattura", F::PurchaseId, true},
            {"pedido", F::PurchaseId, false}, {"numero de pedido", F::PurchaseId, true}, {"factura", F::PurchaseId, false},
            {"numero de factura", F::PurchaseId, true}, {"purchase id", F::PurchaseId, true}, {"id compra", F::PurchaseId, true},
            {"transaction id", F::PurchaseId, true}, {"scontrino", F::PurchaseId, false},
            {"data", F::PurchaseDate, true}, {"date", F::PurchaseDate, true}, {"fecha", F::PurchaseDate, true},
            {"data acquisto", F::PurchaseDate, true}, {"purchase date", F::PurchaseDate, true}, {"order date", F::PurchaseDate, true},
            {"fecha compra", F::PurchaseDate, true}, {"fecha de compra", F::PurchaseDate, true}, {"data ordine", F::PurchaseDate, true},
            {"data vendita", F::PurchaseDate, true}, {"fecha venta", F::PurchaseDate, true}, {"fecha de venta", F::PurchaseDate, true},
            {"data fattura", F::PurchaseDate, true}, {"fecha factura", F::PurchaseDate, true}, {"giorno", F::PurchaseDate, false},
            {"dia", F::PurchaseDate, false}, {"data documento", F::PurchaseDate, true},
            {"importo", F::Amount, true}, {"amount", F::Amount, true}, {"importe", F::Amount, true}, {"totale", F::Amount, true},
            {"total", F::Amount, true}, {"spesa", F::Amount, true}, {"valore", F::Amount, false}, {"value", F::Amount, false},
            {"prezzo", F::Amount, false}, {"price", F::Amount, false}, {"precio", F::Amount, false},
            {"importo totale", F::Amount, true}, {"total amount", F::Amount, true}, {"importe total", F::Amount, true},
            {"monto", F::Amount, true}, {"euro", F::Amount, false}, {"eur", F::Amount, false}, {"spend", F::Amount, true},
            {"sales", F::Amount, false}, {"vendite", F::Amount, false}, {"ventas", F::Amount, false}, {"incasso", F::Amount, true},
            {"quantita", F::Quantity, true}, {"qta", F::Quantity, true}, {"qty", F::Quantity, true}, {"quantity", F::Quantity, true},
            {"cantidad", F::Quantity, true}, {"pezzi", F::Quantity, true}, {"n pezzi", F::Quantity, true},
            {"units", F::Quantity, true}, {"unita", F::Quantity, false}, {"unidades", F::Quantity, true}, {"uds", F::Quantity, true},
            {"margine", F::Margin, true}, {"margin", F::Margin, true}, {"margen", F::Margin, true}, {"utile", F::Margin, false},
            {"profit", F::Margin, false}, {"beneficio", F::Margin, false}, {"ganancia", F::Margin, false},
            {"margine di contribuzione", F::Margin, true}, {"contribution margin", F::Margin, true},
            {"costo", F::Cost, true}, {"cost", F::Cost, true}, {"coste", F::Cost, true}, {"costo del venduto", F::Cost, true},
            {"cogs", F::Cost, true},
            {"categoria", F::Category, true}, {"category", F::Category, true}, {"categoria prodotto", F::Category, true},
            {"product category", F::Category, true}, {"reparto", F::Category, false}, {"famiglia", F::Category, false},
            {"familia", F::Category, false}, {"department", F::Category, false},
            {"prodotto", F::Product, true}, {"articolo", F::Product, true}, {"product", F::Product, true}, {"item", F::Product, true},
            {"producto", F::Product, true}, {"articulo", F::Product, true}, {"descrizione", F::Product, false},
            {"description", F::Product, false}, {"descripcion", F::Product, false}, {"servizio", F::Product, false},
            {"service", F::Product, false}, {"servicio", F::Product, false},
            {"canale", F::Channel, true}, {"channel", F::Channel, true}, {"canal", F::Channel, true},
            {"canale di vendita", F::Channel, true}, {"sales channel", F::Channel, true}, {"canal de venta", F::Channel, true},
            {"pagamento", F::PaymentMethod, true}, {"metodo di pagamento", F::PaymentMethod, true},
            {"modalita di pagamento", F::PaymentMethod, true}, {"modalita pagamento", F::PaymentMethod, true},
            {"tipo pagamento", F::PaymentMethod, true}, {"payment", F::PaymentMethod, true}, {"payment method", F::PaymentMethod, true},
            {"forma de pago", F::PaymentMethod, true}, {"metodo de pago", F::PaymentMethod, true}, {"pago", F::PaymentMethod, true},
            {"sconto", F::DiscountPercent, true}, {"discount", F::DiscountPercent, true}, {"descuento", F::DiscountPercent, true},
            {"sconto percentuale", F::DiscountPercent, true}, {"discount percent", F::DiscountPercent, true},
            {"annullato", F::Cancelled, true}, {"annullata", F::Cancelled, true}, {"cancellato", F::Cancelled, true},
            {"cancelled", F::Cancelled, true}, {"canceled", F::Cancelled, true}, {"cancelado", F::Cancelled, true},
            {"anulado", F::Cancelled, true}, {"reso", F::Cancelled, false}, {"returned", F::Cancelled, false},
            {"giorni ritardo", F::DaysPaidLate, true}, {"giorni di ritardo", F::DaysPaidLate, true},
            {"ritardo pagamento", F::DaysPaidLate, true}, {"days late", F::DaysPaidLate, true},
            {"days paid late", F::DaysPaidLate, true}, {"payment delay", F::DaysPaidLate, true},
            {"dias de retraso", F::DaysPaidLate, true}, {"retraso", F::DaysPaidLate, false}, {"ritardo", F::DaysPaidLate, false},
            // columns our own export writes that are not imported (computed)
            {"purchases count", F::Ignore, true}, {"revenue total", F::Ignore, true},
        };
        // The field keys themselves ("customer_id" -> "customer id") are synonyms too: exports re-import.
        for (size_t i = 1; i < static_cast<size_t>(ImportField::Count_); ++i)
            v.push_back({ImportFieldKey(static_cast<ImportField>(i)), static_cast<ImportField>(i), true});
        for (Synonym& s : v) s.Text = FoldForMatch(s.Text);
        return v;
    }();
    return kList;
}

}  // namespace

// Exact synonym (confident as listed), else a synonym as a whole word inside the header (not confident).
std::optional<std::pair<ImportField, bool>> MatchHeader(std::string_view header) {
    std::string h = FoldForMatch(header);
    if (h.empty()) return std::nullopt;
    for (const Synonym& s : Synonyms())
        if (s.Text == h) return std::make_pair(s.Field, s.Confident);
    const Synonym* best = nullptr;
    size_t best_len = 0;
    std::string padded = " " + h + " ";
    for (const Synonym& s : Synonyms()) {
        const std::string& t = s.Text;
        if (t.size() < 3 || t.size() <= best_len) continue;
        if (padded.find(" " + t + " ") != std::string::npos) { best = &s; best_len = t.size(); }
    }
    if (best) return std::make_pair(best->Field, false);
    return std::nullopt;
}

const char* ImportFieldKey(ImportField field) {
    // Keys are literals of the table, so their views end in a NUL.
    if (const CardField* f = CsvCardField(field)) return f->CsvKey.data();
    return OwnFieldKey(field);
}

std::optional<ImportField> ImportFieldFromKey(std::string_view key) {
    for (size_t i = 0; i < static_cast<size_t>(ImportField::Count_); ++i)
        if (key == ImportFieldKey(static_cast<ImportField>(i))) return static_cast<ImportField>(i);
    return std::nullopt;
}

bool IsPurchaseField(ImportField f) {
    FieldGroup group = FieldGroup::Customer;
    return CsvCardField(f, &group) && group == FieldGroup::Purchase;
}

const char* DuplicateReasonKey(DuplicateReason reason) {
    switch (reason) {
        case DuplicateReason::SameEmail: return "same_email";
        case DuplicateReason::SamePhone: return "same_phone";
        case DuplicateReason::SameNameAndCity: return "same_name_city";
    }
    return "same_email";
}

// [SECTION] value parsers -----------------------------------------------------------------------
std::optional<Date> ParseDayFirstDate(std::string_view text) {
    std::string_view t = Trim(text);
    // The usual cell, "dd/mm/yyyy" (or with '-' or '.'), read at once; the same date the general
    // reading below gives it.
    auto digit = [&t](size_t i) { return t[i] >= '0' && t[i] <= '9'; };
    if (t.size() == 10 && (t[2] == '/' || t[2] == '-' || t[2] == '.') && t[5] == t[2] && digit(0) && digit(1) && digit(3) &&
        digit(4) && digit(6) && digit(7) && digit(8) && digit(9)) {
        const int d = (t[0] - '0') * 10 + (t[1] - '0'), m = (t[3] - '0') * 10 + (t[4] - '0');
        const int y = (t[6] - '0') * 1000 + (t[7] - '0') * 100 + (t[8] - '0') * 10 + (t[9] - '0');
        if (!IsValidYmd(y, m, d)) return std::nullopt;
        return DateFromYmd(y, m, d);
    }
    // Drop a trailing time: "12/03/2024 10:30", "2024-03-12T10:30:00".
    size_t cut = t.find_first_of(" T");
    if (cut != std::string_view::npos && cut >= 6) t = t.substr(0, cut);
    int parts[3] = {0, 0, 0};
    int digits[3] = {0, 0, 0};
    int k = 0;
    char sep = 0;
    for (char c : t) {
        if (c >= '0' && c <= '9') {
            if (digits[k] >= 4) return std::nullopt;
            parts[k] = parts[k] * 10 + (c - '0');
            ++digits[k];
        } else if (c == '/' || c == '-' || c == '.') {
            if (sep && c != sep) return std::nullopt;
            sep = c;
            if (digits[k] == 0 || ++k > 2) return std::nullopt;
        } else {
            return std::nullopt;
        }
    }
    if (k != 2 || digits[2] == 0) return std::nullopt;
    int y, m, d;
    if (digits[0] == 4) {  // ISO order
        if (digits[2] > 2) return std::nullopt;
        y = parts[0]; m = parts[1]; d = parts[2];
    } else {
        if (digits[0] > 2 || digits[1] > 2 || (digits[2] != 2 && digits[2] != 4)) return std::nullopt;
        d = parts[0]; m = parts[1]; y = parts[2];
        if (digits[2] == 2) y += y < 70 ? 2000 : 1900;
    }
    if (!IsValidYmd(y, m, d)) return std::nullopt;
    return DateFromYmd(y, m, d);
}

std::string NormalisePhone(std::string_view phone) {
    std::string digits;
    bool plus = false;
    for (char c : phone) {
        if (c >= '0' && c <= '9') digits.push_back(c);
        else if (c == '+' && digits.empty()) plus = true;
    }
    auto strip = [&](const char* cc) {
        size_t n = std::strlen(cc);
        if (digits.compare(0, n, cc) == 0 && digits.size() > n + 5) { digits.erase(0, n); return true; }
        return false;
    };
    if (plus) { if (!strip("39")) strip("34"); }
    else if (!strip("0039")) strip("0034");
    return digits;
}

// Values of a "kind" column.
std::optional<CustomerKind> ParseKindValue(std::string_view text) {
    std::string t = FoldForMatch(text);
    static const std::pair<const char*, CustomerKind> kMap[] = {
        {"privato", CustomerKind::Private}, {"private", CustomerKind::Private}, {"privata", CustomerKind::Private},
        {"particolare", CustomerKind::Private}, {"particular", CustomerKind::Private}, {"persona", CustomerKind::Private},
        {"persona fisica", CustomerKind::Private}, {"consumer", CustomerKind::Private}, {"b2c", CustomerKind::Private},
        {"individual", CustomerKind::Private}, {"privado", CustomerKind::Private}, {"p", CustomerKind::Private},
        {"azienda", CustomerKind::Business}, {"business", CustomerKind::Business}, {"impresa", CustomerKind::Business},
        {"empresa", CustomerKind::Business}, {"societa", CustomerKind::Business}, {"company", CustomerKind::Business},
        {"b2b", CustomerKind::Business}, {"ditta", CustomerKind::Business}, {"negocio", CustomerKind::Business},
        {"a", CustomerKind::Business}, {"e", CustomerKind::Business},
        {"professionista", CustomerKind::Professional}, {"libero professionista", CustomerKind::Professional},
        {"professional", CustomerKind::Professional}, {"profesional", CustomerKind::Professional},
        {"autonomo", CustomerKind::Professional}, {"freelance", CustomerKind::Professional},
        {"altro", CustomerKind::Other}, {"other", CustomerKind::Other}, {"otro", CustomerKind::Other},
        {"ente", CustomerKind::Other}, {"associazione", CustomerKind::Other}, {"asociacion", CustomerKind::Other},
    };
    for (const auto& [k, v] : kMap)
        if (t == k) return v;
    return std::nullopt;
}

std::optional<Gender> ParseGenderValue(std::string_view text) {
    std::string t = FoldForMatch(text);
    static const std::pair<const char*, Gender> kMap[] = {
        {"f", Gender::Female}, {"femmina", Gender::Female}, {"donna", Gender::Female}, {"female", Gender::Female},
        {"woman", Gender::Female}, {"mujer", Gender::Female}, {"femenino", Gender::Female}, {"femminile", Gender::Female},
        {"w", Gender::Female},
        {"m", Gender::Male}, {"maschio", Gender::Male}, {"uomo", Gender::Male}, {"male", Gender::Male},
        {"man", Gender::Male}, {"hombre", Gender::Male}, {"masculino", Gender::Male}, {"maschile", Gender::Male},
        {"h", Gender::Male}, {"v", Gender::Male}, {"varon", Gender::Male},
        {"altro", Gender::Other}, {"other", Gender::Other}, {"otro", Gender::Other}, {"x", Gender::Other},
        {"non binario", Gender::Other}, {"non binary", Gender::Other}, {"no binario", Gender::Other},
        {"unknown", Gender::Unknown}, {"n d", Gender::Unknown}, {"nd", Gender::Unknown},
    };
    for (const auto& [k, v] : kMap)
        if (t == k) return v;
    return std::nullopt;
}

std::optional<bool> ParseFlagValue(std::string_view text) {
    std::string t = FoldForMatch(text);
    if (t.empty()) return false;
    static const char* kYes[] = {"si", "yes", "y", "s", "true", "vero", "verdadero", "1", "x", "annullato", "annullata",
                                 "cancellato", "cancelled", "canceled", "cancelado", "anulado", "reso"};
    static const char* kNo[] = {"no", "n", "false", "falso", "0"};
    for (const char* y : kYes)
        if (t == y) return true;
    for (const char* n : kNo)
        if (t == n) return false;
    return std::nullopt;
}

std::optional<int64_t> ParseWholeNumber(std::string_view text) {
    // Up to nine plain digits (a quantity, a count): read at once, as the general reading would.
    if (!text.empty() && text.size() <= 9) {
        int64_t n = 0;
        size_t i = 0;
        for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i) n = n * 10 + (text[i] - '0');
        if (i == text.size()) return n;
    }
    std::optional<double> d = ParseNumberCommaFirst(text);
    if (!d || std::floor(*d) != *d || std::fabs(*d) > 1e12) return std::nullopt;
    return static_cast<int64_t>(*d);
}

std::string CellText(std::string_view cell) { return std::string(CellTextView(cell)); }

bool LooksLikeEmail(std::string_view s) {
    size_t at = s.find('@');
    return at != std::string_view::npos && at > 0 && s.find('.', at) != std::string_view::npos && s.find(' ') == std::string_view::npos;
}

}  // namespace profila
