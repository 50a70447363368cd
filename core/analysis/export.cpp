#include "analysis/export.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>

#include <nlohmann/json.hpp>

namespace profila {

namespace {
// Writes value with `decimals` decimals (0..6) to dst, which has room for 32 characters, and
// returns the length; -1 when the value is too large for exact integer digits.
int WriteFixed(char* dst, double value, int decimals) {
    static constexpr double kScale[] = {1, 10, 100, 1000, 10000, 100000, 1000000};
    // Rounded half away from zero as std::round, and made an integer by adding 2^52 (its low bits
    // are then the integer): in wasm std::round is a call and a double-to-integer conversion a
    // guarded sequence.
    const double magnitude = std::abs(value) * kScale[decimals];
    if (!(magnitude < 0x1p52)) return -1;
    double scaled = std::floor(magnitude);
    if (magnitude - scaled >= 0.5) scaled += 1.0;  // exact: below 2^52 the fraction is exact
    const double shifted = scaled + 0x1p52;
    uint64_t v = 0;
    std::memcpy(&v, &shifted, sizeof v);
    v &= (uint64_t{1} << 52) - 1;
    int size = 0;
    if (value < 0 && v != 0) dst[size++] = '-';
    // The digits right-aligned in `digits`, two at a time from a table of the hundred pairs (one
    // division per two digits), in 32-bit arithmetic once the value fits (in wasm a 64-bit division
    // by 10 is a multiplication the machine has no instruction for).
    static constexpr char kPairs[] =
        "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
        "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
        "8081828384858687888990919293949596979899";
    // (At most 16 digits, below 2^52. Room before them and after: the copies below read 16 bytes.)
    char digits[48];
    char* const end = digits + 32;
    char* p = end;
    while (v > UINT32_MAX) {
        *--p = static_cast<char>('0' + v % 10);
        v /= 10;
    }
    uint32_t small = static_cast<uint32_t>(v);
    while (small >= 100) {
        const uint32_t rest = small % 100;
        small /= 100;
        p -= 2;
        std::memcpy(p, kPairs + 2 * rest, 2);
    }
    if (small >= 10) {
        p -= 2;
        std::memcpy(p, kPairs + 2 * small, 2);
    } else {
        *--p = static_cast<char>('0' + small);
    }
    while (end - p <= decimals) *--p = '0';  // a digit before the point at least
    // Fixed-size copies (a few moves, where a copy of the exact size is a call), the bytes past
    // the digits written over or left beyond the returned length: dst has room for 32.
    const int whole = static_cast<int>(end - p) - decimals;
    std::memcpy(dst + size, p, 16);
    size += whole;
    if (decimals > 0) {
        dst[size++] = '.';
        std::memcpy(dst + size, p + whole, 8);
        size += decimals;
    }
    return size;
}
}  // namespace

void AppendFixed(std::string& out, double value, int decimals) {
    if (!std::isfinite(value)) return;
    decimals = decimals < 0 ? 0 : decimals > 6 ? 6 : decimals;
    char buf[400];
    int size = WriteFixed(buf, value, decimals);
    if (size < 0) size = std::snprintf(buf, sizeof buf, "%.*f", decimals, value);  // beyond exact integers
    out.append(buf, static_cast<size_t>(size));
}

namespace {
// (A loop over the characters: find_first_of looks each one up in the set of four, in wasm a call each.)
bool NeedsCsvQuotes(const std::string& text) {
    bool needs = false;
    for (const char c : text) needs |= c == ',' || c == '"' || c == '\n' || c == '\r';
    return needs;
}

void AppendCsvField(std::string& out, const std::string& text) {
    if (!NeedsCsvQuotes(text)) {
        out += text;
        return;
    }
    out += '"';
    for (char c : text) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
}
}  // namespace

std::string ExportAnalysisCsv(const AnalysisResult& result, const Workspace& workspace) {
    std::string out;
    ExportAnalysisCsv(result, workspace, out);
    return out;
}

namespace {
// Rows are built in a fixed buffer, appended to the text some 16 KB at a time (appending char by
// char, or row by row, checks the string's capacity every time).
struct RowBuffer {
    explicit RowBuffer(std::string& out) : Out(out) {}
    ~RowBuffer() { Flush(); }
    static constexpr size_t kRoom = 16384;
    static constexpr size_t kRow = 512;  // the most a row's codes and numbers take (the id aside)
    std::string& Out;
    char Data[kRoom];
    size_t Size = 0;
    // A CSV field (quoted when it holds a comma, quote or line break).
    void Field(const std::string& text) {
        if (text.size() + 2 > kRoom - Size - kRow) {  // a long one goes straight to the text
            Flush();
            AppendCsvField(Out, text);
            return;
        }
        if (!NeedsCsvQuotes(text)) {
            std::memcpy(Data + Size, text.data(), text.size());
            Size += text.size();
            return;
        }
        Flush();
        AppendCsvField(Out, text);
    }
    // Room for the next row.
    void EndRow() {
        if (Size > kRoom - 2 * kRow - 64) Flush();
    }
    void Flush() {
        Out.append(Data, Size);
        Size = 0;
    }
};

// A customer's types (CustomerTypes::Mask) as the exports write them: their codes joined by ';'.
std::string TypesText(uint32_t mask) {
    std::string joined;
    for (int t = 0; t < kCustomerTypeCount; ++t)
        if ((mask >> t) & 1u) {
            if (!joined.empty()) joined += ';';
            joined += CustomerTypeCode(static_cast<CustomerType>(t));
        }
    return joined;
}

// A code the rows write (a status, a segment, a strategy, a set of types), padded to whole 16-byte
// pieces: written a piece at a time, not a character at a time (a row's buffer has room past its end).
struct PaddedCode {
    static constexpr int kRoom = 96;
    char Text[kRoom] = {};
    int Size = 0;
    explicit PaddedCode(std::string_view text = {}) {
        Size = static_cast<int>(std::min<size_t>(text.size(), kRoom - 16));
        std::memcpy(Text, text.data(), static_cast<size_t>(Size));
    }
    char* WriteAt(char* o) const {
        for (int k = 0; k < Size; k += 16) std::memcpy(o + k, Text + k, 16);
        return o + Size;
    }
};

// Every code a row can hold, made once per export.
struct RowCodes {
    PaddedCode Status[kStatusCount], Frequency[kFrequencyClassCount], Segment[kRfmSegmentCount], Strategy[kStrategyCount];
    PaddedCode Types[1 << kCustomerTypeCount];  // each set of types, joined by ';'
    RowCodes() {
        for (int k = 0; k < kStatusCount; ++k) Status[k] = PaddedCode(StatusCode(static_cast<RelationshipStatus>(k)));
        for (int k = 0; k < kFrequencyClassCount; ++k) Frequency[k] = PaddedCode(FrequencyCode(static_cast<FrequencyClass>(k)));
        for (int k = 0; k < kRfmSegmentCount; ++k) Segment[k] = PaddedCode(RfmSegmentCode(static_cast<RfmSegment>(k)));
        for (int k = 0; k < kStrategyCount; ++k) Strategy[k] = PaddedCode(StrategyCode(static_cast<profila::Strategy>(k)));
        for (uint32_t set = 0; set < (1u << kCustomerTypeCount); ++set) Types[set] = PaddedCode(TypesText(set));
    }
};
}  // namespace

void ExportAnalysisCsv(const AnalysisResult& result, const Workspace& workspace, std::string& out) {
    out.clear();
    out.reserve(result.Rows.size() * 120 + 200);
    out += "id,status,frequency_class,types,r,f,m,segment,margin,profitability_score,simple_ltv,expected_purchases,"
           "p_alive,clv,strategy\n";
    RowBuffer b{out};
    const RowCodes codes;
    for (size_t i = 0; i < result.Rows.size(); ++i) {
        const CustomerRow& row = result.Rows[i];
        const CustomerFacts& f = result.Facts[i];
        const bool bought = f.Occasions > 0;
        b.Field(workspace.Customers[i].Id);
        // The rest of the row: codes and numbers, at most ~250 characters, written through a local
        // cursor and committed at the end (a character stored through the buffer could be its own
        // Size, so writing through the member reloaded and stored Size at every character).
        char* o = b.Data + b.Size;
        const auto put = [&o](const char* text) {
            while (*text) *o++ = *text++;
        };
        const auto code = [&o](const PaddedCode& c) { o = c.WriteAt(o); };
        const auto fixed = [&](double value, int decimals) {
            if (!std::isfinite(value)) return;
            const int size = WriteFixed(o, value, decimals);
            if (size >= 0) {
                o += size;
                return;
            }
            b.Size = static_cast<size_t>(o - b.Data);  // beyond exact integers: snprintf, straight to the text
            b.Flush();
            AppendFixed(b.Out, value, decimals);
            o = b.Data;
        };
        *o++ = ',';
        code(codes.Status[static_cast<int>(row.Status)]);
        *o++ = ',';
        code(codes.Frequency[static_cast<int>(row.Frequency)]);
        *o++ = ',';
        code(codes.Types[row.Types & ((1u << kCustomerTypeCount) - 1)]);
        *o++ = ',';
        if (bought) {
            *o++ = static_cast<char>('0' + row.Rfm.R);
            *o++ = ',';
            *o++ = static_cast<char>('0' + row.Rfm.F);
            *o++ = ',';
            *o++ = static_cast<char>('0' + row.Rfm.M);
            *o++ = ',';
        } else {
            put(",,,");
        }
        code(codes.Segment[static_cast<int>(row.Rfm.Segment)]);
        *o++ = ',';
        if (bought) fixed(f.Margin, 2);
        *o++ = ',';
        if (row.ProfitHasData) fixed(row.ProfitScore, 0);
        *o++ = ',';
        if (bought) fixed(row.SimpleLtv, 2);
        *o++ = ',';
        if (row.ExpectedPurchases != kNotAvailable) fixed(row.ExpectedPurchases, 2);
        *o++ = ',';
        if (row.PAlive != kNotAvailable) fixed(row.PAlive, 4);
        *o++ = ',';
        if (row.Clv != kNotAvailable) fixed(row.Clv, 2);
        *o++ = ',';
        code(codes.Strategy[static_cast<int>(row.Suggested)]);
        *o++ = '\n';
        b.Size = static_cast<size_t>(o - b.Data);
        b.EndRow();
    }
}

namespace {
WorkbookCell SheetText(std::string text) {
    WorkbookCell cell;
    if (!text.empty()) {
        cell.Type = CellType::Text;
        cell.Text = std::move(text);
    }
    return cell;
}
WorkbookCell SheetNumber(double v, int decimals) {
    WorkbookCell cell;
    if (!std::isfinite(v)) return cell;
    const double scale = std::pow(10.0, decimals);
    cell.Type = CellType::Number;
    cell.Number = std::round(v * scale) / scale;
    return cell;
}
}  // namespace

std::vector<std::vector<WorkbookCell>> ExportAnalysisSheet(const AnalysisResult& result, const Workspace& workspace) {
    std::vector<std::vector<WorkbookCell>> rows;
    rows.reserve(result.Rows.size() + 1);
    std::vector<WorkbookCell> header;
    for (const char* name : {"id", "status", "frequency_class", "types", "r", "f", "m", "segment", "margin", "profitability_score",
                             "simple_ltv", "expected_purchases", "p_alive", "clv", "strategy"})
        header.push_back(SheetText(name));
    rows.push_back(std::move(header));
    for (size_t i = 0; i < result.Rows.size(); ++i) {
        const CustomerRow& row = result.Rows[i];
        const CustomerFacts& f = result.Facts[i];
        const bool bought = f.Occasions > 0;
        std::vector<WorkbookCell> cells;
        cells.reserve(15);
        cells.push_back(SheetText(workspace.Customers[i].Id));
        cells.push_back(SheetText(StatusCode(row.Status)));
        cells.push_back(SheetText(FrequencyCode(row.Frequency)));
        cells.push_back(SheetText(TypesText(row.Types)));
        cells.push_back(bought ? SheetNumber(row.Rfm.R, 0) : WorkbookCell());
        cells.push_back(bought ? SheetNumber(row.Rfm.F, 0) : WorkbookCell());
        cells.push_back(bought ? SheetNumber(row.Rfm.M, 0) : WorkbookCell());
        cells.push_back(SheetText(RfmSegmentCode(row.Rfm.Segment)));
        cells.push_back(bought ? SheetNumber(f.Margin, 2) : WorkbookCell());
        cells.push_back(row.ProfitHasData ? SheetNumber(row.ProfitScore, 0) : WorkbookCell());
        cells.push_back(bought ? SheetNumber(row.SimpleLtv, 2) : WorkbookCell());
        cells.push_back(row.ExpectedPurchases != kNotAvailable ? SheetNumber(row.ExpectedPurchases, 2) : WorkbookCell());
        cells.push_back(row.PAlive != kNotAvailable ? SheetNumber(row.PAlive, 4) : WorkbookCell());
        cells.push_back(row.Clv != kNotAvailable ? SheetNumber(row.Clv, 2) : WorkbookCell());
        cells.push_back(SheetText(StrategyCode(row.Suggested)));
        rows.push_back(std::move(cells));
    }
    return rows;
}

namespace {
// A standard error that could not be computed is written as null.
nlohmann::json Finite(double v) { return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr); }

const char* const kParamNames[] = {"r", "alpha", "a", "b", "p", "q", "gamma"};

// Each caveat as its code, the parameter it is about and its figures.
nlohmann::json CaveatsJson(const std::vector<Reason>& caveats) {
    nlohmann::json out = nlohmann::json::array();
    for (const Reason& c : caveats) {
        nlohmann::json one;
        one["code"] = c.Code;
        const std::string code = c.Code;
        if ((code == "caveat.se" || code == "caveat.bound") && c.FigureCount > 0) {
            one["parameter"] = kParamNames[std::clamp(static_cast<int>(c.Figures[0]), 0, 6)];
            if (code == "caveat.se") {
                one["relative_se"] = c.Figures[1];
                one["limit"] = c.Figures[2];
            } else {
                one["value"] = c.Figures[1];
            }
        } else if (c.FigureCount > 0) {
            one["value"] = c.Figures[0];
        }
        out.push_back(one);
    }
    return out;
}
}  // namespace

std::string ExportModelJson(const AnalysisResult& r) {
    using nlohmann::json;
    const auto& s = r.Settings;
    json j;
    j["analysis_date"] = FormatIsoDate(s.AsOf);
    j["time_unit"] = s.TimeUnitDays == 7.0 ? "weeks" : s.TimeUnitDays == 1.0 ? "days" : "custom";
    j["time_unit_days"] = s.TimeUnitDays;
    j["horizon_months"] = s.HorizonMonths;
    j["horizon_time_units"] = s.HorizonMonths * r.MonthInUnits;
    j["annual_discount_rate"] = s.AnnualDiscountRate;
    j["customers"] = r.Base.Customers;
    j["buyers"] = r.Base.Buyers;
    const BgNbdFit& bg = r.Purchases;
    json b;
    b["status"] = FitStatusCode(bg.Status);
    b["customers"] = bg.Customers;
    b["repeat_buyers"] = bg.RepeatBuyers;
    if (bg.HasEstimates()) {
        b["r"] = bg.Params.R;
        b["alpha"] = bg.Params.Alpha;
        b["a"] = bg.Params.A;
        b["b"] = bg.Params.B;
        b["se"] = {{"r", Finite(bg.Se.R)}, {"alpha", Finite(bg.Se.Alpha)}, {"a", Finite(bg.Se.A)}, {"b", Finite(bg.Se.B)}};
        b["se_method"] = "observed information: inverse Hessian of the negative log-likelihood at the optimum";
        b["log_likelihood"] = bg.LogLikelihood;
        b["fit_customers"] = bg.FitCustomers;
        b["iterations"] = bg.Iterations;
        b["at_bound"] = bg.AtBound;
        b["caveats"] = CaveatsJson(bg.Caveats);
    }
    j["bgnbd"] = b;
    const GammaGammaFit& gg = r.Spend;
    json g;
    g["status"] = FitStatusCode(gg.Status);
    g["customers"] = gg.Customers;
    g["definition"] = s.SpendKeepsFirstPurchase
                          ? "every occasion: n = purchase occasions, m = mean spend of all occasions (first purchase kept)"
                          : "as published (Fader, Hardie & Lee 2005): repeat buyers, x = repeat occasions, m = mean spend of "
                            "the repeat occasions; one-time buyers get the population mean p gamma / (q - 1)";
    g["formula"] = s.SpendKeepsFirstPurchase ? "E[M | n, m] = p (gamma + n m) / (p n + q - 1)"
                                             : "E[M | x, m] = p (gamma + x m) / (p x + q - 1); x = 0: p gamma / (q - 1)";
    if (gg.Status == FitStatus::Fitted || gg.Status == FitStatus::NoConvergence || gg.Status == FitStatus::Unreliable) {
        if (gg.FitCustomers > 0) {
            g["p"] = gg.Params.P;
            g["q"] = gg.Params.Q;
            g["gamma"] = gg.Params.Gamma;
            g["se"] = {{"p", Finite(gg.Se.P)}, {"q", Finite(gg.Se.Q)}, {"gamma", Finite(gg.Se.Gamma)}};
            g["log_likelihood"] = gg.LogLikelihood;
            g["fit_customers"] = gg.FitCustomers;
            g["at_bound"] = gg.AtBound;
        }
        g["caveats"] = CaveatsJson(gg.Caveats);
        if (gg.Ok()) g["population_mean_spend"] = gg.PopulationMean();
    }
    g["clv_spend"] = gg.Ok() ? "gamma_gamma" : "own_average_ticket";
    j["gamma_gamma"] = g;
    j["clv_source"] = bg.Ok() ? "bgnbd" : "simple_ltv";
    const HoldoutCheck& h = r.Holdout;
    if (h.Available) {
        json ho;
        ho["from"] = FormatIsoDate(s.AsOf);
        ho["to"] = FormatIsoDate(h.End);
        ho["length_time_units"] = h.Length;
        ho["customers"] = h.Total.Customers;
        ho["actual_repeat_purchases"] = h.Total.Actual;
        ho["expected_repeat_purchases"] = h.Total.Expected;
        json rows = json::array();
        for (int k = 0; k < kHoldoutBuckets; ++k) {
            const HoldoutBucket& bk = h.ByRepeat[k];
            rows.push_back({{"calibration_repeat_purchases", k == kHoldoutBuckets - 1 ? std::to_string(k) + "+" : std::to_string(k)},
                            {"customers", bk.Customers},
                            {"actual_mean", bk.Customers ? bk.Actual / bk.Customers : 0.0},
                            {"expected_mean", bk.Customers ? bk.Expected / bk.Customers : 0.0}});
        }
        ho["by_calibration_repeat_purchases"] = rows;
        j["holdout"] = ho;
    }
    json st;
    st["active_window_days"] = s.ActiveWindowDays;
    st["active_min_occasions"] = s.ActiveMinOccasions;
    st["frequency_window_days"] = s.FrequencyWindowDays;
    st["habitual_min_occasions"] = s.HabitualMinOccasions;
    st["occasional_min_occasions"] = s.OccasionalMinOccasions;
    st["default_margin_rate"] = s.DefaultMarginRate;
    st["rfm_method"] = r.Rfm.Method == RfmMethod::Quintiles ? "quintiles" : "fixed_thresholds";
    st["rfm_quintile_min_customers"] = s.RfmQuintileMinCustomers;
    st["ltv_months"] = r.LtvMonths;
    st["min_repeat_buyers"] = s.MinRepeatBuyers;
    st["max_relative_se"] = s.MaxRelativeSe;
    st["spend_keeps_first_purchase"] = s.SpendKeepsFirstPurchase;
    j["settings"] = st;
    json c;
    c["top20_share"] = r.Concentration.Top20Share;
    c["top1_share"] = r.Concentration.Top1Share;
    c["top5_share"] = r.Concentration.Top5Share;
    c["herfindahl"] = r.Concentration.Herfindahl;
    c["warnings"] = json::array();
    for (const Reason& w : r.Concentration.Warnings) c["warnings"].push_back(w.Code);
    j["concentration"] = c;
    return j.dump(2);
}

}  // namespace profila
