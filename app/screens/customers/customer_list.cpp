// The customer list: search as you type, filters (type, status, tag), sort, and the rows through
// ImGuiListClipper so 10,000 customers scroll smoothly. What each row shows is derived once per
// customer revision (CustomersListCache::FactsById); the filtered, sorted index is rebuilt only
// when the data, the search text, a filter or the sort change.
//
// [SECTION] Derived facts and the filtered index
// [SECTION] Toolbar and filters
// [SECTION] Least known among the most valuable
// [SECTION] Rows
// [SECTION] List
#include <algorithm>
#include <cstdio>
#include <cstring>
#include <set>

#include "analysis/status.h"
#include "model/completeness.h"
#include "customer_parts.h"
#include "i18n/i18n.h"
#include "imgui.h"
#include "imgui_internal.h"
#include "platform/item_registry.h"
#include "text/fold.h"
#include "text/hash.h"
#include "ui/format.h"
#include "ui/icons.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace {

// ---- [SECTION] Derived facts and the filtered index ------------------------------------------------

const char* DisplayName(const profila::Customer& c, const AppState& state) {
    if (!c.Name.empty()) return c.Name.c_str();
    if (!c.Company.empty()) return c.Company.c_str();
    return state.T("customers.no_name");
}

CustomerRowFacts ComputeFacts(const profila::Customer& c, const profila::AnalysisSettings& settings) {
    CustomerRowFacts f;
    f.Revision = c.Revision;
    f.SortName = profila::FoldForSearch(!c.Name.empty() ? c.Name : c.Company);
    f.Status = static_cast<int>(profila::ClassifyRelationship(c, settings).Value);
    std::string hay = c.Name + '\n' + c.Company + '\n' + c.Email + '\n' + c.Phone + '\n' + c.City;
    for (const std::string& tag : c.Tags) hay += '\n' + tag;
    f.Haystack = profila::FoldForSearch(hay);
    for (const profila::Purchase& p : c.Purchases) {
        if (p.Cancelled) continue;
        f.Value += p.Amount;
        ++f.Purchases;
        f.LastPurchase = std::max(f.LastPurchase, p.When.Days);
    }
    f.Completeness = static_cast<float>(profila::CardCompletenessScore(c));
    return f;
}

uint64_t Fingerprint(const std::vector<profila::Customer>& list) {
    uint64_t h = profila::kFnv1a64Basis;
    for (const profila::Customer& c : list) h = profila::Fnv1a64Word(h, static_cast<uint64_t>(c.Revision));
    return h;
}

void RefreshFacts(AppState& state) {
    CustomersListCache& cache = state.Customers.Cache;
    const std::vector<profila::Customer>& list = state.Doc.Data.Customers;
    uint64_t fingerprint = Fingerprint(list);
    if (cache.DataCount == list.size() && cache.DataFingerprint == fingerprint && cache.DataAddress == list.data()) return;
    cache.DataCount = list.size();
    cache.DataFingerprint = fingerprint;
    cache.DataAddress = list.data();

    std::unordered_map<std::string, CustomerRowFacts> facts;
    facts.reserve(list.size());
    profila::AnalysisSettings settings;
    settings.AsOf = ui::Today();
    std::set<std::string> tags;
    for (const profila::Customer& c : list) {
        auto old = cache.FactsById.find(c.Id);
        if (old != cache.FactsById.end() && old->second.Revision == c.Revision) facts.emplace(c.Id, std::move(old->second));
        else facts.emplace(c.Id, ComputeFacts(c, settings));
        for (const std::string& tag : c.Tags) tags.insert(tag);
    }
    cache.FactsById.swap(facts);
    cache.Facts.clear();
    cache.Facts.reserve(list.size());
    for (const profila::Customer& c : list) cache.Facts.push_back(&cache.FactsById.at(c.Id));
    cache.AllTags.assign(tags.begin(), tags.end());

    cache.LeastKnown.clear();
    cache.LeastKnownQuestions.clear();
    for (const profila::KnowledgeGap& gap : profila::RankLeastKnownValuable(list, 5, ui::Today())) {
        if (gap.Completeness >= 0.999) continue;
        cache.LeastKnown.push_back(gap.Index);
        cache.LeastKnownQuestions.push_back(gap.NextQuestions);
    }
    cache.DataChanged = true;
}

void RefreshRows(AppState& state) {
    CustomersView& view = state.Customers;
    CustomersListCache& cache = view.Cache;
    char key[256];
    std::snprintf(key, sizeof key, "%s\x1f%d\x1f%d\x1f%d\x1f%s", view.Search, view.KindFilter, view.StatusFilter,
                  static_cast<int>(view.Sort), view.TagFilter.c_str());
    if (!cache.DataChanged && cache.RowsKey == key) return;
    cache.RowsKey = key;
    cache.DataChanged = false;

    // Every word typed must appear somewhere in the customer's searchable text.
    std::vector<std::string> words;
    std::string query = profila::FoldForSearch(view.Search);
    for (size_t start = 0; start < query.size();) {
        size_t end = query.find(' ', start);
        if (end == std::string::npos) end = query.size();
        if (end > start) words.push_back(query.substr(start, end - start));
        start = end + 1;
    }
    const std::vector<profila::Customer>& list = state.Doc.Data.Customers;
    cache.Rows.clear();
    for (size_t i = 0; i < list.size(); ++i) {
        const profila::Customer& c = list[i];
        const CustomerRowFacts& f = *cache.Facts[i];
        if (view.KindFilter >= 0 && static_cast<int>(c.Kind) != view.KindFilter) continue;
        if (view.StatusFilter >= 0 && f.Status != view.StatusFilter) continue;
        if (!view.TagFilter.empty() && std::find(c.Tags.begin(), c.Tags.end(), view.TagFilter) == c.Tags.end()) continue;
        bool all = true;
        for (const std::string& w : words)
            if (f.Haystack.find(w) == std::string::npos) { all = false; break; }
        if (all) cache.Rows.push_back(static_cast<int>(i));
    }
    auto by_name = [&](int a, int b) {
        int cmp = cache.Facts[a]->SortName.compare(cache.Facts[b]->SortName);
        return cmp != 0 ? cmp < 0 : a < b;
    };
    std::vector<int>& rows = cache.Rows;
    switch (view.Sort) {
        case CustomerSort::Name: std::sort(rows.begin(), rows.end(), by_name); break;
        case CustomerSort::Value:
            std::sort(rows.begin(), rows.end(), [&](int a, int b) {
                if (cache.Facts[a]->Value != cache.Facts[b]->Value) return cache.Facts[a]->Value > cache.Facts[b]->Value;
                return by_name(a, b);
            });
            break;
        case CustomerSort::LastPurchase:
            std::sort(rows.begin(), rows.end(), [&](int a, int b) {
                if (cache.Facts[a]->LastPurchase != cache.Facts[b]->LastPurchase)
                    return cache.Facts[a]->LastPurchase > cache.Facts[b]->LastPurchase;
                return by_name(a, b);
            });
            break;
        case CustomerSort::LeastKnown:
            std::sort(rows.begin(), rows.end(), [&](int a, int b) {
                if (cache.Facts[a]->Completeness != cache.Facts[b]->Completeness)
                    return cache.Facts[a]->Completeness < cache.Facts[b]->Completeness;
                if (cache.Facts[a]->Value != cache.Facts[b]->Value) return cache.Facts[a]->Value > cache.Facts[b]->Value;
                return by_name(a, b);
            });
            break;
        case CustomerSort::Newest:
            std::sort(rows.begin(), rows.end(), [&](int a, int b) {
                int32_t da = list[a].Acquired ? list[a].Acquired->Days : INT32_MIN;
                int32_t db = list[b].Acquired ? list[b].Acquired->Days : INT32_MIN;
                if (da != db) return da > db;
                return by_name(a, b);
            });
            break;
    }
}

// ---- [SECTION] Toolbar and filters -----------------------------------------------------------------
// Lays out buttons left to right, wrapping to a new line when the next one would not fit.
struct Flow {
    float Right = 0.0f;
    bool First = true;
    void Next(float width) {
        if (!First) {
            ImGui::SameLine();
            if (ImGui::GetCursorScreenPos().x + width > Right) ImGui::NewLine();
        }
        First = false;
    }
};

float ButtonWidth(const char* text) {
    return ImGui::CalcTextSize(text, nullptr, true).x + ImGui::GetStyle().FramePadding.x * 2 + ui::Em(0.2f);
}

bool FlowButton(Flow& flow, const std::string& label, bool primary) {
    float w = std::max(ButtonWidth(label.c_str()), ui::Em(6.0f));
    flow.Next(w);
    ImVec2 size(w, ui::Em(2.6f));
    return primary ? ui::PrimaryButton(label.c_str(), size) : ui::SecondaryButton(label.c_str(), size);
}

// A combo of fixed options; returns true when the choice changed.
bool FlowCombo(Flow& flow, AppState& state, const char* caption_key, const char* key, int& current,
               const std::vector<std::string>& options, const std::vector<std::string>& option_keys, float width) {
    flow.Next(width);
    bool changed = false;
    ImGui::BeginGroup();
    ImGui::PushStyleColor(ImGuiCol_Text, ui::Colors().Muted);
    ImGui::TextUnformatted(state.T(caption_key));
    ImGui::PopStyleColor();
    ImGui::SetNextItemWidth(width);
    std::string id = std::string("##") + key;
    if (BeginKeyedCombo(id.c_str(), options[static_cast<size_t>(current)].c_str(), ImGuiComboFlags_HeightLarge)) {
        for (size_t i = 0; i < options.size(); ++i) {
            bool selected = static_cast<int>(i) == current;
            std::string item = options[i] + "##" + key + "." + option_keys[i];
            if (ImGui::Selectable(item.c_str(), selected, 0, ImVec2(0, ui::Em(2.2f)))) {
                changed = current != static_cast<int>(i);
                current = static_cast<int>(i);
            }
            if (selected) ImGui::SetItemDefaultFocus();
        }
        ImGui::EndCombo();
    }
    ImGui::EndGroup();
    return changed;
}

void DrawFilters(AppState& state) {
    CustomersView& view = state.Customers;
    Flow flow;
    flow.Right = ImGui::GetCursorScreenPos().x + ImGui::GetContentRegionAvail().x;
    float w = ui::Em(10.5f);

    int kind = view.KindFilter + 1;
    FlowCombo(flow, state, "customers.filter.type", "filter.type", kind,
              {state.T("customers.filter.all_types"), state.T("customers.kind.private"), state.T("customers.kind.business"),
               state.T("customers.kind.professional"), state.T("customers.kind.other")},
              {"all", "private", "business", "professional", "other"}, w);
    view.KindFilter = kind - 1;

    int status = view.StatusFilter + 1;
    FlowCombo(flow, state, "customers.filter.status", "filter.status", status,
              {state.T("customers.filter.all_statuses"), state.T("customers.status.current"), state.T("customers.status.active"),
               state.T("customers.status.inactive"), state.T("customers.status.potential"), state.T("customers.status.probable")},
              {"all", "current", "active", "inactive", "potential", "probable"}, w);
    view.StatusFilter = status - 1;

    std::vector<std::string> tags{state.T("customers.filter.all_tags")};
    std::vector<std::string> tag_keys{"all"};
    int tag = 0;
    for (const std::string& t : view.Cache.AllTags) {
        if (t == view.TagFilter) tag = static_cast<int>(tags.size());
        tags.push_back(t);
        tag_keys.push_back(t);
    }
    if (!view.TagFilter.empty() && tag == 0) view.TagFilter.clear();  // the tag is gone from every card
    if (FlowCombo(flow, state, "customers.filter.tag", "filter.tag", tag, tags, tag_keys, w))
        view.TagFilter = tag == 0 ? std::string() : tags[static_cast<size_t>(tag)];

    int sort = static_cast<int>(view.Sort);
    FlowCombo(flow, state, "customers.sort", "sort", sort,
              {state.T("customers.sort.name"), state.T("customers.sort.value"), state.T("customers.sort.last_purchase"),
               state.T("customers.sort.least_known"), state.T("customers.sort.newest")},
              {"name", "value", "last_purchase", "least_known", "newest"}, w);
    view.Sort = static_cast<CustomerSort>(sort);
}

// ---- [SECTION] Least known among the most valuable --------------------------------------------------
void DrawLeastKnown(AppState& state) {
    const CustomersListCache& cache = state.Customers.Cache;
    if (cache.LeastKnown.empty()) return;
    const std::vector<profila::Customer>& list = state.Doc.Data.Customers;
    ImGui::PushStyleColor(ImGuiCol_Text, ui::Colors().Muted);
    ImGui::TextUnformatted(ICON_LIGHTBULB);
    ImGui::PopStyleColor();
    ImGui::SameLine();
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(state.T("customers.least_known"));
    ImGui::PopTextWrapPos();
    item_registry::AddText(item_registry::Role::Text, state.T("customers.least_known"), ImGui::GetItemRectMin(),
                           ImGui::GetItemRectMax());
    Flow flow;
    flow.Right = ImGui::GetCursorScreenPos().x + ImGui::GetContentRegionAvail().x;
    std::string open_id;
    for (size_t i = 0; i < cache.LeastKnown.size(); ++i) {
        size_t index = cache.LeastKnown[i];
        if (index >= list.size()) continue;
        const profila::Customer& c = list[index];
        int percent = static_cast<int>(cache.Facts[index]->Completeness * 100.0f + 0.5f);
        std::string text = profila::FormatText(state.T("customers.least_known_chip"), {DisplayName(c, state), std::to_string(percent)});
        if (FlowButton(flow, LabelIcon(ICON_USER, text.c_str(), ("known." + c.Id).c_str()), false)) open_id = c.Id;
    }
    if (!open_id.empty()) OpenCustomerCard(state, open_id);
}

// ---- [SECTION] Rows ---------------------------------------------------------------------------------
// One tappable row: name and company, contacts, value and last purchase, how well we know them.
bool DrawRow(AppState& state, const profila::Customer& c, const CustomerRowFacts& f, float width, float height) {
    const ui::Palette& p = ui::Colors();
    ImVec2 pos = ImGui::GetCursorScreenPos();
    std::string id = std::string(DisplayName(c, state)) + "##row." + c.Id;
    bool pressed = ImGui::InvisibleButton(id.c_str(), ImVec2(width, height));
    bool hovered = ImGui::IsItemHovered();
    bool held = ImGui::IsItemActive();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    ImVec2 max(pos.x + width, pos.y + height);
    ImVec4 bg = held ? ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive)
                     : hovered ? ImGui::GetStyleColorVec4(ImGuiCol_FrameBgHovered) : p.Card;
    draw->AddRectFilled(pos, max, ImGui::GetColorU32(bg), ui::Em(0.5f));
    draw->AddRect(pos, max, ImGui::GetColorU32(p.CardBorder), ui::Em(0.5f));

    ImFont* font = ImGui::GetFont();
    float fs = font->FontSize;
    float pad = ui::Em(0.8f);
    // Kind badge.
    float r = ui::Em(1.15f);
    ImVec2 center(pos.x + pad + r, pos.y + height * 0.5f);
    ImVec4 soft = c.Kind == profila::CustomerKind::Private ? p.Primary : p.Accent;
    ImVec4 fill = soft;
    fill.w = 0.15f;
    draw->AddCircleFilled(center, r, ImGui::GetColorU32(fill), 24);
    const char* icon = c.Kind == profila::CustomerKind::Private ? ICON_USER : ICON_BRIEFCASE;
    ImVec2 isz = ImGui::CalcTextSize(icon);
    draw->AddText(ImVec2(center.x - isz.x * 0.5f, center.y - isz.y * 0.5f), ImGui::GetColorU32(soft), icon);

    // Right side: value and last purchase (or lead status), then the completeness bar.
    bool narrow = width < ui::Em(30.0f);
    float bar_w = narrow ? ui::Em(3.2f) : ui::Em(5.0f);
    float right_w = narrow ? ui::Em(7.0f) : ui::Em(9.0f);
    float bar_x = max.x - pad - bar_w;
    float right_x = bar_x - ui::Em(0.8f) - right_w;
    float text_x = center.x + r + ui::Em(0.8f);
    float line1 = pos.y + height * 0.5f - fs * 1.12f;
    float line2 = pos.y + height * 0.5f + fs * 0.08f;

    ImU32 text_col = ImGui::GetColorU32(p.Text);
    ImU32 muted = ImGui::GetColorU32(p.Muted);
    float text_max = right_x - ui::Em(0.6f);
    std::string title = DisplayName(c, state);
    if (!c.Name.empty() && !c.Company.empty()) title += "  \xC2\xB7  " + c.Company;
    ImGui::RenderTextEllipsis(draw, ImVec2(text_x, line1), ImVec2(text_max, line1 + fs * 1.2f), text_max, text_max,
                              title.c_str(), nullptr, nullptr);
    std::string detail;
    for (const std::string* part : {&c.City, &c.Phone, &c.Email})
        if (!part->empty()) detail += (detail.empty() ? "" : "  \xC2\xB7  ") + *part;
    for (const std::string& tag : c.Tags) detail += (detail.empty() ? "#" : "  #") + tag;
    if (!detail.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, p.Muted);
        ImGui::RenderTextEllipsis(draw, ImVec2(text_x, line2), ImVec2(text_max, line2 + fs * 1.2f), text_max, text_max,
                                  detail.c_str(), nullptr, nullptr);
        ImGui::PopStyleColor();
    }
    std::string value = f.Purchases > 0 ? ui::FormatMoney(state, f.Value) : std::string();
    constexpr const char* kStatusOne[] = {"customers.status_one.current", "customers.status_one.active",
                                             "customers.status_one.inactive", "customers.status_one.potential",
                                             "customers.status_one.probable"};
    std::string when = f.Purchases > 0 ? FormatDate(profila::Date{f.LastPurchase}) : state.T(kStatusOne[f.Status % 5]);
    ImVec2 vs = ImGui::CalcTextSize(value.c_str());
    draw->AddText(ImVec2(right_x + right_w - vs.x, line1), text_col, value.c_str());
    ImVec2 ws = ImGui::CalcTextSize(when.c_str());
    draw->PushClipRect(ImVec2(right_x, pos.y), ImVec2(right_x + right_w, max.y), true);
    draw->AddText(ImVec2(right_x + right_w - ws.x, line2), muted, when.c_str());
    draw->PopClipRect();

    // Completeness: a small bar with the percentage above it.
    std::string percent = ui::FormatPercent(f.Completeness);
    ImVec2 ps = ImGui::CalcTextSize(percent.c_str());
    draw->AddText(ImVec2(bar_x + bar_w - ps.x, line1), muted, percent.c_str());
    float bar_y = line2 + fs * 0.45f;
    float bar_h = ui::Em(0.35f);
    ImVec4 track = p.CardBorder;
    draw->AddRectFilled(ImVec2(bar_x, bar_y), ImVec2(bar_x + bar_w, bar_y + bar_h), ImGui::GetColorU32(track), bar_h);
    ImVec4 known = f.Completeness < 0.34f ? p.Bad : f.Completeness < 0.67f ? p.Warning : p.Good;
    if (f.Completeness > 0.0f)
        draw->AddRectFilled(ImVec2(bar_x, bar_y), ImVec2(bar_x + std::max(bar_h, bar_w * f.Completeness), bar_y + bar_h),
                            ImGui::GetColorU32(known), bar_h);
    return pressed;
}

void DrawEmptyState(AppState& state) {
    ImGui::Dummy(ui::EmVec(0, 0.4f));
    ui::BeginPanel("##customers.empty", ImVec2(std::min(ImGui::GetContentRegionAvail().x, ui::Em(40.0f)), 0));
    ui::Heading(state.UiFonts.Heading, state.T("customers.empty.title"));
    ui::MutedText(state.T("customers.empty.text"));
    ImGui::Dummy(ui::EmVec(0, 0.3f));
    Flow flow;
    flow.Right = ImGui::GetCursorScreenPos().x + ImGui::GetContentRegionAvail().x;
    if (FlowButton(flow, LabelIcon(ICON_PLUS, state.T("customers.new"), "customers.new"), true)) CreateCustomer(state);
    if (FlowButton(flow, LabelIcon(ICON_UPLOAD, state.T("customers.import"), "customers.import"), false)) OpenImportWizard(state);
    if (FlowButton(flow, LabelIcon(ICON_SHOP, state.T("customers.example"), "customers.example"), false)) LoadExampleShop(state);
    ui::EndPanel();
}

}  // namespace

// ---- [SECTION] List ---------------------------------------------------------------------------------
void DrawCustomerList(AppState& state) {
    CustomersView& view = state.Customers;
    const std::vector<profila::Customer>& list = state.Doc.Data.Customers;
    RefreshFacts(state);

    // Title line with the count, and the actions.
    ui::Heading(state.UiFonts.Title, state.T("customers.title"));
    if (list.empty()) {
        ui::MutedText(state.T("customers.intro"));
        DrawEmptyState(state);
        return;
    }
    Flow actions;
    actions.Right = ImGui::GetCursorScreenPos().x + ImGui::GetContentRegionAvail().x;
    if (FlowButton(actions, LabelIcon(ICON_PLUS, state.T("customers.new"), "customers.new"), true)) CreateCustomer(state);
    if (FlowButton(actions, LabelIcon(ICON_UPLOAD, state.T("customers.import"), "customers.import"), false)) OpenImportWizard(state);
    // Out as a spreadsheet reads it: typed .xlsx, CSV in the language's convention, or the customers the
    // list shows (searched, filtered) as phone contacts.
    if (FlowButton(actions, LabelIcon(ICON_DOWNLOAD, state.T("customers.export"), "customers.export"), false))
        ImGui::OpenPopup("##customers.export_menu");
    // The menu opens under its button (kept on screen), not over the rail where the tap was.
    const ImVec2 below(ImGui::GetItemRectMin().x, ImGui::GetItemRectMax().y + ui::Em(0.3f));
    const float menu_right = ImGui::GetMainViewport()->Pos.x + ImGui::GetMainViewport()->Size.x - ui::Em(0.5f);
    ImGui::SetNextWindowPos(ImVec2(std::min(below.x, menu_right - ui::Em(24.0f)), below.y), ImGuiCond_Appearing);
    if (ImGui::BeginPopup("##customers.export_menu")) {
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + ui::Em(20.0f));
        ui::MutedText(state.T("customers.export_why"));
        ImGui::PopTextWrapPos();
        RefreshRows(state);
        std::string vcf = profila::FormatText(state.T("customers.export_vcf"), {std::to_string(view.Cache.Rows.size())});
        float widest = std::max({ImGui::CalcTextSize(state.T("customers.export_xlsx")).x, ImGui::CalcTextSize(state.T("customers.export_csv")).x,
                                 ImGui::CalcTextSize(vcf.c_str()).x});
        const ImVec2 size(std::max(ui::Em(20.0f), widest + ui::Em(2.0f)), ui::Em(2.6f));
        if (ui::SecondaryButton(Label(state.T("customers.export_xlsx"), "export.xlsx").c_str(), size)) {
            ExportCustomersXlsx(state);
            ImGui::CloseCurrentPopup();
        }
        if (ui::SecondaryButton(Label(state.T("customers.export_csv"), "export.csv").c_str(), size)) {
            ExportCustomersCsv(state);
            ImGui::CloseCurrentPopup();
        }
        if (ui::SecondaryButton(Label(vcf.c_str(), "export.vcf").c_str(), size)) {
            ExportCustomersVcf(state, view.Cache.Rows);
            ImGui::CloseCurrentPopup();
        }
        ImGui::EndPopup();
    }
    // A contact list per channel holds only those who agreed to be contacted on it (issue 18).
    if (FlowButton(actions, LabelIcon(ICON_DOWNLOAD, state.T("privacy.contact_list"), "customers.contact_list"), false))
        ImGui::OpenPopup("##customers.contact_list_menu");
    if (ImGui::BeginPopup("##customers.contact_list_menu")) {
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + ui::Em(20.0f));
        ui::MutedText(state.T("privacy.contact_list_why"));
        ImGui::PopTextWrapPos();
        for (profila::ContactChannel ch : {profila::ContactChannel::Email, profila::ContactChannel::Phone, profila::ContactChannel::Messaging,
                                           profila::ContactChannel::Post}) {
            const std::string id = profila::ContactChannelName(ch);
            if (ui::SecondaryButton(Label(state.T(("privacy.channel." + id).c_str()), ("contacts." + id).c_str()).c_str(), ImVec2(ui::Em(20.0f), ui::Em(2.6f)))) {
                ExportContactList(state, ch);
                ImGui::CloseCurrentPopup();
            }
        }
        ImGui::EndPopup();
    }
    if (!view.ListMessage.empty()) ui::StatusMessage(ui::Tone::Good, view.ListMessage.c_str());

    // Search as you type.
    ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x);
    std::string hint = std::string(ICON_SEARCH "  ") + state.T("customers.search_hint");
    ImGui::InputTextWithHint("##customers.search", hint.c_str(), view.Search, sizeof view.Search);
    DrawFilters(state);
    RefreshRows(state);

    bool filtered = view.Search[0] || view.KindFilter >= 0 || view.StatusFilter >= 0 || !view.TagFilter.empty();
    if (!filtered) DrawLeastKnown(state);

    const std::vector<int>& rows = view.Cache.Rows;
    std::string count = profila::FormatText(state.T(filtered ? "customers.count_filtered" : "customers.count"),
                                            {ui::FormatCount(state, static_cast<long long>(rows.size())), ui::FormatCount(state, static_cast<long long>(list.size()))});
    ui::MutedText(count.c_str());
    if (rows.empty()) {
        ui::Paragraph(state.T("customers.no_match"));
        if (ui::SecondaryButton(LabelIcon(ICON_TIMES, state.T("customers.clear_filters"), "customers.clear_filters").c_str(),
                                ImVec2(0, ui::Em(2.6f)))) {
            view.Search[0] = '\0';
            view.KindFilter = -1;
            view.StatusFilter = -1;
            view.TagFilter.clear();
        }
        return;
    }

    // The rows: only the visible ones are drawn (ImGuiListClipper).
    float row_h = ui::Em(3.6f);
    float gap = ui::Em(0.35f);
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(ImGui::GetStyle().ItemSpacing.x, gap));
    ImGui::BeginChild("##customers.rows", ImVec2(0, 0), ImGuiChildFlags_None);
    float width = ImGui::GetContentRegionAvail().x;
    std::string open_id;
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(rows.size()), row_h + gap);
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            size_t index = static_cast<size_t>(rows[static_cast<size_t>(i)]);
            if (DrawRow(state, list[index], *view.Cache.Facts[index], width, row_h)) open_id = list[index].Id;
        }
    }
    clipper.End();
    ImGui::EndChild();
    ImGui::PopStyleVar();
    if (!open_id.empty()) OpenCustomerCard(state, open_id);
}
