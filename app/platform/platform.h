// The seam between the app and the browser: main loop, canvas size and devicePixelRatio, input,
// the on-screen-keyboard text agent, clipboard, page parameters and small persistent settings.
// Only app/platform/*.cpp and web/*.js know about Emscripten; screens call nothing from here
// except through AppState.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "text/byte_source.h"

namespace platform {

struct FrameCallbacks {
    void (*Frame)(void* user) = nullptr;          // build and draw one ImGui frame
    void (*ScaleChanged)(void* user, float ui_scale) = nullptr;  // rebuild fonts and style
    void* User = nullptr;
};

// Creates the WebGL2 context on #canvas and the ImGui context with our input backend.
bool Init();
// Runs the browser's animation-frame loop; never returns.
[[noreturn]] void RunLoop(const FrameCallbacks& callbacks);

// devicePixelRatio times the user's text-size setting: everything in ImGui is in physical pixels.
float UiScale();
void SetTextScale(float text_scale);
float DevicePixelRatio();
// True when the last input was a finger, or (before any input) the main pointer is coarse: the
// theme then makes hit targets at least 44 CSS px (ui::ApplyTheme). A change rebuilds the style
// through FrameCallbacks::ScaleChanged, between gestures.
bool TouchUi();

// Page facts.
std::string QueryParam(const char* name);      // "" when absent
std::string BrowserLanguage();                  // navigator.language
bool PrefersDarkScheme();
bool PrefersReducedMotion();

// Where a packaged file (assets/<relative>: strings, course content, fonts) is read from:
// "/assets/<relative>" in the browser (Emscripten's preloaded package).
std::string AssetPath(const std::string& relative);
// The bytes of a packaged file (empty when it cannot be read).
std::vector<uint8_t> ReadAsset(const std::string& relative);

// Small key/value settings that must be read before the store opens (language, theme).
std::string LoadSetting(const char* key);
void SaveSetting(const char* key, const std::string& value);

// Offers bytes as a file download (a PNG card...): Blob + <a download> in the page.
void DownloadBytes(const std::string& file_name, const std::string& mime, const std::vector<uint8_t>& bytes);
// Pressure (0..1) of a pen on the canvas, from DOM pointer events; -1 when the pointer is not a pen
// (mice and fingers report no useful pressure).
float PenPressure();

// Files that reach the app without the file picker: dropped on the page (a folder's files too,
// recursively) or shared to the installed app (Web Share Target, stashed by web/sw.js). Each drop
// or share is one batch.
struct IncomingFile {
    std::string Name;
    std::shared_ptr<const profila::ByteSource> Content;
};
// A file the page has read (picked, dropped, shared, or given to window.profila.importFile) stays in
// the page's memory, outside the wasm heap: C++ reads it through this a piece at a time (a big CSV
// file a window at a time, see CsvReader) and the page lets go of it when the last holder does.
// Natively there is no page: an empty file.
std::shared_ptr<const profila::ByteSource> PageFile(int handle, double size);
// The batches that arrived since the last call (empty when none).
std::vector<std::vector<IncomingFile>> TakeIncomingFiles();

}  // namespace platform
