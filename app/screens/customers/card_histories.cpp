// Customer card: the histories - purchases (a table with add, edit, delete) and requests,
// satisfaction, complaints, communications, proposals.

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>

#include "model/completeness.h"
#include "import/customer_import.h"
#include "model/limits.h"
#include "card_form.h"
#include "customer_parts.h"
#include "i18n/i18n.h"
#include "imgui.h"
#include "imgui_internal.h"
#include "platform/item_registry.h"
#include "ui/date_field.h"
#include "ui/format.h"
#include "ui/icons.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace card_ui {

// ---- [SECTION] Purchases ----------------------------------------------------------------------------
std::string NewPurchaseId(const profila::Customer& c) {
    for (size_t n = c.Purchases.size() + 1;; ++n) {
        std::string id = c.Id + "-p" + std::to_string(n);
        bool used = false;
        for (const profila::Purchase& p : c.Purchases) used = used || p.Id == id;
        if (!used) return id;
    }
}

void DrawPurchaseForm(Form& f, profila::Customer& c, size_t index) {
    AppState& state = *f.State;
    profila::Purchase& p = c.Purchases[index];
    ui::BeginPanel("##card.purchase_form", ImVec2(ImGui::GetContentRegionAvail().x, 0));
    ui::Heading(state.UiFonts.Heading, state.T("customers.purchase.edit_title"));
    Form pf = BeginForm(state);
    CardDateField(pf, "customers.purchase.date", "purchase.date", p.When);
    DoubleField(pf, "customers.purchase.amount", "purchase.amount", p.Amount, 0.0, profila::kMaxAmount);
    OptionalDoubleField(pf, "customers.purchase.cost", "purchase.cost", p.Cost, 0.0, profila::kMaxAmount);
    OptionalDoubleField(pf, "customers.purchase.margin", "purchase.margin", p.Margin, -profila::kMaxAmount, profila::kMaxAmount);
    std::optional<int> quantity = p.Quantity;
    OptionalIntField(pf, "customers.purchase.quantity", "purchase.quantity", quantity, 1, 1000000);
    if (quantity) p.Quantity = *quantity;
    DoubleField(pf, "customers.purchase.discount", "purchase.discount", p.DiscountPercent, 0.0, profila::kMaxDiscountPercent, 0);
    TextField(pf, "customers.purchase.category", "purchase.category", p.Category);
    TextField(pf, "customers.purchase.product", "purchase.product", p.Product);
    TextField(pf, "customers.purchase.channel", "purchase.channel", p.Channel);
    TextField(pf, "customers.purchase.payment", "purchase.payment", p.PaymentMethod);
    std::optional<int> late = p.DaysPaidLate;
    OptionalIntField(pf, "customers.purchase.days_late", "purchase.days_late", late, profila::kDaysLateRange.Lo, profila::kDaysLateRange.Hi);
    p.DaysPaidLate = late.value_or(0);
    EndRow(pf);
    CheckField(pf, "customers.purchase.cancelled", "purchase.cancelled", p.Cancelled);
    CheckField(pf, "customers.purchase.changed", "purchase.changed", p.Changed);
    EndRow(pf);
    ImGui::Dummy(ui::EmVec(0, 0.2f));
    if (ui::PrimaryButton(LabelIcon(ICON_CHECK, state.T("customers.purchase.done"), "purchase.done").c_str(), ImVec2(ui::Em(8.0f), ui::Em(2.6f))))
        state.Customers.SelectedPurchase = -1;
    ImGui::SameLine();
    if (ui::SecondaryButton(LabelIcon(ICON_TRASH, state.T("customers.purchase.delete"), "purchase.delete").c_str(),
                            ImVec2(0, ui::Em(2.6f)))) {
        const profila::Customer* before = FindCustomer(state.Doc, c.Id);
        if (before) ShowUndoToast(state, state.T("customers.toast.purchase_deleted"), {*before}, {});
        c.Purchases.erase(c.Purchases.begin() + static_cast<long>(index));
        state.Customers.SelectedPurchase = -1;
        pf.Changed = true;
    }
    ui::EndPanel();
    f.Changed = f.Changed || pf.Changed;
}

void DrawPurchases(Form& f, profila::Customer& c) {
    AppState& state = *f.State;
    CustomersView& view = state.Customers;
    double total = 0.0;
    int count = 0;
    for (const profila::Purchase& p : c.Purchases)
        if (!p.Cancelled) total += p.Amount, ++count;
    std::string summary = profila::FormatText(state.T("customers.purchase.summary"), {std::to_string(count), ui::FormatMoney(state, total)});
    ui::MutedText(summary.c_str());
    if (ui::PrimaryButton(LabelIcon(ICON_PLUS, state.T("customers.purchase.add"), "purchase.add").c_str(), ImVec2(0, ui::Em(2.6f)))) {
        profila::Purchase p;
        p.Id = NewPurchaseId(c);
        p.When = ui::Today();
        c.Purchases.push_back(p);
        view.SelectedPurchase = static_cast<int>(c.Purchases.size()) - 1;
        view.BadNumbers.clear();
        view.Dates.erase("purchase.date");
        f.Changed = true;
    }
    if (view.SelectedPurchase >= static_cast<int>(c.Purchases.size())) view.SelectedPurchase = -1;
    if (view.SelectedPurchase >= 0) DrawPurchaseForm(f, c, static_cast<size_t>(view.SelectedPurchase));
    if (c.Purchases.empty()) {
        ui::Paragraph(state.T("customers.purchase.none"));
        return;
    }
    // Newest first.
    std::vector<int> order(c.Purchases.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int>(i);
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return c.Purchases[a].When.Days > c.Purchases[b].When.Days; });

    bool narrow = ImGui::GetContentRegionAvail().x < ui::Em(36.0f);
    int columns = narrow ? 4 : 6;
    ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY |
                            ImGuiTableFlags_SizingStretchProp;
    float row_h = ui::Em(2.6f);
    float height = std::min(ImGui::GetTextLineHeightWithSpacing() * 2 + row_h * static_cast<float>(order.size() + 1), ui::Em(26.0f));
    int clicked = -1;
    if (ImGui::BeginTable("##card.purchases", columns, flags, ImVec2(0, height))) {
        ImGui::TableSetupScrollFreeze(0, 1);
        ImGui::TableSetupColumn(state.T("customers.purchase.date"), ImGuiTableColumnFlags_WidthFixed, ui::Em(7.0f));
        ImGui::TableSetupColumn(state.T("customers.purchase.amount"), ImGuiTableColumnFlags_WidthFixed, ui::Em(7.0f));
        ImGui::TableSetupColumn(state.T("customers.purchase.what"), ImGuiTableColumnFlags_WidthStretch);
        if (!narrow) {
            ImGui::TableSetupColumn(state.T("customers.purchase.channel"), ImGuiTableColumnFlags_WidthStretch);
            ImGui::TableSetupColumn(state.T("customers.purchase.payment"), ImGuiTableColumnFlags_WidthStretch);
        }
        ImGui::TableSetupColumn(state.T("customers.purchase.notes"), ImGuiTableColumnFlags_WidthFixed, ui::Em(narrow ? 3.0f : 7.0f));
        ImGui::TableHeadersRow();
        ImGuiListClipper clipper;
        clipper.Begin(static_cast<int>(order.size()), row_h);
        while (clipper.Step()) {
            for (int r = clipper.DisplayStart; r < clipper.DisplayEnd; ++r) {
                int i = order[static_cast<size_t>(r)];
                const profila::Purchase& p = c.Purchases[static_cast<size_t>(i)];
                ImGui::TableNextRow(0, row_h);
                ImGui::TableNextColumn();
                std::string label = FormatDate(p.When) + "##purchase.row." + std::to_string(i);
                if (ImGui::Selectable(label.c_str(), view.SelectedPurchase == i, ImGuiSelectableFlags_SpanAllColumns,
                                      ImVec2(0, row_h - ImGui::GetStyle().CellPadding.y * 2)))
                    clicked = i;
                // The cells are text for the accessible mirror and tests too (the row's key is its date).
                auto cell = [](const std::string& text) {
                    ImGui::TextUnformatted(text.c_str());
                    if (!text.empty())
                        item_registry::AddText(item_registry::Role::Text, text.c_str(), ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
                };
                ImGui::TableNextColumn();
                cell(ui::FormatMoney(state, p.Amount));
                ImGui::TableNextColumn();
                std::string what = p.Category;
                if (!p.Product.empty()) what += (what.empty() ? "" : " \xC2\xB7 ") + p.Product.str();
                cell(what);
                if (!narrow) {
                    ImGui::TableNextColumn();
                    ImGui::TextUnformatted(p.Channel.c_str());
                    ImGui::TableNextColumn();
                    ImGui::TextUnformatted(p.PaymentMethod.c_str());
                }
                ImGui::TableNextColumn();
                std::string marks;
                if (p.Cancelled) marks += narrow ? ICON_TIMES " " : std::string(state.T("customers.purchase.cancelled_short")) + " ";
                if (p.DiscountPercent > 0) marks += "-" + FormatNumber(state, p.DiscountPercent, 0) + "% ";
                if (p.DaysPaidLate > 0) marks += ICON_CALENDAR;
                ImGui::TextUnformatted(marks.c_str());
            }
        }
        ImGui::EndTable();
    }
    if (clicked >= 0) {
        view.SelectedPurchase = view.SelectedPurchase == clicked ? -1 : clicked;
        view.BadNumbers.clear();
        view.Dates.erase("purchase.date");
    }
}

// ---- [SECTION] Other histories ----------------------------------------------------------------------
// Each entry is a small form in a panel with a remove button; "add" puts a new one on top.
template <typename T, typename DrawFn>
void HistoryList(Form& f, const char* title_key, const char* add_key, const char* key, std::vector<T>& entries, DrawFn draw_entry) {
    AppState& state = *f.State;
    SubHeading(state, title_key);
    std::string add_id = std::string("add.") + key;
    if (ui::SecondaryButton(LabelIcon(ICON_PLUS, state.T(add_key), add_id.c_str()).c_str(), ImVec2(0, ui::Em(2.6f)))) {
        T entry;
        entry.When = ui::Today();
        entries.insert(entries.begin(), entry);
        // Field texts are kept by position: start them afresh.
        state.Customers.Dates.clear();
        state.Customers.BadNumbers.clear();
        f.Changed = true;
    }
    int remove = -1;
    for (size_t i = 0; i < entries.size(); ++i) {
        ImGui::PushID(key);
        ImGui::PushID(static_cast<int>(i));
        std::string panel = std::string("##") + key + "." + std::to_string(i);
        ui::BeginPanel(panel.c_str(), ImVec2(ImGui::GetContentRegionAvail().x, 0));
        Form ef = BeginForm(state);
        std::string prefix = std::string(key) + "." + std::to_string(i) + ".";
        draw_entry(ef, entries[i], prefix);
        EndRow(ef);
        std::string remove_id = prefix + "remove";
        if (ui::SecondaryButton(LabelIcon(ICON_TRASH, state.T("customers.remove"), remove_id.c_str()).c_str(), ImVec2(0, ui::Em(2.6f))))
            remove = static_cast<int>(i);
        ui::EndPanel();
        f.Changed = f.Changed || ef.Changed;
        ImGui::PopID();
        ImGui::PopID();
    }
    if (remove >= 0) {
        entries.erase(entries.begin() + remove);
        state.Customers.Dates.clear();
        state.Customers.BadNumbers.clear();
        f.Changed = true;
    }
}

void DrawHistories(Form& f, profila::Customer& c) {
    AppState& state = *f.State;
    ui::MutedText(state.T("customers.history_help"));
    HistoryList(f, "customers.requests", "customers.requests.add", "request", c.Requests,
                [&](Form& ef, profila::ServiceRequest& r, const std::string& k) {
                    CardDateField(ef, "customers.field.when", (k + "when").c_str(), r.When);
                    TextField(ef, "customers.requests.topic", (k + "topic").c_str(), r.Topic);
                    EndRow(ef);
                    CheckField(ef, "customers.requests.after_sales", (k + "after_sales").c_str(), r.AfterSales);
                    CheckField(ef, "customers.requests.met", (k + "met").c_str(), r.Met);
                    if (!r.Met) TextField(ef, "customers.requests.why_not", (k + "why").c_str(), r.WhyNotMet);
                });
    HistoryList(f, "customers.satisfaction", "customers.satisfaction.add", "score", c.Satisfaction,
                [&](Form& ef, profila::SatisfactionScore& s, const std::string& k) {
                    CardDateField(ef, "customers.field.when", (k + "when").c_str(), s.When);
                    TextField(ef, "customers.satisfaction.about", (k + "about").c_str(), s.About);
                    int score = std::clamp(s.Score, 0, 5);
                    ChoiceField(ef, "customers.satisfaction.score", (k + "value").c_str(), score,
                                {"customers.satisfaction.none", "customers.satisfaction.1", "customers.satisfaction.2",
                                 "customers.satisfaction.3", "customers.satisfaction.4", "customers.satisfaction.5"},
                                {"0", "1", "2", "3", "4", "5"});
                    s.Score = score;
                });
    HistoryList(f, "customers.complaints", "customers.complaints.add", "complaint", c.Complaints,
                [&](Form& ef, profila::Complaint& x, const std::string& k) {
                    CardDateField(ef, "customers.field.when", (k + "when").c_str(), x.When);
                    TextField(ef, "customers.complaints.reason", (k + "reason").c_str(), x.Reason);
                    CheckField(ef, "customers.complaints.resolved", (k + "resolved").c_str(), x.Resolved);
                });
    HistoryList(f, "customers.communications", "customers.communications.add", "communication", c.Communications,
                [&](Form& ef, profila::Communication& m, const std::string& k) {
                    CardDateField(ef, "customers.field.when", (k + "when").c_str(), m.When);
                    TextField(ef, "customers.communications.channel", (k + "channel").c_str(), m.Channel);
                    TextField(ef, "customers.communications.subject", (k + "subject").c_str(), m.Subject);
                    EndRow(ef);
                    CheckField(ef, "customers.communications.promotion", (k + "promotion").c_str(), m.IsPromotion);
                    CheckField(ef, "customers.communications.planned", (k + "planned").c_str(), m.Planned);
                    EnumChoiceField(ef, "customers.communications.response", (k + "response").c_str(), m.Response,
                                    {"customers.response.none", "customers.response.opened", "customers.response.replied",
                                     "customers.response.bought"},
                                    {"none", "opened", "replied", "bought"});
                });
    HistoryList(f, "customers.proposals", "customers.proposals.add", "proposal", c.Proposals,
                [&](Form& ef, profila::Proposal& x, const std::string& k) {
                    CardDateField(ef, "customers.field.when", (k + "when").c_str(), x.When);
                    TextField(ef, "customers.proposals.what", (k + "what").c_str(), x.What);
                    CardDateField(ef, "customers.proposals.due", (k + "due").c_str(), x.Due);
                    EnumChoiceField(ef, "customers.proposals.status", (k + "status").c_str(), x.Status,
                                    {"customers.proposal.planned", "customers.proposal.made", "customers.proposal.accepted",
                                     "customers.proposal.refused"},
                                    {"planned", "made", "accepted", "refused"});
                });
}

}  // namespace card_ui
