// Course grading: partial credit with reasons (the rules are at the top of course.h), and the
// deterministic shuffles of options, cards and steps.
#include <cmath>
#include <map>

#include "course/internal.h"
#include "text/hash.h"

namespace profila::course {

namespace {

// SplitMix64: a tiny, portable generator, so shuffles are identical on every platform
// (std::shuffle's algorithm is not specified by the standard).
uint64_t SplitMix(uint64_t& state) {
    uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

// The basis the shuffles were first seeded with: FNV's offset basis with its last digit lost.
// Kept, so every item shows the same order it always has (a round in progress stays as it was).
constexpr uint64_t kShuffleBasis = 1469598103934665603ull;

std::vector<int> Permutation(uint64_t seed, size_t n) {
    std::vector<int> order(n);
    for (size_t i = 0; i < n; ++i) order[i] = static_cast<int>(i);
    uint64_t state = seed;
    for (size_t i = n; i > 1; --i) {
        size_t j = static_cast<size_t>(SplitMix(state) % i);
        std::swap(order[i - 1], order[j]);
    }
    return order;
}

double ClampScore(double s) { return std::max(0.0, std::min(1.0, s)); }

}  // namespace

bool IsAnswerComplete(const Item& item, const Answer& a) {
    switch (item.Type) {
        case ItemType::Single:
        case ItemType::Scenario:
        case ItemType::Multi: return !a.Values.empty();
        case ItemType::Sort:
        case ItemType::Match:
            return !a.Values.empty() && std::none_of(a.Values.begin(), a.Values.end(), [](const std::string& v) { return v.empty(); });
        case ItemType::Order: return a.Values.size() == item.Options.size();
        case ItemType::Numeric: return a.Number.has_value() && (item.Units.empty() || !a.Unit.empty());
        case ItemType::Task: return true;
    }
    return false;
}

Grade GradeAnswer(const Item& item, const Answer& a) {
    Grade g;
    g.ExplainKey = item.Id + ".explain";
    const std::string prefix = item.Id + ".";
    switch (item.Type) {
        case ItemType::Single:
        case ItemType::Scenario:
        case ItemType::Multi: {
            int right_picked = 0, wrong_picked = 0;
            for (const std::string& o : item.Options) {
                bool picked = Contains(a.Values, o);
                bool right = Contains(item.Correct, o);
                if (!picked && !right) continue;
                FeedbackLine line;
                line.SubjectKey = prefix + o;
                line.WhyKey = prefix + o + ".why";
                line.Result = picked ? (right ? Mark::Right : Mark::Wrong) : Mark::Missed;
                if (picked && right) ++right_picked;
                if (picked && !right) ++wrong_picked;
                g.Lines.push_back(line);
            }
            if (item.Type == ItemType::Multi)
                g.Score = ClampScore(double(right_picked - wrong_picked) / double(item.Correct.size()));
            else
                g.Score = (right_picked == 1 && wrong_picked == 0) ? 1.0 : 0.0;
            break;
        }
        case ItemType::Sort: {
            size_t right = 0;
            for (size_t i = 0; i < item.Options.size(); ++i) {
                std::string given = i < a.Values.size() ? a.Values[i] : "";
                FeedbackLine line;
                line.SubjectKey = prefix + item.Options[i];
                line.WhyKey = prefix + item.Options[i] + ".why";
                line.GivenKey = given.empty() ? "" : prefix + given;
                line.ExpectedKey = prefix + item.CardCategory[i];
                line.Result = given.empty() ? Mark::Missed : given == item.CardCategory[i] ? Mark::Right : Mark::Wrong;
                if (line.Result == Mark::Right) ++right;
                g.Lines.push_back(line);
            }
            g.Score = double(right) / double(item.Options.size());
            break;
        }
        case ItemType::Match: {
            size_t cols = item.Rows.empty() ? 0 : item.Rows[0].size() - 1;
            size_t right = 0, total = 0;
            for (size_t r = 0; r < item.Rows.size(); ++r) {
                for (size_t c = 0; c < cols; ++c) {
                    size_t idx = r * cols + c;
                    std::string given = idx < a.Values.size() ? a.Values[idx] : "";
                    const std::string& expected = item.Rows[r][c + 1];
                    FeedbackLine line;
                    line.SubjectKey = prefix + item.Rows[r][0];
                    line.WhyKey = prefix + item.Rows[r][0] + ".why";
                    line.GivenKey = given.empty() ? "" : prefix + given;
                    line.ExpectedKey = prefix + expected;
                    line.Result = given.empty() ? Mark::Missed : given == expected ? Mark::Right : Mark::Wrong;
                    line.ExpectedPosition = static_cast<int>(c + 1);  // the column
                    if (line.Result == Mark::Right) ++right;
                    ++total;
                    g.Lines.push_back(line);
                }
            }
            g.Score = total ? double(right) / double(total) : 0.0;
            break;
        }
        case ItemType::Order: {
            // Longest common subsequence between the given order and the right one.
            const auto& want = item.Options;
            const auto& got = a.Values;
            std::vector<std::vector<int>> dp(got.size() + 1, std::vector<int>(want.size() + 1, 0));
            for (size_t i = 1; i <= got.size(); ++i)
                for (size_t j = 1; j <= want.size(); ++j)
                    dp[i][j] = got[i - 1] == want[j - 1] ? dp[i - 1][j - 1] + 1 : std::max(dp[i - 1][j], dp[i][j - 1]);
            g.Score = want.empty() ? 0.0 : double(dp[got.size()][want.size()]) / double(want.size());
            for (size_t j = 0; j < want.size(); ++j) {
                FeedbackLine line;
                line.SubjectKey = prefix + want[j];
                line.WhyKey = prefix + want[j] + ".why";
                line.ExpectedPosition = static_cast<int>(j);
                line.Result = (j < got.size() && got[j] == want[j]) ? Mark::Right : Mark::Wrong;
                g.Lines.push_back(line);
            }
            break;
        }
        case ItemType::Numeric: {
            g.Expected = item.Value;
            g.Given = a.Number.value_or(0.0);
            double off = std::fabs(g.Given - item.Value);
            double tol = item.Tolerance;
            if (!a.Number) g.Score = 0.0;
            else if (off <= tol + 1e-9) g.Score = 1.0;
            else if (off <= 2 * tol + 1e-9) g.Score = 0.5;
            else g.Score = 0.0;
            if (a.Number && g.Score < 1.0)
                for (const auto& [slip, value] : item.Slips)
                    if (std::fabs(g.Given - value) <= std::max(tol, std::fabs(value) * 1e-6) + 1e-9) g.SlipKey = prefix + "slip." + slip;
            g.UnitRight = item.Units.empty() || a.Unit == item.Unit;
            if (!g.UnitRight) g.Score *= 0.5;
            FeedbackLine line;
            line.WhyKey = g.ExplainKey;
            line.Result = g.Score >= 1.0 ? Mark::Right : Mark::Wrong;
            if (!item.Units.empty()) {
                line.GivenKey = a.Unit.empty() ? "" : prefix + a.Unit;
                line.ExpectedKey = prefix + item.Unit;
            }
            g.Lines.push_back(line);
            break;
        }
        case ItemType::Task: {
            size_t ticked = 0;
            for (const std::string& o : item.Options) {
                FeedbackLine line;
                line.SubjectKey = prefix + o;
                line.WhyKey = g.ExplainKey;
                line.Result = Contains(a.Values, o) ? Mark::Right : Mark::Missed;
                if (line.Result == Mark::Right) ++ticked;
                g.Lines.push_back(line);
            }
            g.Score = double(ticked) / double(item.Options.size());
            break;
        }
    }
    g.Score = ClampScore(g.Score);
    g.Correct = g.Score >= 1.0 - 1e-9;
    // The hint costs part of the score; the answer itself still counts as right.
    if (a.Hint && item.HasHint) {
        g.HintUsed = true;
        g.Score *= 1.0 - kHintCost;
    }
    return g;
}

namespace {
// Longest run of steps already in their right relative order (what the Order grade counts).
size_t LongestInOrder(const std::vector<int>& order) {
    std::vector<int> tails;
    for (int x : order) {
        auto it = std::lower_bound(tails.begin(), tails.end(), x);
        if (it == tails.end()) tails.push_back(x);
        else *it = x;
    }
    return tails.size();
}
}  // namespace

std::vector<int> ShuffledOrder(const Item& item, int round, size_t n) {
    uint64_t seed = Fnv1a64Bytes(kShuffleBasis, item.Id) ^ (static_cast<uint64_t>(round) * 0x9E3779B97F4A7C15ull);
    std::vector<int> order = Permutation(seed, n);
    if (item.Type == ItemType::Order && n > 1) {
        // Never start solved, and never start nearly solved: steps left as shown would otherwise
        // earn most of the score (at most 40% of the steps, at least one, already in order).
        size_t allowed = std::max<size_t>(2, (n * 2) / 5);
        for (int tries = 0; tries < 64 && LongestInOrder(order) > allowed; ++tries) order = Permutation(seed + static_cast<uint64_t>(tries) + 1, n);
        if (LongestInOrder(order) > allowed) std::reverse(order.begin(), order.end());
        bool solved = true;
        for (size_t i = 0; i < n; ++i) solved = solved && order[i] == static_cast<int>(i);
        if (solved) std::rotate(order.begin(), order.begin() + 1, order.end());  // never start solved
    }
    return order;
}

std::vector<const Item*> RoundItems(const Lesson& lesson, int round) {
    // Concepts in the order they first appear; a concept's variants in file order.
    std::vector<std::string> concepts;
    std::map<std::string, std::vector<const Item*>> pools;
    for (const Item& item : lesson.Items) {
        if (!pools.count(item.Concept)) concepts.push_back(item.Concept);
        pools[item.Concept].push_back(&item);
    }
    std::vector<const Item*> drawn;
    for (const std::string& c : concepts) {
        const auto& pool = pools[c];
        // Rotates through the variants so consecutive rounds ask a concept differently; the start
        // depends on the concept, so round 1 does not always show the first variant.
        uint64_t start = Fnv1a64Bytes(kShuffleBasis, lesson.Id + "/" + c) % pool.size();
        drawn.push_back(pool[static_cast<size_t>((start + static_cast<uint64_t>(std::max(round, 1) - 1)) % pool.size())]);
    }
    // A lesson written without concepts (each item its own pool) keeps its file order.
    if (lesson.Concepts.empty() || lesson.KeepOrder) return drawn;
    uint64_t seed = Fnv1a64Bytes(kShuffleBasis, lesson.Id + "#order") ^ (static_cast<uint64_t>(round) * 0x9E3779B97F4A7C15ull);
    std::vector<const Item*> out;
    for (int i : Permutation(seed, drawn.size())) out.push_back(drawn[static_cast<size_t>(i)]);
    return out;
}

std::vector<std::string> MatchChoices(const Item& item, size_t column, int round) {
    std::vector<std::string> column_ids;
    for (const auto& row : item.Rows)
        if (column < row.size()) column_ids.push_back(row[column]);
    Item keyed = item;
    keyed.Id = item.Id + "#" + std::to_string(column);
    std::vector<int> order = ShuffledOrder(keyed, round, column_ids.size());
    std::vector<std::string> out;
    for (int i : order) out.push_back(column_ids[static_cast<size_t>(i)]);
    return out;
}

Answer StartingAnswer(const Item& item, int round) {
    Answer a;
    if (item.Type == ItemType::Order) {
        for (int i : ShuffledOrder(item, round, item.Options.size())) a.Values.push_back(item.Options[static_cast<size_t>(i)]);
    } else if (item.Type == ItemType::Sort) {
        a.Values.assign(item.Options.size(), "");
    } else if (item.Type == ItemType::Match) {
        size_t cols = item.Rows.empty() ? 0 : item.Rows[0].size() - 1;
        a.Values.assign(item.Rows.size() * cols, "");
    }
    return a;
}

}  // namespace profila::course
