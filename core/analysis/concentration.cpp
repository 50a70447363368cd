#include "analysis/concentration.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <unordered_map>

namespace profila {

const char* AbcCode(AbcClass c) {
    switch (c) {
        case AbcClass::A: return "A";
        case AbcClass::B: return "B";
        case AbcClass::C: return "C";
        case AbcClass::None: return "";
    }
    return "";
}

ConcentrationResult AnalyzeConcentration(const std::vector<double>& margins, const std::vector<char>& buyer,
                                         const std::vector<std::string_view>& group, const AnalysisSettings& s) {
    ConcentrationResult r;
    ConcentrationScratch scratch;
    AnalyzeConcentration(margins, buyer, group, s, r, scratch);
    return r;
}

void AnalyzeConcentration(const std::vector<double>& margins, const std::vector<char>& buyer,
                          const std::vector<std::string_view>& group, const AnalysisSettings& s, ConcentrationResult& r,
                          ConcentrationScratch& scratch) {
    for (int step = 0; step < kConcentrationSteps; ++step) AnalyzeConcentrationStep(step, margins, buyer, group, s, r, scratch);
}

void AnalyzeConcentrationStep(int step, const std::vector<double>& margins, const std::vector<char>& buyer,
                              const std::vector<std::string_view>& group, const AnalysisSettings& s, ConcentrationResult& r,
                              ConcentrationScratch& scratch) {
    auto& who = scratch.Who;
    auto& order = scratch.Order;
    if (step == 0) {
        std::vector<AbcClass> classes = std::move(r.Classes);  // keeps its memory between runs
        r = ConcentrationResult{};
        r.Classes = std::move(classes);
        scratch.Finished = false;
        const size_t n = margins.size();
        r.Classes.assign(n, AbcClass::None);
        auto& values = scratch.Values;
        who.clear();
        values.clear();
        for (size_t i = 0; i < n; ++i)
            if (buyer.empty() || buyer[i]) {
                who.push_back(static_cast<uint32_t>(i));
                values.push_back(margins[i]);
                r.TotalMargin += std::max(0.0, margins[i]);
            }
        r.Customers = static_cast<int>(who.size());
        r.Curve.push_back({0.0, 0.0});
        if (who.empty() || r.TotalMargin <= 0) {
            const size_t m = who.size();
            r.Curve.push_back({1.0, m == 0 ? 0.0 : 1.0});
            if (m > 0) r.Warnings.push_back(Reason("risk.no_margin", {double(m)}));
            scratch.Finished = true;
        }
        return;
    }
    if (scratch.Finished) return;
    if (step == 1) {
        // Best first; equal margins keep input order so results are stable.
        SortedOrder(scratch.Values.data(), scratch.Values.size(), true, scratch.Rank);
        order.resize(who.size());
        for (size_t k = 0; k < who.size(); ++k) order[k] = who[scratch.Rank.A[k].Index];
        return;
    }
    const size_t m = order.size();
    if (step == 2) {
        const size_t curveStep = std::max<size_t>(1, (m + 99) / 100);
        const size_t top20 = static_cast<size_t>(std::ceil(0.2 * m));
        double cumulative = 0.0, hhi = 0.0;
        for (size_t k = 0; k < m; ++k) {
            double v = std::max(0.0, margins[order[k]]);
            double before = cumulative / r.TotalMargin;
            cumulative += v;
            double share = v / r.TotalMargin;
            hhi += share * share;
            if (k == 0) r.Top1Share = share;
            if (k < 5) r.Top5Share += share;
            if (k < top20) r.Top20Share += share;
            AbcClass c = AbcClass::None;
            if (v > 0) c = before < s.AbcClassA ? AbcClass::A : before < s.AbcClassB ? AbcClass::B : AbcClass::C;
            r.Classes[order[k]] = c;
            r.CountA += c == AbcClass::A;
            r.CountB += c == AbcClass::B;
            r.CountC += c == AbcClass::C;
            if ((k + 1) % curveStep == 0 || k + 1 == m)
                r.Curve.push_back({double(k + 1) / m, std::min(1.0, cumulative / r.TotalMargin)});
        }
        r.Herfindahl = hhi;
        r.EquivalentCustomers = hhi > 0 ? 1.0 / hhi : 0.0;
        return;
    }
    if (step != 3) return;
    if (!group.empty()) {
        std::unordered_map<std::string_view, double> byGroup;
        for (uint32_t i : order)
            if (!group[i].empty()) byGroup[group[i]] += std::max(0.0, margins[i]);
        for (const auto& [name, value] : byGroup)
            if (value / r.TotalMargin > r.LargestGroupShare) {
                r.LargestGroupShare = value / r.TotalMargin;
                r.LargestGroup = std::string(name);
            }
    }
    if (m < 5) r.Warnings.push_back(Reason("risk.few", {double(m)}));
    if (r.Top1Share > s.WarnTop1Share) r.Warnings.push_back(Reason("risk.top1", {r.Top1Share, s.WarnTop1Share}));
    if (m > 5 && r.Top5Share > s.WarnTop5Share) r.Warnings.push_back(Reason("risk.top5", {r.Top5Share, s.WarnTop5Share}));
    if (r.Herfindahl > s.WarnHerfindahl)
        r.Warnings.push_back(Reason("risk.hhi", {r.Herfindahl, s.WarnHerfindahl, r.EquivalentCustomers}));
    if (m >= 5 && r.LargestGroupShare > s.WarnSimilarShare)
        r.Warnings.push_back(Reason("risk.similar", {r.LargestGroupShare, s.WarnSimilarShare}));
}

}  // namespace profila
