// The headless platform (native tests): platform.h with no window and no renderer. A test runs
// the frames itself (platform_null::RunFrame) and reads the widgets through the item registry.
//
// [SECTION] State
// [SECTION] /assets (platform::AssetPath)
// [SECTION] Frames
// [SECTION] platform.h
// [SECTION] Test controls
#include "platform_null.h"


#include <cmath>
#include <cstdio>
#include <cstring>
#include <utility>

#include "imgui.h"
#include "item_registry.h"

#ifndef PROFILA_ASSETS_DIR
#define PROFILA_ASSETS_DIR "assets"
#endif

namespace {

// ---- [SECTION] State ----------------------------------------------------------------------------
struct NullState {
    float CssWidth = 1280.0f, CssHeight = 800.0f;  // the e2e tests' viewport
    float Dpr = 1.0f;
    float TextScale = 1.0f;
    float AppliedScale = 0.0f;                     // the scale fonts and style were last built for
    bool TouchUi = false, AppliedTouchUi = false;
    bool Dark = false;
    float Pressure = -1.0f;
    std::string Language = "en";
    std::map<std::string, std::string> Query;
    std::map<std::string, std::string> Settings;
    std::vector<platform_null::DownloadedBytes> Downloads;
    std::vector<std::vector<platform::IncomingFile>> Incoming;
    platform::FrameCallbacks Callbacks;
};

NullState& S() {
    static NullState state;  // the one "page" of the process, reset by platform_null::Reset()
    return state;
}

}  // namespace

// ---- [SECTION] /assets --------------------------------------------------------------------------
// Natively the packaged files are the repository's assets/ folder, and the fonts Debian's full
// Inter and Fork Awesome (the web build subsets those same files). A missing font falls back to
// ImGui's default one (ui::LoadFonts).
std::string platform::AssetPath(const std::string& relative) {
    struct FontFile {
        const char* Packaged;
        const char* Native;
    };
    static const FontFile kFonts[] = {
        {"fonts/Inter-Regular.otf", "/usr/share/fonts/opentype/inter/Inter-Regular.otf"},
        {"fonts/Inter-SemiBold.otf", "/usr/share/fonts/opentype/inter/Inter-SemiBold.otf"},
        {"fonts/ForkAwesome.ttf", "/usr/share/fonts/truetype/fork-awesome/forkawesome-webfont.ttf"},
    };
    for (const FontFile& f : kFonts)
        if (relative == f.Packaged) return f.Native;
    return std::string(PROFILA_ASSETS_DIR) + "/" + relative;
}

namespace {

// ---- [SECTION] Frames ---------------------------------------------------------------------------
// As the web loop: a new scale (devicePixelRatio x text size) or a switch to touch targets rebuilds
// fonts and style before the frame.
void ApplyScaleIfChanged() {
    NullState& s = S();
    float scale = s.Dpr * s.TextScale;
    if (std::fabs(scale - s.AppliedScale) < 0.001f && s.TouchUi == s.AppliedTouchUi) return;
    s.AppliedScale = scale;
    s.AppliedTouchUi = s.TouchUi;
    if (s.Callbacks.ScaleChanged) s.Callbacks.ScaleChanged(s.Callbacks.User, scale);
}

}  // namespace

// ---- [SECTION] platform.h -----------------------------------------------------------------------
namespace platform {

bool Init() {
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // as on the web: layout is code
    io.LogFilename = nullptr;
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    io.ConfigWindowsMoveFromTitleBarOnly = true;
    io.BackendPlatformName = "profila_null";
    io.DisplaySize = ImVec2(S().CssWidth * S().Dpr, S().CssHeight * S().Dpr);
    // An atlas from the start, so a frame can run before the app loads its fonts.
    io.Fonts->AddFontDefault();
    io.Fonts->Build();
    S().AppliedScale = 0.0f;  // the first frame builds the app's fonts
    return true;
}

void RunLoop(const FrameCallbacks& callbacks) {
    platform_null::SetFrameCallbacks(callbacks);
    for (;;) platform_null::RunFrame(1.0f / 60.0f);
}

float UiScale() { return S().Dpr * S().TextScale; }
void SetTextScale(float text_scale) { S().TextScale = text_scale; }
float DevicePixelRatio() { return S().Dpr; }
bool TouchUi() { return S().TouchUi; }

std::string QueryParam(const char* name) {
    auto it = S().Query.find(name);
    return it == S().Query.end() ? std::string() : it->second;
}
std::string BrowserLanguage() { return S().Language; }
bool PrefersDarkScheme() { return S().Dark; }
bool PrefersReducedMotion() { return true; }  // no animations to wait for in tests

std::string LoadSetting(const char* key) {
    auto it = S().Settings.find(key);
    return it == S().Settings.end() ? std::string() : it->second;
}
void SaveSetting(const char* key, const std::string& value) { S().Settings[key] = value; }

void DownloadBytes(const std::string& file_name, const std::string& mime, const std::vector<uint8_t>& bytes) {
    S().Downloads.push_back({file_name, mime, bytes});
}
float PenPressure() { return S().Pressure; }
std::vector<std::vector<IncomingFile>> TakeIncomingFiles() { return std::exchange(S().Incoming, {}); }
std::shared_ptr<const profila::ByteSource> PageFile(int, double) { return std::make_shared<profila::BytesInMemory>(std::string()); }

}  // namespace platform

// ---- [SECTION] Test controls --------------------------------------------------------------------
namespace platform_null {

void Reset() { S() = NullState{}; }
void QueueIncomingFiles(std::vector<platform::IncomingFile> batch) { S().Incoming.push_back(std::move(batch)); }
void SetDisplaySize(float css_width, float css_height) {
    S().CssWidth = css_width;
    S().CssHeight = css_height;
}
void SetDevicePixelRatio(float dpr) { S().Dpr = dpr; }
void SetTouchUi(bool touch) { S().TouchUi = touch; }
void SetQueryParam(const std::string& name, const std::string& value) { S().Query[name] = value; }
void SetBrowserLanguage(const std::string& tag) { S().Language = tag; }
void SetPrefersDark(bool dark) { S().Dark = dark; }
void SetPenPressure(float pressure) { S().Pressure = pressure; }
std::map<std::string, std::string>& Settings() { return S().Settings; }
void SetFrameCallbacks(const platform::FrameCallbacks& callbacks) { S().Callbacks = callbacks; }

void RunFrame(float dt) {
    NullState& s = S();
    ImGuiIO& io = ImGui::GetIO();
    ApplyScaleIfChanged();
    io.DeltaTime = dt > 0.0f ? dt : 1e-4f;
    io.DisplaySize = ImVec2(std::round(s.CssWidth * s.Dpr), std::round(s.CssHeight * s.Dpr));
    io.DisplayFramebufferScale = ImVec2(1.0f, 1.0f);  // ImGui works in physical pixels, as on the web
    io.MouseDragThreshold = (s.TouchUi ? 10.0f : 6.0f) * s.Dpr;
    ImGui::NewFrame();
    item_registry::BeginFrame();
    if (s.Callbacks.Frame) s.Callbacks.Frame(s.Callbacks.User);
    item_registry::EndFrame(s.Dpr);
    ImGui::Render();
}

void Shutdown() {
    if (ImGui::GetCurrentContext()) ImGui::DestroyContext();
}

const std::vector<DownloadedBytes>& Downloads() { return S().Downloads; }

}  // namespace platform_null
