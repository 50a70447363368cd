// PNG encoding of an RgbaImage into memory (stb_image_write, no stdio: the core writes no files).
#pragma once
#include <cstdint>
#include <vector>

#include "render/canvas.h"

namespace profila {

// The image as PNG bytes (RGBA, 8 bits a channel); empty when the image has no pixels or its
// Pixels do not match its size.
[[nodiscard]] std::vector<uint8_t> EncodePng(const RgbaImage& image);

}  // namespace profila
