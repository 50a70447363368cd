// Customers: the list, the card editor and the import wizard (one at a time), the commands they
// share (create, duplicate, delete with undo, example shop, export) and the undo toast.
//
// [SECTION] Helpers
// [SECTION] Commands
// [SECTION] Toast
// [SECTION] Screen
#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <ctime>

#include "codec/customer_export.h"
#include "codec/customer_fields.h"
#include "import/vcard.h"
#include "import/workbook_writer.h"
#include "customer_parts.h"
#include "model/example_shop.h"
#include "i18n/i18n.h"
#include "imgui.h"
#include "imgui_internal.h"
#include "platform/item_registry.h"
#include "screens/screens.h"
#include "ui/format.h"
#include "ui/icons.h"
#include "ui/theme.h"
#include "ui/widgets.h"

// ---- [SECTION] Helpers ------------------------------------------------------------------------------
double NowSeconds() { return ImGui::GetTime(); }

bool BeginKeyedCombo(const char* label_id, const char* preview, ImGuiComboFlags flags) {
    bool open = ImGui::BeginCombo(label_id, preview, flags);
    // Closed, the last item is the combo itself: publish it as a button under its "##key".
    if (!open) ImGuiTestEngineHook_ItemInfo(ImGui::GetCurrentContext(), ImGui::GetItemID(), label_id, ImGuiItemStatusFlags_None);
    return open;
}

std::string FormatDate(profila::Date date) { return ui::FormatUserDate(date); }

std::string Label(const char* text, const char* key) { return std::string(text) + "##" + key; }

std::string LabelIcon(const char* icon, const char* text, const char* key) {
    return std::string(icon) + "  " + text + "##" + key;
}

// ---- [SECTION] Commands -----------------------------------------------------------------------------
void OpenCustomerCard(AppState& state, const std::string& id) {
    CustomersView& view = state.Customers;
    view.Mode = CustomersMode::Card;
    view.EditingId = id;
    view.DraftRevision = -1;  // the editor copies the document's customer on its next frame
    view.Section = 0;
    view.SelectedPurchase = -1;
    view.ConfirmDelete = false;
    view.Dates.clear();
    view.TagInput[0] = '\0';
}

void CreateCustomer(AppState& state) {
    profila::Customer customer;
    customer.Id = NewId(state.Doc);
    customer.Acquired = ui::Today();
    CommitCustomer(state.Doc, customer, NowSeconds());
    OpenCustomerCard(state, customer.Id);
    ShowUndoToast(state, state.T("customers.toast.created"), {}, {customer.Id});
}

void DuplicateCustomer(AppState& state, const std::string& id) {
    const profila::Customer* original = FindCustomer(state.Doc, id);
    if (!original) return;
    profila::Customer copy = *original;
    copy.Id = NewId(state.Doc);
    copy.Name = profila::FormatText(state.T("customers.copy_of"), {original->Name});
    // A duplicate is a new card for a similar customer: the profile comes along, the history does not.
    profila::ClearHistories(copy);
    CommitCustomer(state.Doc, copy, NowSeconds());
    OpenCustomerCard(state, copy.Id);
    ShowUndoToast(state, state.T("customers.toast.duplicated"), {}, {copy.Id});
}

void DeleteCustomerWithUndo(AppState& state, const std::string& id) {
    const profila::Customer* customer = FindCustomer(state.Doc, id);
    if (!customer) return;
    profila::Customer kept = *customer;
    std::string name = kept.Name.empty() ? kept.Company : kept.Name;
    RemoveCustomer(state.Doc, id, NowSeconds());
    state.Customers.Mode = CustomersMode::List;
    state.Customers.EditingId.clear();
    ShowUndoToast(state, profila::FormatText(state.T("customers.toast.deleted"), {name}), {std::move(kept)}, {});
}

uint64_t CommitManyCustomers(AppState& state, std::vector<profila::Customer> customers) {
    return CommitCustomers(state.Doc, std::move(customers), NowSeconds());
}

void LoadExampleShop(AppState& state) {
    profila::ExampleShopOptions options;
    options.AsOf = ui::Today();
    profila::ExampleShop shop = profila::GenerateExampleShop(options);
    std::vector<std::string> ids;
    for (profila::Customer& c : shop.Shop.Customers) {
        // Ids of their own (the generator numbers them): never the same as a card already here or
        // on another device.
        c.Id = NewId(state.Doc);
        for (profila::Purchase& p : c.Purchases) p.Id = NewId(state.Doc);
        ids.push_back(c.Id);
    }
    size_t count = shop.Shop.Customers.size();
    uint64_t serial = CommitManyCustomers(state, std::move(shop.Shop.Customers));
    ShowUndoToast(state, profila::FormatText(state.T("customers.toast.example_loaded"), {std::to_string(count)}), {},
                  std::move(ids), serial);
}

void ExportCustomersCsv(AppState& state) {
    profila::CsvExportOptions options;
    bool english = state.Settings.Language == profila::Language::En;
    options.Separator = english ? ',' : ';';
    options.DecimalComma = !english;
    std::string csv = profila::CustomersToCsv(state.Doc.Data.Customers, options);
    char name[64];
    profila::Date today = ui::Today();
    profila::YearMonthDay ymd = profila::YmdFromDate(today);
    std::snprintf(name, sizeof name, "customers-%04d-%02d-%02d.csv", ymd.Year, ymd.Month, ymd.Day);
    DownloadFile(name, "text/csv;charset=utf-8", csv);
    state.Customers.ListMessage =
        profila::FormatText(state.T("customers.exported"), {std::to_string(state.Doc.Data.Customers.size()), name});
}

namespace {
// "customers-2024-05-17.xlsx"
std::string DatedName(const char* stem, const char* extension) {
    char name[64];
    profila::YearMonthDay ymd = profila::YmdFromDate(ui::Today());
    std::snprintf(name, sizeof name, "%s-%04d-%02d-%02d.%s", stem, ymd.Year, ymd.Month, ymd.Day, extension);
    return name;
}
}  // namespace

void ExportCustomersXlsx(AppState& state) {
    std::string name = DatedName("customers", "xlsx");
    DownloadBinaryFile(name, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                       profila::WriteXlsx(state.T("customers.title"), profila::CustomersToSheet(state.Doc.Data.Customers)));
    state.Customers.ListMessage =
        profila::FormatText(state.T("customers.exported"), {std::to_string(state.Doc.Data.Customers.size()), name});
}

void ExportCustomersVcf(AppState& state, const std::vector<int>& rows) {
    std::vector<const profila::Customer*> chosen;
    for (int i : rows)
        if (i >= 0 && static_cast<size_t>(i) < state.Doc.Data.Customers.size()) chosen.push_back(&state.Doc.Data.Customers[static_cast<size_t>(i)]);
    std::string name = DatedName("contacts", "vcf");
    DownloadFile(name, "text/vcard;charset=utf-8", profila::CustomersToVCards(chosen));
    state.Customers.ListMessage = profila::FormatText(state.T("customers.exported"), {std::to_string(chosen.size()), name});
}

void OpenImportWizard(AppState& state) {
    state.Customers.Import = ImportWizardView();
    state.Customers.Mode = CustomersMode::Import;
}

// ---- [SECTION] Toast --------------------------------------------------------------------------------
void ShowUndoToast(AppState& state, std::string message, std::vector<profila::Customer> restore,
                   std::vector<std::string> remove, uint64_t save_serial) {
    UndoToast& toast = state.Customers.Toast;
    toast.Message = std::move(message);
    toast.Restore = std::move(restore);
    toast.Remove = std::move(remove);
    toast.Until = NowSeconds() + 10.0;
    toast.SaveSerial = save_serial;
}

namespace {

void DrawToast(AppState& state) {
    UndoToast& toast = state.Customers.Toast;
    if (toast.Until <= 0.0) return;
    // A change the toast reports stays on screen until it is stored (or the save failed).
    bool stored = toast.SaveSerial == 0 || IsStored(state.Doc, toast.SaveSerial);
    bool failed = !stored && state.Doc.Save == SaveState::Failed;
    if (!stored && !failed) toast.Until = std::max(toast.Until, NowSeconds() + 3.0);
    if (NowSeconds() > toast.Until) {
        toast = UndoToast();
        return;
    }
    std::string message = toast.Message;
    if (toast.SaveSerial != 0)
        message += std::string(" ") + (stored ? state.T("customers.toast.saved")
                                       : failed ? state.T("customers.toast.not_saved") : state.T("customers.toast.saving"));
    const ui::Palette& p = ui::Colors();
    ImGuiViewport* viewport = ImGui::GetMainViewport();
    float width = std::min(viewport->Size.x - ui::Em(2.0f), ui::Em(34.0f));
    ImGui::SetNextWindowPos(ImVec2(viewport->Pos.x + viewport->Size.x * 0.5f, viewport->Pos.y + viewport->Size.y - ui::Em(1.0f)),
                            ImGuiCond_Always, ImVec2(0.5f, 1.0f));
    ImGui::SetNextWindowSize(ImVec2(width, 0));
    ImGui::PushStyleColor(ImGuiCol_WindowBg, p.Text);
    ImGui::PushStyleColor(ImGuiCol_Text, p.Background);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, ui::Em(0.6f));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ui::EmVec(1.0f, 0.7f));
    ImGui::Begin("##customers.toast", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoNav | ImGuiWindowFlags_NoMove);
    bool can_undo = !toast.Restore.empty() || !toast.Remove.empty();
    float button_w = can_undo ? ui::Em(6.5f) : 0.0f;
    float text_w = width - button_w - ui::Em(3.2f);
    ImVec2 text_pos = ImGui::GetCursorScreenPos();
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() + ui::Em(0.45f));
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + text_w);
    ImGui::TextUnformatted(message.c_str());
    ImGui::PopTextWrapPos();
    item_registry::AddText(item_registry::Role::Status, message.c_str(), text_pos,
                           ImVec2(text_pos.x + text_w, ImGui::GetItemRectMax().y));
    bool undo = false;
    if (can_undo) {
        ImGui::SameLine(width - button_w - ui::Em(1.0f));
        ImGui::SetCursorScreenPos(ImVec2(ImGui::GetCursorScreenPos().x, text_pos.y));
        undo = ui::PrimaryButton(LabelIcon(ICON_UNDO, state.T("customers.undo"), "toast.undo").c_str(),
                                 ImVec2(button_w, ui::Em(2.6f)));
    }
    ImGui::End();
    ImGui::PopStyleColor(2);
    ImGui::PopStyleVar(2);
    if (undo) {
        double now = NowSeconds();
        uint64_t serial = 0;
        if (!toast.Remove.empty()) serial = RemoveCustomers(state.Doc, toast.Remove, now);
        if (!toast.Restore.empty()) serial = CommitCustomers(state.Doc, std::move(toast.Restore), now);
        state.Doc.Store.FlushRequested = true;  // an undo is stored at once, as the change it takes back
        CustomersView& view = state.Customers;
        if (view.Mode == CustomersMode::Card && !FindCustomer(state.Doc, view.EditingId)) view.Mode = CustomersMode::List;
        toast = UndoToast();
        toast.Message = state.T("customers.toast.undone");
        toast.Until = now + 3.0;
        toast.SaveSerial = serial;
    }
}

}  // namespace

// ---- [SECTION] Screen -------------------------------------------------------------------------------
void DrawCustomersScreen(AppState& state) {
    CustomersView& view = state.Customers;
    if (view.Mode == CustomersMode::Card && !FindCustomer(state.Doc, view.EditingId)) view.Mode = CustomersMode::List;
    switch (view.Mode) {
        case CustomersMode::List: DrawCustomerList(state); break;
        case CustomersMode::Card: DrawCustomerCard(state); break;
        case CustomersMode::Import: DrawImportWizard(state); break;
    }
    DrawToast(state);
}
