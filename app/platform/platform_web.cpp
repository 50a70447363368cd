// Emscripten implementation of the platform seam: a small Dear ImGui platform backend on the
// html5.h API (no GLFW), rendering through imgui_impl_opengl3 on a WebGL2 context.
//
// [SECTION] State
// [SECTION] JS bridge (web/library_profila.js) and exports called from web/*.js
// [SECTION] Keyboard
// [SECTION] Mouse and touch (gestures in touch_gestures.cpp)
// [SECTION] Canvas size and devicePixelRatio
// [SECTION] Frame and loop (text agent, keyboard focus ring, the edited field above the keyboard)
//
// Why not GLFW: Emscripten 3.1.6's GLFW turns touches into mouse events with a stale position
// (phantom clicks), and imgui_impl_glfw 1.90.1 re-injects the cursor position every frame while
// no mouse is "in the window", overwriting touches (see shared/TABLET.md; fixed upstream only in
// Emscripten 3.1.51 and Dear ImGui 1.91). Owning the events here avoids both.
#include "platform.h"

#include <emscripten.h>
#include <emscripten/html5.h>
#include <GLES3/gl3.h>

#include <cfloat>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "imgui.h"
#include "imgui_impl_opengl3.h"
#include "imgui_internal.h"
#include "item_registry.h"
#include "touch_gestures.h"

// ---- [SECTION] JS bridge ------------------------------------------------------------------------
extern "C" {
void profila_js_text_agent(int want, float x, float y, float h);
void profila_js_set_cursor(const char* css_cursor);
void profila_js_clipboard_write(const char* text);
void profila_js_frame_done(int frame);
char* profila_js_query_param(const char* name);   // malloc'd, caller frees
char* profila_js_browser_language();
char* profila_js_load_setting(const char* key);
void profila_js_save_setting(const char* key, const char* value);
int profila_js_media_matches(const char* query);
void profila_js_download_bytes(const char* name, const char* mime, const uint8_t* data, int size);
float profila_js_pen_pressure();
}

namespace platform {
namespace {

// ---- [SECTION] State --------------------------------------------------------------------------
struct WebState {
    EMSCRIPTEN_WEBGL_CONTEXT_HANDLE Gl = 0;
    FrameCallbacks Callbacks;
    double LastTime = 0.0;
    float Dpr = 1.0f;
    float TextScale = 1.0f;
    float AppliedScale = 0.0f;   // ui scale the fonts and style were last built for
    int Width = 0, Height = 0;   // canvas backing store, physical pixels
    int Frame = 0;
    bool TextAgentFocused = false;
    ImVec2 ImePos = ImVec2(0, 0);
    float ImeLineHeight = 0.0f;
    std::string PastedText;      // text of the last DOM paste, returned once to ImGui
    std::vector<IncomingFile> IncomingBatch;                 // a drop or share being handed over
    std::vector<std::vector<IncomingFile>> Incoming;         // complete batches, taken by the app
    std::string CopiedText;
    int TouchId = -1;            // the one finger we follow
    bool TouchUi = false;        // last input was a finger (or the main pointer is coarse): larger targets
    bool AppliedTouchUi = false; // what the style was last built for
    bool KeysToPage = false;     // a page element (the accessible mirror) has focus: keys are its own
    bool ReducedMotion = false;  // prefers-reduced-motion, read when a touch ends
    float LastDisplayHeight = 0; // to keep the edited field visible when the keyboard resizes the view
    bool LastWantText = false;
    ImGuiMouseCursor Cursor = ImGuiMouseCursor_COUNT;
    double FrameCpuMs = 0.0;     // NewFrame to Render of the last frame (window.profila.frameCpuMs)
    uint64_t DrawnSignature = 0; // of the draw data on the canvas now; an unchanged frame is not drawn again
    int DrawsSkipped = 0;        // frames whose picture was already on the canvas (window.profila.drawsSkipped)
};

WebState& S() {
    static WebState state;
    return state;
}

std::string TakeJsString(char* p) {
    std::string out = p ? p : "";
    free(p);
    return out;
}

void RunOneFrame();

}  // namespace
}  // namespace platform

// Exports for web/*.js: what the hidden text agent receives, and paste.
extern "C" {


EMSCRIPTEN_KEEPALIVE void profila_input_text(const char* utf8) { ImGui::GetIO().AddInputCharactersUTF8(utf8); }

EMSCRIPTEN_KEEPALIVE void profila_input_key(int imgui_key) {
    ImGuiIO& io = ImGui::GetIO();
    io.AddKeyEvent(static_cast<ImGuiKey>(imgui_key), true);
    io.AddKeyEvent(static_cast<ImGuiKey>(imgui_key), false);
}

EMSCRIPTEN_KEEPALIVE int profila_key_backspace() { return ImGuiKey_Backspace; }
EMSCRIPTEN_KEEPALIVE int profila_key_enter() { return ImGuiKey_Enter; }

// A DOM paste: keep the text and send ImGui a synthetic Ctrl+V (Cmd+V with Mac behaviours);
// the clipboard getter hands the text over once (TABLET.md, "Clipboard").
EMSCRIPTEN_KEEPALIVE void profila_paste(const char* utf8) {
    ImGuiIO& io = ImGui::GetIO();
    platform::S().PastedText = utf8;
    ImGuiKey mod = io.ConfigMacOSXBehaviors ? ImGuiMod_Super : ImGuiMod_Ctrl;
    io.AddKeyEvent(mod, true);
    io.AddKeyEvent(ImGuiKey_V, true);
    io.AddKeyEvent(ImGuiKey_V, false);
    io.AddKeyEvent(mod, false);
}

// Dropped or shared files (web/shell_input.js): each file in turn (held by the page: PageFile),
// then the end of the batch.
EMSCRIPTEN_KEEPALIVE void profila_incoming_file(const char* name, int handle, double size) {
    platform::S().IncomingBatch.push_back({name, platform::PageFile(handle, size)});
}
EMSCRIPTEN_KEEPALIVE void profila_incoming_end() {
    platform::WebState& s = platform::S();
    if (!s.IncomingBatch.empty()) s.Incoming.push_back(std::move(s.IncomingBatch));
    s.IncomingBatch.clear();
}

EMSCRIPTEN_KEEPALIVE void profila_window_blur() { ImGui::GetIO().AddFocusEvent(false); }

EMSCRIPTEN_KEEPALIVE void profila_set_mac_behaviors(int on) { ImGui::GetIO().ConfigMacOSXBehaviors = on != 0; }

// A click at a point in CSS pixels, through ImGui's ordinary mouse input (web/a11y_mirror.js: a
// screen reader activating a mirrored button presses the widget drawn there).
EMSCRIPTEN_KEEPALIVE void profila_click_at(float css_x, float css_y) {
    ImGuiIO& io = ImGui::GetIO();
    float dpr = platform::S().Dpr;
    io.AddMouseSourceEvent(ImGuiMouseSource_Mouse);
    io.AddMousePosEvent(css_x * dpr, css_y * dpr);
    io.AddMouseButtonEvent(0, true);
    io.AddMouseButtonEvent(0, false);
}

// While a page element other than the canvas and the text agent has focus, keys are left to it.
EMSCRIPTEN_KEEPALIVE void profila_keys_to_page(int on) { platform::S().KeysToPage = on != 0; }

// Milliseconds of CPU the last frame spent building the UI, NewFrame to Render (benchmarks).
EMSCRIPTEN_KEEPALIVE double profila_frame_cpu_ms() { return platform::S().FrameCpuMs; }

// Frames whose picture was already on the canvas, so nothing was drawn (tests and benchmarks).
EMSCRIPTEN_KEEPALIVE int profila_draws_skipped() { return platform::S().DrawsSkipped; }

// Input events (keys, characters, mouse) queued and not yet taken by ImGui: it takes a few per
// frame, so a burst of typing lands over several frames (tests wait until this is 0).
EMSCRIPTEN_KEEPALIVE int profila_input_pending() { return GImGui ? GImGui->InputEventsQueue.Size : 0; }

}  // extern "C"

namespace platform {
namespace {

// ---- [SECTION] Keyboard -------------------------------------------------------------------------
struct KeyName {
    const char* Code;
    ImGuiKey Key;
};

constexpr KeyName kKeysByCode[] = {
    {"Tab", ImGuiKey_Tab}, {"ArrowLeft", ImGuiKey_LeftArrow}, {"ArrowRight", ImGuiKey_RightArrow},
    {"ArrowUp", ImGuiKey_UpArrow}, {"ArrowDown", ImGuiKey_DownArrow}, {"PageUp", ImGuiKey_PageUp},
    {"PageDown", ImGuiKey_PageDown}, {"Home", ImGuiKey_Home}, {"End", ImGuiKey_End},
    {"Insert", ImGuiKey_Insert}, {"Delete", ImGuiKey_Delete}, {"Backspace", ImGuiKey_Backspace},
    {"Space", ImGuiKey_Space}, {"Enter", ImGuiKey_Enter}, {"Escape", ImGuiKey_Escape},
    {"NumpadEnter", ImGuiKey_KeypadEnter}, {"ShiftLeft", ImGuiKey_LeftShift}, {"ShiftRight", ImGuiKey_RightShift},
    {"ControlLeft", ImGuiKey_LeftCtrl}, {"ControlRight", ImGuiKey_RightCtrl}, {"AltLeft", ImGuiKey_LeftAlt},
    {"AltRight", ImGuiKey_RightAlt}, {"MetaLeft", ImGuiKey_LeftSuper}, {"MetaRight", ImGuiKey_RightSuper},
    {"F1", ImGuiKey_F1}, {"F2", ImGuiKey_F2}, {"F3", ImGuiKey_F3}, {"F4", ImGuiKey_F4}, {"F5", ImGuiKey_F5},
    {"F6", ImGuiKey_F6}, {"F7", ImGuiKey_F7}, {"F8", ImGuiKey_F8}, {"F9", ImGuiKey_F9}, {"F10", ImGuiKey_F10},
};

ImGuiKey KeyFromEvent(const EmscriptenKeyboardEvent& e) {
    // Letters follow the layout (Ctrl+Z is where the user sees Z); everything else the physical key.
    if (e.key[0] && !e.key[1]) {
        char c = e.key[0];
        if (c >= 'a' && c <= 'z') return static_cast<ImGuiKey>(ImGuiKey_A + (c - 'a'));
        if (c >= 'A' && c <= 'Z') return static_cast<ImGuiKey>(ImGuiKey_A + (c - 'A'));
    }
    for (const KeyName& k : kKeysByCode)
        if (std::strcmp(e.code, k.Code) == 0) return k.Key;
    if (std::strncmp(e.code, "Digit", 5) == 0 && e.code[5] >= '0' && e.code[5] <= '9' && !e.code[6])
        return static_cast<ImGuiKey>(ImGuiKey_0 + (e.code[5] - '0'));
    return ImGuiKey_None;
}

void UpdateModifiers(const EmscriptenKeyboardEvent& e) {
    ImGuiIO& io = ImGui::GetIO();
    io.AddKeyEvent(ImGuiMod_Ctrl, e.ctrlKey);
    io.AddKeyEvent(ImGuiMod_Shift, e.shiftKey);
    io.AddKeyEvent(ImGuiMod_Alt, e.altKey);
    io.AddKeyEvent(ImGuiMod_Super, e.metaKey);
}

EM_BOOL OnKey(int type, const EmscriptenKeyboardEvent* e, void*) {
    ImGuiIO& io = ImGui::GetIO();
    if (S().KeysToPage) return EM_FALSE;
    UpdateModifiers(*e);
    ImGuiKey key = KeyFromEvent(*e);
    if (key == ImGuiKey_None) return EM_FALSE;  // characters arrive through the text agent
    io.AddKeyEvent(key, type == EMSCRIPTEN_EVENT_KEYDOWN);
    // Let the browser keep what it needs: printable keys and Ctrl/Cmd+C/X/V/A must reach the text
    // agent (input and paste events); the rest (Tab, arrows, Backspace, Ctrl+S...) is ours.
    bool command = e->ctrlKey || e->metaKey;
    if (command && (key == ImGuiKey_C || key == ImGuiKey_X || key == ImGuiKey_V || key == ImGuiKey_A)) return EM_FALSE;
    if (!command && key >= ImGuiKey_0 && key <= ImGuiKey_Z) return EM_FALSE;
    if (key == ImGuiKey_Space) return io.WantTextInput ? EM_FALSE : EM_TRUE;
    if (key >= ImGuiKey_F5 && key <= ImGuiKey_F10) return EM_FALSE;  // reload, dev tools: the browser's
    return (key == ImGuiKey_LeftShift || key == ImGuiKey_RightShift) ? EM_FALSE : EM_TRUE;
}

// ---- [SECTION] Mouse and touch ------------------------------------------------------------------
EM_BOOL OnMouseMove(int, const EmscriptenMouseEvent* e, void*) {
    ImGuiIO& io = ImGui::GetIO();
    S().TouchUi = false;  // a real mouse: back to mouse-sized targets (applied at the next frame)
    io.AddMouseSourceEvent(ImGuiMouseSource_Mouse);
    io.AddMousePosEvent(static_cast<float>(e->targetX) * S().Dpr, static_cast<float>(e->targetY) * S().Dpr);
    return EM_FALSE;
}

EM_BOOL OnMouseButton(int type, const EmscriptenMouseEvent* e, void* user) {
    if (e->button > 2) return EM_FALSE;
    OnMouseMove(type, e, user);
    static constexpr int kImGuiButton[3] = {0, 2, 1};  // DOM: 0 left, 1 middle, 2 right
    ImGui::GetIO().AddMouseButtonEvent(kImGuiButton[e->button], type == EMSCRIPTEN_EVENT_MOUSEDOWN);
    return type == EMSCRIPTEN_EVENT_MOUSEDOWN ? EM_FALSE : EM_TRUE;
}

EM_BOOL OnMouseLeave(int, const EmscriptenMouseEvent*, void*) {
    ImGuiIO& io = ImGui::GetIO();
    if (!ImGui::IsAnyMouseDown()) io.AddMousePosEvent(-FLT_MAX, -FLT_MAX);
    return EM_FALSE;
}

EM_BOOL OnWheel(int, const EmscriptenWheelEvent* e, void*) {
    // deltaMode 0 is pixels: about 40 CSS px per wheel notch in Chromium.
    float unit = e->deltaMode == DOM_DELTA_PIXEL ? 1.0f / 40.0f : (e->deltaMode == DOM_DELTA_LINE ? 1.0f / 3.0f : 1.0f);
    ImGui::GetIO().AddMouseWheelEvent(static_cast<float>(-e->deltaX) * unit, static_cast<float>(-e->deltaY) * unit);
    return EM_TRUE;
}

const EmscriptenTouchPoint* FollowedTouch(const EmscriptenTouchEvent* e, bool changed_only) {
    for (int i = 0; i < e->numTouches; ++i) {
        const EmscriptenTouchPoint& t = e->touches[i];
        if (changed_only && !t.isChanged) continue;
        if (S().TouchId == -1 || t.identifier == S().TouchId) return &t;
    }
    return nullptr;
}

ImVec2 TouchPos(const EmscriptenTouchPoint& t) {
    return ImVec2(static_cast<float>(t.targetX) * S().Dpr, static_cast<float>(t.targetY) * S().Dpr);
}

touch::Settings GestureSettings() {
    touch::Settings settings;
    settings.SlopPx = 10.0f * S().Dpr;
    settings.FlingMinSpeedPx = 200.0f * S().Dpr;  // 200 CSS px per second
    settings.ReducedMotion = S().ReducedMotion;
    return settings;
}

// Returning true from touch handlers cancels the browser's compatibility mouse events (the
// phantom clicks) and its panning and zooming of the page. What ImGui sees of the finger (press,
// scroll, long press) is decided in touch_gestures.cpp.
EM_BOOL OnTouch(int type, const EmscriptenTouchEvent* e, void*) {
    // Velocity and long press are judged on when the finger moved (the event's timeStamp, the
    // same clock as performance.now()), not on when a busy page got round to the event.
    double now = emscripten_get_now();
    if (e->timestamp > 0.0 && e->timestamp <= now + 1000.0) now = e->timestamp;
    now /= 1000.0;
    if (type == EMSCRIPTEN_EVENT_TOUCHSTART) {
        if (S().TouchId != -1) return EM_TRUE;  // a second finger: ignored
        const EmscriptenTouchPoint* t = FollowedTouch(e, true);
        if (!t) return EM_TRUE;
        S().TouchId = t->identifier;
        touch::Begin(TouchPos(*t), now);
        return EM_TRUE;
    }
    const EmscriptenTouchPoint* t = FollowedTouch(e, true);
    if (!t || t->identifier != S().TouchId) return EM_TRUE;
    if (type == EMSCRIPTEN_EVENT_TOUCHMOVE) {
        touch::Move(TouchPos(*t), now);
        return EM_TRUE;
    }
    S().TouchId = -1;
    S().TouchUi = true;
    if (type == EMSCRIPTEN_EVENT_TOUCHCANCEL) {
        touch::Cancel();
        return EM_TRUE;
    }
    S().ReducedMotion = platform::PrefersReducedMotion();
    // Browsers open the on-screen keyboard only for a focus() inside a user gesture: after a tap,
    // run the frames that turn it into an active text field now (the press and release trickle a
    // frame each), then SyncTextAgent focuses or blurs the text agent.
    if (touch::End(TouchPos(*t), now, GestureSettings()))
        for (int i = 0; i < 3; ++i) RunOneFrame();
    return EM_TRUE;
}

// ---- [SECTION] Canvas size and devicePixelRatio -------------------------------------------------
void UpdateCanvasSize() {
    WebState& s = S();
    double css_w = 0, css_h = 0;
    emscripten_get_element_css_size("#canvas", &css_w, &css_h);
    float dpr = static_cast<float>(emscripten_get_device_pixel_ratio());
    if (dpr <= 0.0f) dpr = 1.0f;
    int w = static_cast<int>(std::lround(css_w * dpr));
    int h = static_cast<int>(std::lround(css_h * dpr));
    if (w != s.Width || h != s.Height) {
        emscripten_set_canvas_element_size("#canvas", w, h);
        s.Width = w;
        s.Height = h;
    }
    s.Dpr = dpr;
}

void ApplyScaleIfChanged() {
    WebState& s = S();
    float scale = s.Dpr * s.TextScale;
    bool touch_changed = s.TouchUi != s.AppliedTouchUi;
    // Switching target sizes moves every widget: wait until the press and release that caused it
    // have been handled, or the first tap's release lands beside the button it pressed.
    if (touch_changed && std::fabs(scale - s.AppliedScale) < 0.001f &&
        (!GImGui->InputEventsQueue.empty() || ImGui::GetIO().MouseDown[0] || touch::FingerDown()))
        return;
    if (std::fabs(scale - s.AppliedScale) < 0.001f && !touch_changed) return;
    s.AppliedScale = scale;
    s.AppliedTouchUi = s.TouchUi;  // the theme reads platform::TouchUi() for its sizes
    if (s.Callbacks.ScaleChanged) s.Callbacks.ScaleChanged(s.Callbacks.User, scale);
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImGui_ImplOpenGL3_CreateFontsTexture();
    s.DrawnSignature = 0;  // the glyphs changed under the same texture name
}

// ---- [SECTION] Frame and loop -------------------------------------------------------------------
const char* CssCursor(ImGuiMouseCursor cursor) {
    switch (cursor) {
        case ImGuiMouseCursor_TextInput: return "text";
        case ImGuiMouseCursor_Hand: return "pointer";
        case ImGuiMouseCursor_ResizeAll: return "move";
        case ImGuiMouseCursor_ResizeNS: return "ns-resize";
        case ImGuiMouseCursor_ResizeEW: return "ew-resize";
        case ImGuiMouseCursor_ResizeNESW: return "nesw-resize";
        case ImGuiMouseCursor_ResizeNWSE: return "nwse-resize";
        case ImGuiMouseCursor_NotAllowed: return "not-allowed";
        case ImGuiMouseCursor_None: return "none";
        default: return "default";
    }
}

void SyncTextAgent() {
    WebState& s = S();
    ImGuiContext& g = *GImGui;
    // While a finger is down, wait: the touchend handler focuses the agent inside the gesture,
    // which is when a tablet agrees to open its keyboard.
    if (touch::FingerDown()) return;
    // WantTextInputNextFrame (internal in 1.90.1) is what the frame just built asks for.
    bool want = g.WantTextInputNextFrame == 1 || ImGui::GetIO().WantTextInput;
    if (want != s.TextAgentFocused || want) {
        s.TextAgentFocused = want;
        profila_js_text_agent(want ? 1 : 0, s.ImePos.x / s.Dpr, s.ImePos.y / s.Dpr, s.ImeLineHeight / s.Dpr);
    }
}

// A focus ring for keyboard navigation that every widget gets, including InvisibleButton-based
// ones (cards, the navigation rail) that draw no highlight of their own.
void DrawFocusRing() {
    ImGuiContext& g = *GImGui;
    // Not when the focused widget is gone (a button that changed the screen).
    if (g.NavDisableHighlight || g.NavId == 0 || !g.NavIdIsAlive || !g.NavWindow || g.NavWindow->Hidden) return;
    ImGuiWindow* w = g.NavWindow;
    ImRect r = ImGui::WindowRectRelToAbs(w, w->NavRectRel[g.NavLayer]);
    if (r.IsInverted() || r.GetWidth() <= 0.0f) return;
    float px = S().Dpr;
    r.Expand(3.0f * px);
    ImRect clip = w->OuterRectClipped;
    clip.Expand(3.0f * px);
    ImDrawList* draw = ImGui::GetForegroundDrawList();
    draw->PushClipRect(clip.Min, clip.Max, false);
    draw->AddRect(r.Min, r.Max, ImGui::GetColorU32(ImGuiCol_NavHighlight), g.Style.FrameRounding + 3.0f * px, 0, 3.0f * px);
    draw->PopClipRect();
}

// When the visible height shrinks (the on-screen keyboard; shell_input.js sizes the canvas to the
// visual viewport) or a field starts taking text, scroll the field being edited into view.
void KeepEditedFieldVisible() {
    WebState& s = S();
    ImGuiContext& g = *GImGui;
    bool want = ImGui::GetIO().WantTextInput;
    float height = ImGui::GetIO().DisplaySize.y;
    bool changed = (want && !s.LastWantText) || height < s.LastDisplayHeight - 0.5f;
    s.LastWantText = want;
    s.LastDisplayHeight = height;
    if (!want || !changed || g.InputTextState.ID == 0) return;
    ImGuiWindow* w = g.ActiveIdWindow ? g.ActiveIdWindow : g.NavWindow;
    float pad = ImGui::GetFontSize();
    ImRect caret(s.ImePos.x, s.ImePos.y - pad, s.ImePos.x + 1.0f, s.ImePos.y + s.ImeLineHeight + pad);
    for (; w; w = (w->Flags & ImGuiWindowFlags_ChildWindow) ? w->ParentWindow : nullptr) {
        if (w->ScrollMax.y > 0.0f && !w->InnerClipRect.Contains(caret)) {
            ImVec2 delta = ImGui::ScrollToRectEx(w, caret, ImGuiScrollFlags_KeepVisibleEdgeY);
            caret.Translate(ImVec2(0, -delta.y));
        }
    }
}

// A 64-bit digest of everything the GL backend draws from: vertices, indices, each command's clip,
// texture and range, the canvas size and the clear colour. Equal digests draw equal pixels.
uint64_t DrawDataSignature(const ImDrawData* data, int width, int height, const ImVec4& clear) {
    uint64_t h = 0x9E3779B97F4A7C15ull;
    auto mix = [&h](uint64_t v) {
        h ^= v + 0x9E3779B97F4A7C15ull + (h << 6) + (h >> 2);
        h *= 0xFF51AFD7ED558CCDull;
    };
    auto bytes = [&mix](const void* p, size_t n) {
        const unsigned char* c = static_cast<const unsigned char*>(p);
        size_t i = 0;
        for (; i + 8 <= n; i += 8) {
            uint64_t v;
            std::memcpy(&v, c + i, 8);
            mix(v);
        }
        uint64_t tail = 0;
        std::memcpy(&tail, c + i, n - i);
        mix(tail ^ (static_cast<uint64_t>(n) << 56));
    };
    mix(static_cast<uint64_t>(width) << 32 | static_cast<uint32_t>(height));
    bytes(&clear, sizeof(clear));
    if (!data || !data->Valid) return h;
    for (const ImDrawList* list : data->CmdLists) {
        bytes(list->VtxBuffer.Data, static_cast<size_t>(list->VtxBuffer.Size) * sizeof(ImDrawVert));
        bytes(list->IdxBuffer.Data, static_cast<size_t>(list->IdxBuffer.Size) * sizeof(ImDrawIdx));
        for (const ImDrawCmd& cmd : list->CmdBuffer) {
            bytes(&cmd.ClipRect, sizeof(cmd.ClipRect));
            mix(reinterpret_cast<uintptr_t>(cmd.TextureId));
            mix(static_cast<uint64_t>(cmd.VtxOffset) << 32 | cmd.IdxOffset);
            mix(static_cast<uint64_t>(cmd.ElemCount) << 32 | static_cast<uint32_t>(reinterpret_cast<uintptr_t>(cmd.UserCallback)));
        }
    }
    return h;
}

void RunOneFrame() {
    WebState& s = S();
    ImGuiIO& io = ImGui::GetIO();
    UpdateCanvasSize();
    ApplyScaleIfChanged();
    double now = emscripten_get_now() / 1000.0;
    io.DeltaTime = s.LastTime > 0.0 ? static_cast<float>(std::max(now - s.LastTime, 1e-4)) : 1.0f / 60.0f;
    s.LastTime = now;
    io.DisplaySize = ImVec2(static_cast<float>(s.Width), static_cast<float>(s.Height));
    io.DisplayFramebufferScale = ImVec2(1.0f, 1.0f);  // ImGui works in physical pixels already

    double cpu_start = emscripten_get_now();  // CPU time of building the UI (benchmarks read it)
    io.MouseDragThreshold = (s.TouchUi ? 10.0f : 6.0f) * s.Dpr;  // no accidental drags from a tap

    ImGui_ImplOpenGL3_NewFrame();
    ImGui::NewFrame();
    touch::Update(now, GestureSettings());
    item_registry::BeginFrame();
    s.Callbacks.Frame(s.Callbacks.User);
    item_registry::EndFrame(s.Dpr);
    DrawFocusRing();
    KeepEditedFieldVisible();
    ImGui::Render();
    s.FrameCpuMs = emscripten_get_now() - cpu_start;

    // Software GL (and a tablet's battery) pays for every pixel of every frame: when this frame's
    // picture is the one already on the canvas (preserveDrawingBuffer keeps it), draw nothing.
    ImVec4 bg = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
    uint64_t signature = DrawDataSignature(ImGui::GetDrawData(), s.Width, s.Height, bg);
    if (signature != s.DrawnSignature) {
        glViewport(0, 0, s.Width, s.Height);
        glClearColor(bg.x, bg.y, bg.z, 1.0f);
        glClear(GL_COLOR_BUFFER_BIT);
        ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
        s.DrawnSignature = signature;
    } else {
        ++s.DrawsSkipped;
    }

    ImGuiMouseCursor cursor = ImGui::GetMouseCursor();
    if (cursor != s.Cursor) {
        s.Cursor = cursor;
        profila_js_set_cursor(CssCursor(cursor));
    }
    SyncTextAgent();
    profila_js_frame_done(++s.Frame);
}

void LoopBody(void*) { RunOneFrame(); }

const char* GetClipboard(void*) {
    WebState& s = S();
    if (s.PastedText.empty()) return nullptr;
    s.CopiedText.swap(s.PastedText);  // handed over once: a real Ctrl+V and the synthetic one paste once
    s.PastedText.clear();
    return s.CopiedText.c_str();
}

void SetClipboard(void*, const char* text) { profila_js_clipboard_write(text); }

void SetImeData(ImGuiViewport*, ImGuiPlatformImeData* data) {
    S().ImePos = data->InputPos;
    S().ImeLineHeight = data->InputLineHeight;
}

}  // namespace

bool Init() {
    EmscriptenWebGLContextAttributes attrs;
    emscripten_webgl_init_context_attributes(&attrs);
    attrs.majorVersion = 2;
    attrs.minorVersion = 0;
    attrs.alpha = EM_FALSE;
    attrs.antialias = EM_FALSE;
    attrs.depth = EM_FALSE;
    attrs.stencil = EM_FALSE;
    attrs.preserveDrawingBuffer = EM_TRUE;  // screenshots and the PNG exports read the canvas back
    WebState& s = S();
    s.Gl = emscripten_webgl_create_context("#canvas", &attrs);
    if (s.Gl <= 0) return false;
    emscripten_webgl_make_context_current(s.Gl);

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // layout is code; settings live in browser storage
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    io.ConfigWindowsMoveFromTitleBarOnly = true;
    io.BackendPlatformName = "profila_html5";
    io.BackendFlags |= ImGuiBackendFlags_HasMouseCursors;
    io.GetClipboardTextFn = GetClipboard;
    io.SetClipboardTextFn = SetClipboard;
    io.SetPlatformImeDataFn = SetImeData;
    if (!ImGui_ImplOpenGL3_Init("#version 300 es")) return false;

    const char* canvas = "#canvas";
    emscripten_set_keydown_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, nullptr, EM_TRUE, OnKey);
    emscripten_set_keyup_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, nullptr, EM_TRUE, OnKey);
    emscripten_set_mousedown_callback(canvas, nullptr, EM_TRUE, OnMouseButton);
    emscripten_set_mouseup_callback(EMSCRIPTEN_EVENT_TARGET_DOCUMENT, nullptr, EM_TRUE, OnMouseButton);
    emscripten_set_mousemove_callback(canvas, nullptr, EM_TRUE, OnMouseMove);
    emscripten_set_mouseleave_callback(canvas, nullptr, EM_TRUE, OnMouseLeave);
    emscripten_set_wheel_callback(canvas, nullptr, EM_TRUE, OnWheel);
    emscripten_set_touchstart_callback(canvas, nullptr, EM_TRUE, OnTouch);
    emscripten_set_touchmove_callback(canvas, nullptr, EM_TRUE, OnTouch);
    emscripten_set_touchend_callback(canvas, nullptr, EM_TRUE, OnTouch);
    emscripten_set_touchcancel_callback(canvas, nullptr, EM_TRUE, OnTouch);
    S().TouchUi = profila_js_media_matches("(pointer: coarse)") != 0;
    S().ReducedMotion = platform::PrefersReducedMotion();
    UpdateCanvasSize();
    return true;
}

void RunLoop(const FrameCallbacks& callbacks) {
    S().Callbacks = callbacks;
    emscripten_set_main_loop_arg(LoopBody, nullptr, 0, true);
    __builtin_unreachable();
}

float UiScale() { return S().Dpr * S().TextScale; }
std::string AssetPath(const std::string& relative) { return "/assets/" + relative; }

bool TouchUi() { return S().TouchUi; }
float DevicePixelRatio() { return S().Dpr; }
void SetTextScale(float text_scale) { S().TextScale = text_scale; }

std::string QueryParam(const char* name) { return TakeJsString(profila_js_query_param(name)); }
std::string BrowserLanguage() { return TakeJsString(profila_js_browser_language()); }
bool PrefersDarkScheme() { return profila_js_media_matches("(prefers-color-scheme: dark)") != 0; }
bool PrefersReducedMotion() { return profila_js_media_matches("(prefers-reduced-motion: reduce)") != 0; }
std::string LoadSetting(const char* key) { return TakeJsString(profila_js_load_setting(key)); }
void SaveSetting(const char* key, const std::string& value) { profila_js_save_setting(key, value.c_str()); }
void DownloadBytes(const std::string& file_name, const std::string& mime, const std::vector<uint8_t>& bytes) {
    profila_js_download_bytes(file_name.c_str(), mime.c_str(), bytes.data(), static_cast<int>(bytes.size()));
}
float PenPressure() { return profila_js_pen_pressure(); }
std::vector<std::vector<IncomingFile>> TakeIncomingFiles() {
    std::vector<std::vector<IncomingFile>> batches = std::move(S().Incoming);
    S().Incoming.clear();
    return batches;
}

}  // namespace platform
