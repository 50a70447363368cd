// Controls of the headless platform (platform_null.cpp): no window, no renderer, a fixed display
// size and devicePixelRatio, settings in memory, page facts a test sets. Frames are run by the
// caller (a test), one at a time, with the time step it chooses.
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "platform.h"

namespace platform_null {

// Back to the defaults: 1280x800 CSS pixels, devicePixelRatio 1, mouse (not touch), English
// browser, light scheme, no query parameters, no settings, no downloads. Call before platform::Init.
void Reset();
void SetDisplaySize(float css_width, float css_height);
void SetDevicePixelRatio(float dpr);
void SetTouchUi(bool touch);
void SetQueryParam(const std::string& name, const std::string& value);
void SetBrowserLanguage(const std::string& tag);
void SetPrefersDark(bool dark);
void SetPenPressure(float pressure);
// What platform::SaveSetting stored (and platform::LoadSetting reads).
std::map<std::string, std::string>& Settings();

// The callbacks platform::RunLoop would call; RunFrame calls them.
void SetFrameCallbacks(const platform::FrameCallbacks& callbacks);
// One frame, dt seconds after the previous one: applies a scale change (fonts and style), then
// NewFrame, the item registry, the app's frame, Render (draw data is built, nothing is drawn).
void RunFrame(float dt);
// Destroys the ImGui context platform::Init created.
void Shutdown();

struct DownloadedBytes {
    std::string FileName, Mime;
    std::vector<uint8_t> Bytes;
};
const std::vector<DownloadedBytes>& Downloads();

// A batch of files as a drop on the page would bring them (platform::TakeIncomingFiles returns it).
void QueueIncomingFiles(std::vector<platform::IncomingFile> batch);

}  // namespace platform_null
