// The example shop: "Bottega Sapori" style delicatessen and wine shop that sells to families,
// restaurants and offices, with customers from Italy and Spain. Each customer gets an archetype
// that drives its history; the analyses should find the archetypes back from the data alone.
#include "model/example_shop.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace profila {

namespace {
// splitmix64: tiny, good enough for example data, identical on every platform.
struct Rng {
    uint64_t State;
    uint64_t Next() {
        uint64_t z = (State += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    double Unit() { return static_cast<double>(Next() >> 11) * (1.0 / 9007199254740992.0); }  // [0,1)
    double Range(double lo, double hi) { return lo + (hi - lo) * Unit(); }
    int Int(int lo, int hi) { return lo + static_cast<int>(Next() % static_cast<uint64_t>(hi - lo + 1)); }  // [lo,hi]
    bool Chance(double p) { return Unit() < p; }
    template <typename T, size_t N>
    const T& Pick(const T (&a)[N]) { return a[Next() % N]; }
};

double Cents(double v) { return std::round(v * 100.0) / 100.0; }

struct Place {
    const char* City;
    const char* Postcode;
    const char* Region;
    const char* Country;
    const char* PlaceType;
};
constexpr Place kItalianPlaces[] = {
    {"Roma", "00184", "RM", "Italia", "city centre"},        {"Viterbo", "01100", "VT", "Italia", "town"},
    {"Bagnoregio", "01022", "VT", "Italia", "village"},      {"Orvieto", "05018", "TR", "Italia", "town"},
    {"Perugia", "06121", "PG", "Italia", "city centre"},     {"Todi", "06059", "PG", "Italia", "village"},
    {"Firenze", "50122", "FI", "Italia", "city centre"},     {"Montepulciano", "53045", "SI", "Italia", "village"},
    {"Bologna", "40121", "BO", "Italia", "city centre"},     {"Varese", "21100", "VA", "Italia", "town"},
    {"Castelnuovo di Farfa", "02031", "RI", "Italia", "countryside"}, {"Spoleto", "06049", "PG", "Italia", "town"},
};
constexpr Place kSpanishPlaces[] = {
    {"Barcelona", "08001", "Barcelona", "España", "city centre"}, {"Girona", "17001", "Girona", "España", "town"},
    {"Valencia", "46001", "Valencia", "España", "city centre"},   {"Teruel", "44001", "Teruel", "España", "town"},
    {"Albarracín", "44100", "Teruel", "España", "village"},       {"Huesca", "22001", "Huesca", "España", "town"},
    {"Jaca", "22700", "Huesca", "España", "village"},             {"Zaragoza", "50001", "Zaragoza", "España", "city centre"},
};
constexpr const char* kItalianFemale[] = {"Giulia", "Francesca", "Chiara", "Sara", "Martina", "Elena", "Anna", "Laura",
                                          "Valentina", "Alessia", "Paola", "Rita", "Lucia", "Marta", "Silvia"};
constexpr const char* kItalianMale[] = {"Marco", "Luca", "Giuseppe", "Andrea", "Francesco", "Alessandro", "Matteo",
                                        "Davide", "Stefano", "Paolo", "Roberto", "Antonio", "Fabio", "Enrico", "Simone"};
constexpr const char* kItalianSurnames[] = {"Rossi", "Bianchi", "Romano", "Colombo", "Ricci", "Marino", "Greco", "Bruno",
                                            "Gallo", "Conti", "De Luca", "Mancini", "Costa", "Giordano", "Rizzo",
                                            "Lombardi", "Moretti", "Barbieri", "Fontana", "Santoro", "Mariani", "Rinaldi"};
constexpr const char* kSpanishFemale[] = {"María", "Lucía", "Carmen", "Laura", "Marta", "Ana", "Elena", "Paula",
                                          "Cristina", "Nuria", "Pilar", "Rocío"};
constexpr const char* kSpanishMale[] = {"Javier", "Carlos", "José", "Manuel", "David", "Pablo", "Sergio", "Jorge",
                                        "Álvaro", "Raúl", "Jordi", "Íñigo"};
constexpr const char* kSpanishSurnames[] = {"García", "Martínez", "López", "Sánchez", "Pérez", "Gómez", "Martín",
                                            "Jiménez", "Ruiz", "Hernández", "Díaz", "Moreno", "Muñoz", "Álvarez",
                                            "Romero", "Navarro", "Torres", "Puig"};
constexpr const char* kItalianCompanies[] = {"Trattoria da Nello", "Osteria del Borgo", "Studio Tecnico Ferri", "Agriturismo Il Poggio",
                                             "Bar Centrale", "Hotel Belvedere", "Ristorante La Pergola", "Palestra Energia",
                                             "B&B La Rocca", "Cantina Sociale Colli", "Farmacia San Marco", "Catering Allegro"};
constexpr const char* kSpanishCompanies[] = {"Restaurante El Olivo", "Bar La Plaza", "Hostal Sierra", "Gestoría Puig",
                                             "Casa Rural El Molino", "Taberna Los Arcos", "Hotel Mirador", "Club Deportivo Norte"};
constexpr const char* kSectors[] = {"ristorazione", "ospitalità", "uffici", "sport", "commercio", "servizi"};
constexpr const char* kCategories[] = {"vini", "olio", "formaggi", "salumi", "conserve", "pasta", "dolci", "cesti regalo"};
constexpr const char* kOccupations[] = {"insegnante", "impiegata", "artigiano", "medico", "pensionato", "studente",
                                        "commerciante", "infermiera", "ingegnere", "agricoltore", "enfermera", "autónomo"};
constexpr const char* kInterests[] = {"cucina", "vino", "trekking", "viaggi", "musica", "giardinaggio", "ciclismo", "lettura"};
constexpr const char* kLifestyles[] = {"famiglia con bambini", "single in città", "pensionati attivi", "coppia giovane"};
constexpr const char* kEducation[] = {"scuola media", "diploma", "laurea"};
constexpr const char* kIncome[] = {"bassa", "media", "medio-alta", "alta"};
constexpr const char* kFamily[] = {"single", "coppia", "famiglia con figli", "vedovo/a"};
constexpr const char* kChannels[] = {"negozio", "telefono", "online", "fiera"};
constexpr const char* kPayments[] = {"contanti", "carta", "bonifico"};
constexpr const char* kComplaintReasons[] = {"prodotto danneggiato", "consegna in ritardo", "prezzo diverso dal preventivo",
                                             "scortesia al banco", "articolo mancante"};
constexpr const char* kRequestTopics[] = {"preventivo cesti natalizi", "informazioni su vini", "disponibilità prodotto",
                                          "prezzi all'ingrosso", "degustazione", "orari di apertura"};

struct Archetype {
    const char* Key;
    int Percent;
};
constexpr Archetype kArchetypes[] = {
    {"habitual", 14}, {"occasional", 12}, {"sporadic", 8}, {"inactive", 10}, {"potential", 6}, {"probable", 6},
    {"discount", 6},  {"impulsive", 5},   {"need", 5},     {"wanderer", 5},  {"high_volume", 4}, {"big_unprofitable", 3},
    {"late_payer", 4}, {"canceller", 3},  {"complainer", 4}, {"business", 5}};

class Generator {
public:
    Generator(const ExampleShopOptions& o) : opt_(o), rng_{o.Seed}, as_of_(o.AsOf.Days ? o.AsOf : DateFromYmd(2025, 12, 31)) {}

    ExampleShop Run() {
        ExampleShop shop;
        shop.Shop.Id = opt_.WorkspaceId;
        shop.Shop.Name = opt_.WorkspaceName;
        const int n = std::max(opt_.Customers, 1);
        // Archetype counts proportional to the percentages, each at least once, rest habitual.
        std::vector<std::string> list;
        for (const Archetype& a : kArchetypes) {
            int k = std::max(1, n * a.Percent / 100);
            for (int i = 0; i < k; ++i) list.push_back(a.Key);
        }
        while (static_cast<int>(list.size()) < n) list.push_back("habitual");
        // Deterministic shuffle (Fisher-Yates with our generator), then trim to n.
        for (size_t i = list.size(); i > 1; --i) std::swap(list[i - 1], list[rng_.Next() % i]);
        // Keep every archetype when trimming: drop surplus habituals first.
        while (static_cast<int>(list.size()) > n) {
            auto it = std::find(list.begin(), list.end(), "habitual");
            if (it == list.end()) it = list.end() - 1;
            list.erase(it);
        }
        for (int i = 0; i < n; ++i) {
            shop.Shop.Customers.push_back(MakeCustomer(i, list[static_cast<size_t>(i)]));
            shop.Archetypes.push_back(list[static_cast<size_t>(i)]);
        }
        return shop;
    }

private:
    const ExampleShopOptions& opt_;
    Rng rng_;
    Date as_of_;

    Date DaysAgo(int d) { return Date{as_of_.Days - d}; }

    void Identity(Customer& c, bool business) {
        const bool spanish = rng_.Chance(0.3);
        const Place& place = spanish ? rng_.Pick(kSpanishPlaces) : rng_.Pick(kItalianPlaces);
        const bool female = rng_.Chance(0.5);
        std::string first = spanish ? (female ? rng_.Pick(kSpanishFemale) : rng_.Pick(kSpanishMale))
                                    : (female ? rng_.Pick(kItalianFemale) : rng_.Pick(kItalianMale));
        std::string last = spanish ? std::string(rng_.Pick(kSpanishSurnames)) + " " + rng_.Pick(kSpanishSurnames)
                                   : rng_.Pick(kItalianSurnames);
        c.Name = first + " " + last;
        c.City = place.City;
        c.Country = place.Country;
        if (rng_.Chance(0.8)) c.Postcode = place.Postcode;
        if (rng_.Chance(0.7)) c.Region = place.Region;
        if (rng_.Chance(0.5)) c.PlaceType = place.PlaceType;
        if (rng_.Chance(0.6)) {
            char buf[64];
            std::snprintf(buf, sizeof buf, spanish ? "Calle Mayor %d" : "Via Roma %d", rng_.Int(1, 120));
            c.Address = buf;
        }
        if (rng_.Chance(0.85)) {
            char buf[32];
            if (spanish) std::snprintf(buf, sizeof buf, "+34 6%02d %03d %03d", rng_.Int(0, 99), rng_.Int(0, 999), rng_.Int(0, 999));
            else if (rng_.Chance(0.3)) std::snprintf(buf, sizeof buf, "0%d %06d", rng_.Int(500, 799), rng_.Int(0, 999999));  // landline, leading zero
            else std::snprintf(buf, sizeof buf, "3%02d %07d", rng_.Int(20, 99), rng_.Int(0, 9999999));
            c.Phone = buf;
        }
        if (rng_.Chance(0.7)) {
            std::string user;
            for (char ch : first + "." + last)
                if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch == '.') user.push_back(static_cast<char>(ch | 0x20));
            c.Email = user + std::to_string(c.Id.size() + static_cast<size_t>(rng_.Int(1, 99))) + (spanish ? "@correo.es" : "@posta.it");
        }
        if (business) {
            c.Kind = rng_.Chance(0.8) ? CustomerKind::Business : CustomerKind::Professional;
            c.Company = spanish ? rng_.Pick(kSpanishCompanies) : rng_.Pick(kItalianCompanies);
            c.Contacts.push_back({c.Name, rng_.Chance(0.5) ? "titolare" : "responsabile acquisti", c.Phone, c.Email, /*Id=*/{}});
            BusinessProfile& b = *c.Business;
            b.Sector = rng_.Pick(kSectors);
            if (rng_.Chance(0.7)) b.Employees = rng_.Int(1, 40);
            if (b.Employees) b.SizeBand = *b.Employees < 10 ? "micro" : "small";
            if (rng_.Chance(0.5)) b.ActivityType = b.Sector;
            if (rng_.Chance(0.4)) b.TurnoverBand = rng_.Chance(0.5) ? "< 500k" : "500k-2M";
            if (rng_.Chance(0.5)) b.Clientele = rng_.Chance(0.5) ? "turisti" : "residenti";
            if (rng_.Chance(0.5)) b.OperatingArea = "provincia";
        } else {
            c.Kind = CustomerKind::Private;
            Demographics& d = *c.People;
            if (rng_.Chance(0.6)) d.BirthYear = YmdFromDate(as_of_).Year - rng_.Int(19, 82);
            if (rng_.Chance(0.8)) d.Sex = female ? Gender::Female : Gender::Male;
            if (rng_.Chance(0.5)) d.Occupation = rng_.Pick(kOccupations);
            if (rng_.Chance(0.3)) d.Education = rng_.Pick(kEducation);
            if (rng_.Chance(0.3)) d.IncomeBand = rng_.Pick(kIncome);
            if (rng_.Chance(0.4)) d.FamilyStatus = rng_.Pick(kFamily);
        }
        if (rng_.Chance(0.35)) c.Mind->Interests = rng_.Pick(kInterests);
        if (rng_.Chance(0.25)) c.Mind->Lifestyle = rng_.Pick(kLifestyles);
        if (rng_.Chance(0.3)) c.Mind->Media = {rng_.Chance(0.5) ? "social" : "giornale locale"};
        if (rng_.Chance(0.3)) c.Habits->PreferredTimes = rng_.Chance(0.5) ? "sabato mattina" : "dopo le 18";
        if (rng_.Chance(0.25)) c.Habits->Needs = "prodotti locali di qualità";
        if (rng_.Chance(0.2)) c.Habits->Motives = rng_.Chance(0.5) ? "regali" : "cene con amici";
    }

    // Purchases at roughly `gap` days apart (jittered) from first_ago to last_ago days before as_of.
    void Purchases(Customer& c, int first_ago, int last_ago, double gap, double lo, double hi, double margin_rate) {
        int day = first_ago;
        while (day >= last_ago) {
            AddPurchase(c, day, Cents(rng_.Range(lo, hi)), margin_rate);
            day -= std::max(1, static_cast<int>(gap * rng_.Range(0.6, 1.4)));
        }
    }
    Purchase& AddPurchase(Customer& c, int days_ago, double amount, double margin_rate) {
        Purchase p;
        char buf[48];
        std::snprintf(buf, sizeof buf, "%s-p%03zu", c.Id.c_str(), c.Purchases.size() + 1);
        p.Id = buf;
        p.When = DaysAgo(std::max(0, days_ago));
        p.Amount = amount;
        p.Margin = Cents(amount * margin_rate);
        p.Cost = Cents(amount - *p.Margin);
        p.Category = rng_.Pick(kCategories);
        p.Channel = rng_.Chance(0.75) ? "negozio" : rng_.Pick(kChannels);
        p.PaymentMethod = rng_.Pick(kPayments);
        c.Purchases.push_back(p);
        return c.Purchases.back();
    }
    void Scores(Customer& c, int lo, int hi, int count) {
        for (int i = 0; i < count; ++i) c.Satisfaction.push_back({DaysAgo(rng_.Int(5, 600)), rng_.Int(lo, hi), "overall", /*Id=*/{}});
    }

    Customer MakeCustomer(int index, const std::string& a) {
        Customer c;
        char id[16];
        std::snprintf(id, sizeof id, "ex-%03d", index + 1);
        c.Id = id;
        c.Revision = 1;
        const bool business = a == "business" || a == "high_volume" || a == "big_unprofitable" || (a == "late_payer" && rng_.Chance(0.5));
        Identity(c, business);
        if (a == "habitual") {
            Purchases(c, rng_.Int(600, 720), rng_.Int(0, 25), rng_.Range(18, 35), 25, 110, rng_.Range(0.3, 0.42));
            Scores(c, 4, 5, rng_.Int(1, 3));
            c.Habits->Channels = {"negozio"};
        } else if (a == "occasional") {
            Purchases(c, rng_.Int(500, 700), rng_.Int(10, 110), rng_.Range(90, 140), 30, 140, rng_.Range(0.28, 0.4));
            if (rng_.Chance(0.5)) Scores(c, 3, 5, 1);
        } else if (a == "sporadic") {
            int k = rng_.Int(1, 3);
            for (int i = 0; i < k; ++i) AddPurchase(c, rng_.Int(30, 360), Cents(rng_.Range(20, 90)), 0.33);
        } else if (a == "inactive") {
            Purchases(c, rng_.Int(650, 725), rng_.Int(400, 560), rng_.Range(40, 90), 20, 100, 0.33);
            if (rng_.Chance(0.4)) c.Complaints.push_back({DaysAgo(rng_.Int(420, 600)), rng_.Pick(kComplaintReasons), false, /*Id=*/{}});
        } else if (a == "potential") {
            c.ShowedInterest = true;
            c.InterestDate = DaysAgo(rng_.Int(3, 90));
            c.Requests.push_back({*c.InterestDate, rng_.Pick(kRequestTopics), false, true, "", /*Id=*/{}});
            c.Proposals.push_back({*c.InterestDate, "preventivo su misura", Date{c.InterestDate->Days + 14},
                                   rng_.Chance(0.5) ? ProposalStatus::Made : ProposalStatus::Planned, /*Id=*/{}});
        } else if (a == "probable") {
            c.Tags.push_back("lista eventi");
            c.Notes = "conosciuto alla fiera del paese";
        } else if (a == "discount") {
            Purchases(c, rng_.Int(500, 700), rng_.Int(5, 90), rng_.Range(45, 80), 25, 90, 0.12);
            for (Purchase& p : c.Purchases) p.DiscountPercent = rng_.Chance(0.85) ? rng_.Int(15, 40) : 0;
        } else if (a == "impulsive") {
            // Bursts of small, varied purchases.
            int bursts = rng_.Int(3, 6);
            for (int b = 0; b < bursts; ++b) {
                int start = rng_.Int(5, 700);
                int k = rng_.Int(2, 5);
                for (int i = 0; i < k; ++i) AddPurchase(c, start - rng_.Int(0, 6), Cents(rng_.Range(4, 28)), 0.45).Product = "assaggio";
            }
            c.Habits->Motives = "voglia del momento";
        } else if (a == "need") {
            const char* category = rng_.Pick(kCategories);
            int day = rng_.Int(640, 720);
            while (day >= 0) {
                AddPurchase(c, day, Cents(rng_.Range(70, 95)), 0.3).Category = category;
                day -= rng_.Int(170, 190);
            }
            c.Habits->Needs = std::string("scorta di ") + category;
        } else if (a == "wanderer") {
            int k = rng_.Int(8, 15);
            for (int i = 0; i < k; ++i) c.Requests.push_back({DaysAgo(rng_.Int(1, 700)), rng_.Pick(kRequestTopics), false, true, "", /*Id=*/{}});
            if (rng_.Chance(0.6)) AddPurchase(c, rng_.Int(30, 500), Cents(rng_.Range(8, 25)), 0.3);
        } else if (a == "high_volume") {
            Purchases(c, rng_.Int(650, 720), rng_.Int(0, 20), rng_.Range(12, 20), 400, 1800, rng_.Range(0.22, 0.32));
            for (Purchase& p : c.Purchases) p.Quantity = rng_.Int(10, 60);
            c.Judgement->Benchmark = rng_.Chance(0.5);
        } else if (a == "big_unprofitable") {
            Purchases(c, rng_.Int(650, 720), rng_.Int(0, 30), rng_.Range(20, 35), 900, 2500, rng_.Range(-0.06, 0.04));
            for (Purchase& p : c.Purchases) {
                p.DiscountPercent = rng_.Int(20, 35);
                p.Changed = rng_.Chance(0.3);
                p.Cancelled = rng_.Chance(0.12);
                p.DaysPaidLate = rng_.Chance(0.4) ? rng_.Int(15, 60) : 0;
            }
            int k = rng_.Int(5, 10);
            for (int i = 0; i < k; ++i)
                c.Requests.push_back({DaysAgo(rng_.Int(1, 700)), "assistenza consegna", true, rng_.Chance(0.7), "", /*Id=*/{}});
        } else if (a == "late_payer") {
            Purchases(c, rng_.Int(500, 700), rng_.Int(5, 60), rng_.Range(30, 60), 60, 400, 0.3);
            for (Purchase& p : c.Purchases) {
                p.PaymentMethod = "bonifico";
                p.DaysPaidLate = rng_.Chance(0.8) ? rng_.Int(25, 120) : 0;
            }
        } else if (a == "canceller") {
            Purchases(c, rng_.Int(500, 700), rng_.Int(5, 60), rng_.Range(35, 60), 40, 200, 0.3);
            for (Purchase& p : c.Purchases) {
                p.Cancelled = rng_.Chance(0.35);
                p.Changed = !p.Cancelled && rng_.Chance(0.3);
            }
        } else if (a == "complainer") {
            Purchases(c, rng_.Int(500, 700), rng_.Int(5, 60), rng_.Range(40, 70), 30, 120, 0.3);
            int k = rng_.Int(2, 4);
            for (int i = 0; i < k; ++i) c.Complaints.push_back({DaysAgo(rng_.Int(5, 500)), rng_.Pick(kComplaintReasons), rng_.Chance(0.5), /*Id=*/{}});
            Scores(c, 1, 2, rng_.Int(1, 3));
            c.Habits->Problems = "si lamenta dei tempi di consegna";
        } else {  // business
            Purchases(c, rng_.Int(600, 720), rng_.Int(0, 40), rng_.Range(25, 45), 150, 700, rng_.Range(0.25, 0.35));
            for (Purchase& p : c.Purchases) p.PaymentMethod = "bonifico";
            Scores(c, 3, 5, 1);
            c.Judgement->DoorOpener = rng_.Chance(0.3);
            c.Judgement->Inspiring = rng_.Chance(0.3);
        }
        std::sort(c.Purchases.begin(), c.Purchases.end(), [](const Purchase& x, const Purchase& y) { return x.When < y.When; });
        for (size_t i = 0; i < c.Purchases.size(); ++i) {  // ids in date order
            char buf[48];
            std::snprintf(buf, sizeof buf, "%s-p%03zu", c.Id.c_str(), i + 1);
            c.Purchases[i].Id = buf;
        }
        if (!c.Purchases.empty()) c.Acquired = Date{c.Purchases.front().When.Days - rng_.Int(0, 20)};
        // Communications: a newsletter and promotions for about half, with responses.
        if (rng_.Chance(0.5)) {
            static constexpr CommunicationResponse kResponses[] = {CommunicationResponse::None, CommunicationResponse::Opened,
                                                                   CommunicationResponse::Replied, CommunicationResponse::Bought};
            int k = rng_.Int(1, 3);
            for (int i = 0; i < k; ++i)
                c.Communications.push_back({DaysAgo(rng_.Int(10, 500)), rng_.Chance(0.5) ? "e-mail" : "whatsapp",
                                            rng_.Chance(0.5) ? "offerta di stagione" : "novità in bottega", true, false,
                                            rng_.Pick(kResponses), /*Id=*/{}});
            if (rng_.Chance(0.3))
                c.Communications.push_back({Date{as_of_.Days + 15}, "e-mail", "invito alla degustazione", true, true,
                                            CommunicationResponse::None, /*Id=*/{}});
        }
        if (rng_.Chance(0.2)) c.Judgement->Potential = rng_.Chance(0.5) ? "in crescita" : "stabile";
        if (rng_.Chance(0.15)) c.Judgement->Orient = rng_.Chance(0.5) ? Orientation::Value : Orientation::Cost;
        if (rng_.Chance(0.2)) c.Tags.push_back(rng_.Chance(0.5) ? "newsletter" : "vip");
        std::sort(c.Satisfaction.begin(), c.Satisfaction.end(), [](const SatisfactionScore& x, const SatisfactionScore& y) { return x.When < y.When; });
        std::sort(c.Requests.begin(), c.Requests.end(), [](const ServiceRequest& x, const ServiceRequest& y) { return x.When < y.When; });
        std::sort(c.Complaints.begin(), c.Complaints.end(), [](const Complaint& x, const Complaint& y) { return x.When < y.When; });
        return c;
    }
};
}  // namespace

ExampleShop GenerateExampleShop(const ExampleShopOptions& options) { return Generator(options).Run(); }

}  // namespace profila
