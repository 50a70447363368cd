// Import wizard: choose a file, check how its columns map to the card (with a preview when the
// header detection is unsure), then review what the import would do (new and updated customers,
// purchases, errors by line and column, possible duplicates) before anything is committed. The
// whole import is one change (one store transaction). The path it drives, without drawing, is
// customer_import_flow.cpp.
//
// [SECTION] Steps
// [SECTION] Wizard
#include <algorithm>
#include <cstdio>

#include "import/customer_import.h"
#include "import/workbook.h"
#include "customer_parts.h"
#include "i18n/i18n.h"
#include "imgui.h"
#include "platform/item_registry.h"
#include "ui/format.h"
#include "ui/icons.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace {

// ---- [SECTION] Steps ------------------------------------------------------------------------------
const char* FieldText(const AppState& state, profila::ImportField field) {
    std::string key = std::string("customers.import.field.") + profila::ImportFieldKey(field);
    return state.T(key.c_str());
}

std::string ErrorText(const AppState& state, const profila::ImportError& e, const profila::ImportMapping& mapping) {
    std::string code_key = "customers.import.error." + e.Code;
    const char* problem = state.Strings.Has(code_key) ? state.T(code_key.c_str()) : e.Message.c_str();
    std::string where;
    if (e.Line > 0 && e.Column > 0) {
        std::string column = std::to_string(e.Column);
        size_t c = static_cast<size_t>(e.Column - 1);
        if (c < mapping.Columns.size()) {
            const profila::ImportColumn& col = mapping.Columns[c];
            std::string name = !col.Header.empty() ? col.Header : FieldText(state, col.Field);
            column += " (" + name + ")";
        }
        const profila::ImportPreview& p = state.Customers.Import.Preview;
        if (p.Sheet >= 0 && static_cast<size_t>(p.Sheet) < p.Sheets.size()) {
            std::string letters = profila::ColumnLetters(e.Column) + column.substr(std::to_string(e.Column).size());
            where = profila::FormatText(state.T("customers.import.at_sheet_row_column"),
                                        {p.Sheets[static_cast<size_t>(p.Sheet)].Name, std::to_string(e.Line), letters});
        } else {
            where = profila::FormatText(state.T("customers.import.at_line_column"), {std::to_string(e.Line), column});
        }
    } else if (e.Line > 0) {
        where = profila::FormatText(state.T("customers.import.at_line"), {std::to_string(e.Line)});
    } else {
        // A problem of the whole file names it (a drop brings several); a message that already names
        // it (an invoice's, made by InvoiceProblemText) is shown as it is.
        const std::string& file = state.Customers.Import.FileName;
        if (!state.Strings.Has(code_key) && !file.empty() && e.Message.find(file) != std::string::npos) return e.Message;
        where = file.empty() ? std::string(state.T("customers.import.at_file")) : file;
    }
    std::string value = e.Value.size() > 40 ? e.Value.substr(0, 37) + "..." : e.Value;
    return where + ": " + profila::FormatText(problem, {value});
}

void StepHeader(AppState& state, int current) {
    const char* keys[] = {"customers.import.step.file", "customers.import.step.columns", "customers.import.step.review"};
    std::string line;
    for (int i = 0; i < 3; ++i) {
        char num[8];
        std::snprintf(num, sizeof num, "%d. ", i + 1);
        if (i > 0) line += "   " ICON_CHEVRON_R "   ";  // the text font has no "›"
        line += num;
        line += state.T(keys[i]);
    }
    ImGui::PushStyleColor(ImGuiCol_Text, ui::Colors().Muted);
    ImGui::TextUnformatted(line.c_str());
    ImGui::PopStyleColor();
    std::string now = profila::FormatText(state.T("customers.import.step_of"), {std::to_string(current + 1), state.T(keys[current])});
    ui::Heading(state.UiFonts.Heading, now.c_str());
}

void DrawChooseFile(AppState& state) {
    ImportWizardView& w = state.Customers.Import;
    StepHeader(state, 0);
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + std::min(ImGui::GetContentRegionAvail().x, ui::Em(40.0f)));
    ui::Paragraph(state.T("customers.import.intro"));
    ImGui::Dummy(ui::EmVec(0, 0.2f));
    ui::MutedText(state.T("customers.import.shapes"));
    ui::MutedText(state.T("customers.import.formats"));
    ui::MutedText(state.T("customers.import.workbooks"));
    ImGui::PopTextWrapPos();
    ImGui::Dummy(ui::EmVec(0, 0.4f));
    if (ui::PrimaryButton(LabelIcon(ICON_FILE, state.T("customers.import.choose"), "import.choose").c_str(),
                          ImVec2(std::max(ui::Em(14.0f), ImGui::CalcTextSize(state.T("customers.import.choose")).x + ui::Em(4.0f)),
                                 ui::Em(2.8f)))) {
        w.WaitingForFile = true;
        PickImportFile(state);
    }
    if (w.WaitingForFile) ui::MutedText(state.T("customers.import.waiting"));
    if (!w.Message.empty()) ui::StatusMessage(ui::Tone::Bad, w.Message.c_str());
}

// A short line about the file: name, encoding, separator, rows.
void FileFacts(AppState& state) {
    ImportWizardView& w = state.Customers.Import;
    std::string facts;
    if (w.Source == ImportSource::Invoices || w.Source == ImportSource::Contacts) {
        facts = profila::FormatText(state.T(w.Source == ImportSource::Contacts ? "customers.import.contact_facts" : "customers.import.invoice_facts"),
                                    {w.FileName, ui::FormatCount(state, static_cast<long long>(w.Result.RowsRead))});
    } else if (w.Workbook && (w.Preview.Sheet < 0 || static_cast<size_t>(w.Preview.Sheet) >= w.Preview.Sheets.size() ||
                              w.Preview.Sheets[static_cast<size_t>(w.Preview.Sheet)].Name.empty())) {
        facts = w.FileName;  // a workbook that could not be read: no sheet to describe
    } else if (w.Preview.Sheet >= 0 && static_cast<size_t>(w.Preview.Sheet) < w.Preview.Sheets.size()) {
        facts = profila::FormatText(state.T("customers.import.sheet_facts"),
                                    {w.FileName, w.Preview.Sheets[static_cast<size_t>(w.Preview.Sheet)].Name,
                                     std::to_string(w.Preview.HeaderRow), ui::FormatCount(state, static_cast<long long>(w.Preview.TotalRows))});
    } else {
        // A preview of the first rows only: the check that read all of the file says how it was read.
        const bool checked = !w.Preview.Whole && w.HasResult;
        const char separator = checked ? w.Result.Separator : w.Preview.Separator;
        const char* sep = separator == ';' ? ";" : separator == '\t' ? state.T("customers.import.tab") : ",";
        const size_t rows = checked ? w.Result.RowsRead : w.Preview.TotalRows;
        facts = profila::FormatText(state.T("customers.import.file_facts"),
                                    {w.FileName, ui::FormatCount(state, static_cast<long long>(rows)), sep,
                                     profila::TextEncodingName(checked ? w.Result.Encoding : w.Preview.Encoding)});
    }
    ui::MutedText(facts.c_str());
}

// Files dropped together that follow this one.
void QueuedFiles(AppState& state) {
    ImportWizardView& w = state.Customers.Import;
    if (w.Queue.empty()) return;
    std::string names;
    for (const ImportFile& f : w.Queue) names += (names.empty() ? "" : ", ") + f.Name;
    ImGui::PushTextWrapPos(0.0f);
    ui::MutedText(profila::FormatText(state.T("customers.import.queued"), {std::to_string(w.Queue.size()), names}).c_str());
    ImGui::PopTextWrapPos();
}

// A workbook's sheets (hidden ones marked); picking another reads the file again from that sheet.
void SheetPicker(AppState& state) {
    ImportWizardView& w = state.Customers.Import;
    if (w.Preview.Sheets.size() < 2) return;
    auto name = [&](size_t i) {
        const profila::ImportSheet& s = w.Preview.Sheets[i];
        return s.Hidden ? profila::FormatText(state.T("customers.import.sheet_hidden"), {s.Name}) : s.Name;
    };
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(state.T("customers.import.sheet"));
    ImGui::SameLine();
    ImGui::SetNextItemWidth(std::min(ImGui::GetContentRegionAvail().x, ui::Em(18.0f)));
    std::string current = w.Preview.Sheet >= 0 ? name(static_cast<size_t>(w.Preview.Sheet)) : "";
    if (ImGui::BeginCombo("##import.sheet", current.c_str())) {
        for (size_t i = 0; i < w.Preview.Sheets.size(); ++i) {
            bool selected = static_cast<int>(i) == w.Preview.Sheet;
            if (ImGui::Selectable((name(i) + "##import.sheet." + std::to_string(i)).c_str(), selected) && !selected) {
                w.Sheet = static_cast<int>(i);
                std::string name = w.FileName;
                std::shared_ptr<const profila::ByteSource> file = w.File;
                BeginImport(state, std::move(name), std::move(file));
            }
        }
        ImGui::EndCombo();
    }
}

void DrawMapping(AppState& state) {
    ImportWizardView& w = state.Customers.Import;
    profila::ImportMapping& m = w.Mapping;
    StepHeader(state, 1);
    FileFacts(state);
    QueuedFiles(state);
    SheetPicker(state);
    if (m.NeedsConfirmation) ui::StatusMessage(ui::Tone::Warning, state.T("customers.import.unsure"));
    else ui::StatusMessage(ui::Tone::Good, state.T("customers.import.sure"));
    ImGui::Dummy(ui::EmVec(0, 0.2f));

    // What one row of the file is.
    ImGui::TextUnformatted(state.T("customers.import.shape"));
    float avail = ImGui::GetContentRegionAvail().x;
    float half = std::min((avail - ImGui::GetStyle().ItemSpacing.x) * 0.5f, ui::Em(18.0f));
    bool per_purchase = m.Shape == profila::ImportShape::PurchasePerRow;
    bool narrow = avail < ui::Em(30.0f);
    if (ui::ChoiceButton(Label(state.T("customers.import.shape_customer"), "import.shape.customer").c_str(), !per_purchase,
                         ImVec2(narrow ? avail : half, ui::Em(2.6f))))
        m.Shape = profila::ImportShape::CustomerPerRow;
    if (!narrow) ImGui::SameLine();
    if (ui::ChoiceButton(Label(state.T("customers.import.shape_purchase"), "import.shape.purchase").c_str(), per_purchase,
                         ImVec2(narrow ? avail : half, ui::Em(2.6f))))
        m.Shape = profila::ImportShape::PurchasePerRow;
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ui::EmVec(0.6f, 0.6f));
    ImGui::Checkbox(Label(state.T("customers.import.has_header"), "import.has_header").c_str(), &m.HasHeader);
    if (w.Preview.Sheet < 0) {  // a workbook's numbers are typed: no decimal mark to choose
        ImGui::SameLine(0, ui::Em(1.5f));
        ImGui::Checkbox(Label(state.T("customers.import.decimal_comma"), "import.decimal_comma").c_str(), &m.DecimalComma);
    }
    ImGui::PopStyleVar();

    // One line per column of the file: its header, an example, and the field it goes to.
    ImGui::Dummy(ui::EmVec(0, 0.2f));
    ui::Heading(state.UiFonts.Heading, state.T("customers.import.columns"));
    const std::vector<profila::CsvRow>& rows = w.Preview.Rows;
    size_t first_data = m.HasHeader ? 1 : 0;
    ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp;
    if (ImGui::BeginTable("##import.mapping", 3, flags)) {
        ImGui::TableSetupColumn(state.T("customers.import.col_file"), ImGuiTableColumnFlags_WidthStretch, 1.0f);
        ImGui::TableSetupColumn(state.T("customers.import.col_example"), ImGuiTableColumnFlags_WidthStretch, 1.2f);
        ImGui::TableSetupColumn(state.T("customers.import.col_field"), ImGuiTableColumnFlags_WidthStretch, 1.3f);
        ImGui::TableHeadersRow();
        for (size_t c = 0; c < m.Columns.size(); ++c) {
            profila::ImportColumn& col = m.Columns[c];
            ImGui::PushID(static_cast<int>(c));
            ImGui::TableNextRow(0, ui::Em(2.8f));
            ImGui::TableNextColumn();
            ImGui::AlignTextToFramePadding();
            std::string header = col.Header.empty() ? profila::FormatText(state.T("customers.import.column_n"), {std::to_string(c + 1)})
                                                    : col.Header;
            if (!col.Confident && col.Field != profila::ImportField::Ignore) header = ICON_QUESTION " " + header;
            ImGui::TextUnformatted(header.c_str());
            ImGui::TableNextColumn();
            ImGui::AlignTextToFramePadding();
            std::string example;
            for (size_t r = first_data; r < rows.size() && r < first_data + 2; ++r)
                if (c < rows[r].Cells.size() && !rows[r].Cells[c].empty())
                    example += (example.empty() ? "" : " \xC2\xB7 ") + rows[r].Cells[c];
            ImGui::PushStyleColor(ImGuiCol_Text, ui::Colors().Muted);
            ImGui::TextUnformatted(example.c_str());
            ImGui::PopStyleColor();
            ImGui::TableNextColumn();
            ImGui::SetNextItemWidth(-FLT_MIN);
            std::string combo_id = "##import.map." + std::to_string(c);
            if (!col.Confident && col.Field != profila::ImportField::Ignore) ImGui::PushStyleColor(ImGuiCol_FrameBg, ImVec4(0.85f, 0.6f, 0.2f, 0.25f));
            bool open = BeginKeyedCombo(combo_id.c_str(), FieldText(state, col.Field), ImGuiComboFlags_HeightLarge);
            if (!col.Confident && col.Field != profila::ImportField::Ignore) ImGui::PopStyleColor();
            if (open) {
                for (int f = 0; f < static_cast<int>(profila::ImportField::Count_); ++f) {
                    auto field = static_cast<profila::ImportField>(f);
                    std::string item = std::string(FieldText(state, field)) + "##import.map." + std::to_string(c) + "." +
                                       profila::ImportFieldKey(field);
                    if (ImGui::Selectable(item.c_str(), col.Field == field, 0, ImVec2(0, ui::Em(2.0f)))) {
                        col.Field = field;
                        col.Confident = true;
                    }
                }
                ImGui::EndCombo();
            }
            ImGui::PopID();
        }
        ImGui::EndTable();
    }

    // The first rows as they will be read.
    ImGui::Dummy(ui::EmVec(0, 0.3f));
    ui::Heading(state.UiFonts.Heading, state.T("customers.import.preview"));
    int columns = static_cast<int>(std::min<size_t>(m.Columns.size(), 64));
    if (columns > 0) {
        ImGuiTableFlags pflags = ImGuiTableFlags_RowBg | ImGuiTableFlags_Borders | ImGuiTableFlags_ScrollX |
                                 ImGuiTableFlags_SizingFixedFit;
        // The header and the rows shown (up to six), each a line plus the cell padding, and a scrollbar.
        size_t shown = rows.size() > first_data ? std::min<size_t>(rows.size() - first_data, 6) : 0;
        float row_h = ImGui::GetTextLineHeight() + ImGui::GetStyle().CellPadding.y * 2;
        float height = row_h * static_cast<float>(shown + 1) + ImGui::GetStyle().ScrollbarSize + ui::Em(0.3f);
        if (ImGui::BeginTable("##import.preview", columns, pflags, ImVec2(0, height))) {
            for (int c = 0; c < columns; ++c) {
                const profila::ImportColumn& col = m.Columns[static_cast<size_t>(c)];
                ImGui::TableSetupColumn(FieldText(state, col.Field), ImGuiTableColumnFlags_WidthFixed, ui::Em(8.0f));
            }
            ImGui::TableSetupScrollFreeze(0, 1);
            ImGui::TableHeadersRow();
            for (size_t r = first_data; r < rows.size() && r < first_data + 6; ++r) {
                ImGui::TableNextRow();
                for (int c = 0; c < columns; ++c) {
                    ImGui::TableNextColumn();
                    if (static_cast<size_t>(c) < rows[r].Cells.size()) ImGui::TextUnformatted(rows[r].Cells[static_cast<size_t>(c)].c_str());
                }
            }
            ImGui::EndTable();
        }
    }
    ImGui::Dummy(ui::EmVec(0, 0.3f));
    if (ui::PrimaryButton(LabelIcon(ICON_CHECK, state.T("customers.import.check"), "import.check").c_str(), ImVec2(0, ui::Em(2.8f))))
        StartImportCheck(state);
    ImGui::SameLine();
    if (ui::SecondaryButton(LabelIcon(ICON_FILE, state.T("customers.import.other_file"), "import.other_file").c_str(), ImVec2(0, ui::Em(2.8f)))) {
        w.Step = ImportStep::ChooseFile;
        w.HasPreview = false;
    }
}

// A progress bar (a negative fraction: one that only moves) and, for tests, the bar as a status:
// "progress 42%" (-1 when it only moves).
void ProgressBarRow(float fraction) {
    float width = std::min(ImGui::GetContentRegionAvail().x, ui::Em(30.0f));
    ImVec2 pos = ImGui::GetCursorScreenPos();
    ImGui::ProgressBar(fraction, ImVec2(width, ui::Em(1.2f)), "");
    std::string text = "progress " + std::to_string(fraction < 0 ? -1 : static_cast<int>(fraction * 100.0f)) + "%";
    item_registry::AddText(item_registry::Role::Status, text.c_str(), pos, ImVec2(pos.x + width, pos.y + ui::Em(1.2f)));
}

// Files being read: a progress bar (the share of a batch read, or a moving bar for one big file).
void DrawReading(AppState& state) {
    ImportWizardView& w = state.Customers.Import;
    StepHeader(state, w.Checker ? 2 : 0);
    ui::Paragraph(profila::FormatText(state.T(w.Checker ? "customers.import.checking" : "customers.import.reading"), {w.ReadingName}).c_str());
    // A batch: files read, and within the file being read its zip members; one other file: a moving bar.
    float fraction = -1.0f * static_cast<float>(ImGui::GetTime());
    if (w.Checker) fraction = w.Checker->Progress();
    else if (w.SheetReader) fraction = w.SheetReader->Progress();
    else if (!w.Batch.empty()) {
        float within = w.Reader && w.Reader->Total() > 0 ? static_cast<float>(w.Reader->Done()) / static_cast<float>(w.Reader->Total()) : 0.0f;
        fraction = (static_cast<float>(w.BatchRead) + within) / static_cast<float>(w.Batch.size());
    }
    // A known share moves the bar ten times a second, not every frame: a frame whose picture is
    // unchanged is not drawn (platform), so the busy frames go to the work, not to the same bar
    // again (software GL, as in headless Chromium, spent half of each frame reading the canvas back).
    double now = ImGui::GetTime();
    if (fraction >= 0.0f && w.ShownFraction >= 0.0f && fraction < 1.0f && now - w.ShownAt < 0.1) {
        fraction = w.ShownFraction;
    } else {
        w.ShownFraction = fraction;
        w.ShownAt = now;
    }
    ProgressBarRow(fraction);
    w.ReadingShown = true;
}

// Import pressed: a frame saying so, with a moving bar, before the import is applied and stored
// (100,000 customers hold the page for a good half second, which the person should not spend
// looking at a button that seems not to have worked).
bool DrawApplying(AppState& state) {
    ImportWizardView& w = state.Customers.Import;
    if (!w.Applying) return false;
    if (w.ApplyingShown) {
        w.Applying = w.ApplyingShown = false;
        ConfirmImport(state);
        return true;
    }
    StepHeader(state, 2);
    ui::Paragraph(state.T("customers.import.saving"));
    ProgressBarRow(-1.0f * static_cast<float>(ImGui::GetTime()));
    w.ApplyingShown = true;
    return true;
}

void DrawReview(AppState& state) {
    ImportWizardView& w = state.Customers.Import;
    const profila::ImportResult& r = w.Result;
    if (DrawApplying(state)) return;
    StepHeader(state, 2);
    FileFacts(state);
    QueuedFiles(state);
    if (!r.Ok()) {
        // Rows to mend in a spreadsheet, or a file that cannot be read as it is (an invoice, a contacts
        // file, a damaged workbook: every error is the whole file's).
        bool rows = w.Source == ImportSource::Table &&
                    std::any_of(r.Errors.begin(), r.Errors.end(), [](const profila::ImportError& e) { return e.Line > 0; });
        std::string text = profila::FormatText(state.T(rows ? "customers.import.refused" : "customers.import.refused_file"), {ui::FormatCount(state, static_cast<long long>(r.ErrorCount))});
        ui::StatusMessage(ui::Tone::Bad, text.c_str());
    } else {
        std::string text = profila::FormatText(state.T("customers.import.ready"),
                                               {ui::FormatCount(state, static_cast<long long>(r.NewCustomers.size())), ui::FormatCount(state, static_cast<long long>(r.UpdatedCustomers.size())),
                                                ui::FormatCount(state, static_cast<long long>(r.PurchasesAdded)), ui::FormatCount(state, static_cast<long long>(r.RowsRead))});
        ui::StatusMessage(ui::Tone::Good, text.c_str());
    }
    if (w.SkippedForgotten > 0)
        ui::StatusMessage(ui::Tone::Warning, profila::FormatText(state.T("privacy.skipped_import"), {ui::FormatCount(state, static_cast<long long>(w.SkippedForgotten))}).c_str());
    ImGui::Dummy(ui::EmVec(0, 0.2f));

    bool import = false;
    if (r.Ok()) {
        std::string label = profila::FormatText(state.T("customers.import.confirm"),
                                                {ui::FormatCount(state, static_cast<long long>(r.NewCustomers.size() + r.UpdatedCustomers.size()))});
        import = ui::PrimaryButton(LabelIcon(ICON_CHECK, label.c_str(), "import.confirm").c_str(), ImVec2(0, ui::Em(2.8f)));
        ImGui::SameLine();
    }
    if (w.Source == ImportSource::Table) {
        if (ui::SecondaryButton(LabelIcon(ICON_CHEVRON_L, state.T("customers.import.back_to_columns"), "import.back").c_str(),
                                ImVec2(0, ui::Em(2.8f)))) {
            CompletePreview(state);
            w.Step = ImportStep::Mapping;
        }
        ImGui::SameLine();
    }
    if (ui::SecondaryButton(LabelIcon(ICON_FILE, state.T("customers.import.other_file"), "import.other_file").c_str(), ImVec2(0, ui::Em(2.8f)))) {
        w.Step = ImportStep::ChooseFile;
        w.HasPreview = false;
    }
    if (import) {
        w.Applying = true;  // applied next frame, once "Saving" is on screen (DrawApplying)
        w.ApplyingShown = false;
        return;
    }

    // A batch of invoices: what is left out, and why.
    if (w.Source == ImportSource::Invoices) {
        if (w.AlreadyImported > 0) ui::MutedText(profila::FormatText(state.T("customers.import.already_imported"), {ui::FormatCount(state, static_cast<long long>(w.AlreadyImported))}).c_str());
        if (w.Received > 0) ui::MutedText(profila::FormatText(state.T("customers.import.received"), {ui::FormatCount(state, static_cast<long long>(w.Received))}).c_str());
        if (!w.SkippedFiles.empty()) {
            std::string names;
            for (const std::string& n : w.SkippedFiles) names += (names.empty() ? "" : ", ") + n.substr(n.find('!') == std::string::npos ? 0 : n.find('!') + 1);
            ImGui::PushTextWrapPos(0.0f);
            ui::MutedText(profila::FormatText(state.T("customers.import.skipped_files"), {names}).c_str());
            ImGui::PopTextWrapPos();
        }
        if (!w.BadFiles.empty()) {
            std::string text = profila::FormatText(state.T("customers.import.bad_files"), {std::to_string(w.BadFiles.size())});
            ui::StatusMessage(ui::Tone::Warning, text.c_str());
            // Tall enough for the messages as they wrap (a portrait tablet wraps each in two lines).
            const ImGuiStyle& style = ImGui::GetStyle();
            float wrap = ImGui::GetContentRegionAvail().x - style.WindowPadding.x * 2.0f - style.ScrollbarSize;
            float needed = style.WindowPadding.y * 2.0f;
            for (const std::string& m : w.BadFiles) needed += ImGui::CalcTextSize(m.c_str(), nullptr, false, wrap).y + style.ItemSpacing.y;
            ImGui::BeginChild("##import.bad_files", ImVec2(0, std::min(ui::Em(14.0f), needed)), true);
            ImGui::PushTextWrapPos(0.0f);
            for (const std::string& m : w.BadFiles) ImGui::TextUnformatted(m.c_str());
            ImGui::PopTextWrapPos();
            ImGui::EndChild();
        }
    }

    // Errors by line and column, then possible duplicates; the lists scroll on their own.
    float list_h = std::max(ui::Em(10.0f), ImGui::GetContentRegionAvail().y - ui::Em(1.0f));
    bool both = !r.Errors.empty() && !r.Duplicates.empty();
    if (!r.Errors.empty()) {
        ui::Heading(state.UiFonts.Heading, state.T("customers.import.errors"));
        if (r.ErrorCount > r.Errors.size()) {
            std::string more = profila::FormatText(state.T("customers.import.errors_more"),
                                                   {ui::FormatCount(state, static_cast<long long>(r.Errors.size())), ui::FormatCount(state, static_cast<long long>(r.ErrorCount))});
            ui::MutedText(more.c_str());
        }
        ImGui::BeginChild("##import.errors", ImVec2(0, both ? list_h * 0.5f : list_h), ImGuiChildFlags_Border);
        ImGuiListClipper clipper;
        clipper.Begin(static_cast<int>(r.Errors.size()));
        while (clipper.Step())
            for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
                std::string text = ErrorText(state, r.Errors[static_cast<size_t>(i)], w.Mapping);
                ImGui::PushStyleColor(ImGuiCol_Text, ui::Colors().Bad);
                ImGui::TextUnformatted(ICON_WARNING);
                ImGui::PopStyleColor();
                ImGui::SameLine();
                ImGui::TextUnformatted(text.c_str());
                item_registry::AddText(item_registry::Role::Status, text.c_str(), ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
            }
        ImGui::EndChild();
    }
    if (!r.Duplicates.empty()) {
        ui::Heading(state.UiFonts.Heading, state.T("customers.import.duplicates"));
        ui::MutedText(state.T("customers.import.duplicates_help"));
        ImGui::BeginChild("##import.duplicates", ImVec2(0, both ? list_h * 0.5f : list_h), ImGuiChildFlags_Border);
        ImGuiListClipper clipper;
        clipper.Begin(static_cast<int>(r.Duplicates.size()));
        while (clipper.Step())
            for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
                const profila::PossibleDuplicate& d = r.Duplicates[static_cast<size_t>(i)];
                std::string other;
                if (!d.ExistingId.empty()) {
                    const profila::Customer* existing = FindCustomer(state.Doc, d.ExistingId);
                    std::string name = existing ? (existing->Name.empty() ? existing->Company : existing->Name) : d.ExistingId;
                    other = profila::FormatText(state.T("customers.import.dup_existing"), {name});
                } else {
                    other = profila::FormatText(state.T("customers.import.dup_line"), {std::to_string(d.OtherLine)});
                }
                std::string reason_key = std::string("customers.import.dup.") + profila::DuplicateReasonKey(d.Reason);
                std::string text = profila::FormatText(state.T("customers.import.dup_text"),
                                                       {std::to_string(d.Line), d.ImportedName, state.T(reason_key.c_str()), d.Value, other});
                ImGui::TextUnformatted(text.c_str());
                item_registry::AddText(item_registry::Role::Text, text.c_str(), ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
            }
        ImGui::EndChild();
    }
}

}  // namespace

// ---- [SECTION] Wizard ------------------------------------------------------------------------------
void DrawImportWizard(AppState& state) {
    AdvanceImportReading(state);
    ImportWizardView& w = state.Customers.Import;
    if (ui::SecondaryButton(LabelIcon(ICON_TIMES, state.T("customers.import.cancel"), "import.cancel").c_str(), ImVec2(0, ui::Em(2.6f)))) {
        state.Customers.Import = ImportWizardView();
        state.Customers.Mode = CustomersMode::List;
        return;
    }
    ui::Heading(state.UiFonts.Title, state.T("customers.import.title"));
    switch (w.Step) {
        case ImportStep::ChooseFile: DrawChooseFile(state); break;
        case ImportStep::Mapping: DrawMapping(state); break;
        case ImportStep::Review: DrawReview(state); break;
        case ImportStep::Reading: DrawReading(state); break;
    }
}
