#include "item_registry.h"

#include <nlohmann/json.hpp>
#include "imgui_internal.h"

namespace item_registry {
namespace {

struct Registry {
    std::vector<Item> Building;
    std::vector<Item> Last;
    std::string LastJson = "[]";
};

Registry& R() {
    static Registry registry;  // one per app; lives as long as the ImGui context
    return registry;
}

// The text a person reads: up to "##", without icon glyphs (Fork Awesome sits at U+F000-U+F2FF,
// UTF-8 EF 80 80 .. EF 8B BF) and surrounding spaces.
std::string VisibleLabel(const char* label) {
    std::string out;
    for (const char* p = label; *p && !(p[0] == '#' && p[1] == '#'); ++p) {
        auto b = static_cast<unsigned char>(*p);
        if (b == 0xEF && p[1] && static_cast<unsigned char>(p[1]) >= 0x80 && static_cast<unsigned char>(p[1]) <= 0x8B && p[2]) {
            p += 2;
            continue;
        }
        out += *p;
    }
    size_t first = out.find_first_not_of(' ');
    if (first == std::string::npos) return {};
    return out.substr(first, out.find_last_not_of(' ') - first + 1);
}

std::string LabelKey(const char* label) {
    const char* hashes = strstr(label, "##");
    if (!hashes) return {};
    hashes += 2;
    while (*hashes == '#') ++hashes;
    return hashes;
}

bool ClipToVisible(ImGuiContext& g, ImRect& rect) {
    if (g.CurrentWindow) rect.ClipWithFull(g.CurrentWindow->ClipRect);
    return rect.GetWidth() > 0.5f && rect.GetHeight() > 0.5f;
}

Role RoleFromFlags(ImGuiItemStatusFlags flags) {
    if (flags & ImGuiItemStatusFlags_Inputable) return Role::Input;
    if (flags & ImGuiItemStatusFlags_Checkable) return Role::Checkbox;
    if (flags & ImGuiItemStatusFlags_Openable) return Role::Tab;
    return Role::Button;
}

const char* RoleName(Role role) {
    switch (role) {
        case Role::Button: return "button";
        case Role::Input: return "input";
        case Role::Checkbox: return "checkbox";
        case Role::Heading: return "heading";
        case Role::Text: return "text";
        case Role::Status: return "status";
        case Role::Tab: return "tab";
        case Role::Other: break;
    }
    return "other";
}

}  // namespace

void AddText(Role role, const char* text, ImVec2 min, ImVec2 max) {
    ImGuiContext& g = *GImGui;
    ImRect rect(min, max);
    if (!ClipToVisible(g, rect)) return;
    Item item;
    item.Label = VisibleLabel(text);  // a status's leading icon is not read out
    item.ItemRole = role;
    item.Min = rect.Min;
    item.Max = rect.Max;
    R().Building.push_back(std::move(item));
}

void BeginFrame() {
    GImGui->TestEngineHookItems = true;
    R().Building.clear();
}

void EndFrame(float dpr) {
    Registry& r = R();
    r.Last.swap(r.Building);
    nlohmann::json out = nlohmann::json::array();
    for (const Item& item : r.Last) {
        out.push_back({{"id", item.Id},
                       {"label", item.Label},
                       {"key", item.Key},
                       {"role", RoleName(item.ItemRole)},
                       {"checked", item.Checked},
                       {"x", item.Min.x / dpr},
                       {"y", item.Min.y / dpr},
                       {"w", (item.Max.x - item.Min.x) / dpr},
                       {"h", (item.Max.y - item.Min.y) / dpr}});
    }
    r.LastJson = out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

const std::vector<Item>& LastFrame() { return R().Last; }
const char* LastFrameJson() { return R().LastJson.c_str(); }

}  // namespace item_registry

// ---- Dear ImGui test-engine hooks (declared in imgui_internal.h under IMGUI_ENABLE_TEST_ENGINE) ----

void ImGuiTestEngineHook_ItemAdd(ImGuiContext*, ImGuiID, const ImRect&, const ImGuiLastItemData*) {
    // Rectangles are taken in ItemInfo, which only labelled, unclipped widgets call.
}

void ImGuiTestEngineHook_ItemInfo(ImGuiContext* ctx, ImGuiID id, const char* label, ImGuiItemStatusFlags flags) {
    ImGuiContext& g = *ctx;
    if (!label || g.LastItemData.ID != id) return;
    ImRect rect = g.LastItemData.Rect;
    if (!item_registry::ClipToVisible(g, rect)) return;
    item_registry::Item item;
    item.Id = id;
    item.Label = item_registry::VisibleLabel(label);
    std::string key = item_registry::LabelKey(label);
    if (item.Label.empty() && key.empty()) return;  // purely internal widgets (scrollbars, "##x")
    if (item.Label.empty()) item.Label = key;
    item.Key = key;
    item.ItemRole = item_registry::RoleFromFlags(flags);
    item.Checked = (flags & ImGuiItemStatusFlags_Checked) != 0;
    item.Min = rect.Min;
    item.Max = rect.Max;
    item_registry::R().Building.push_back(std::move(item));
}

void ImGuiTestEngineHook_Log(ImGuiContext*, const char*, ...) {}

const char* ImGuiTestEngine_FindItemDebugLabel(ImGuiContext*, ImGuiID) { return nullptr; }
