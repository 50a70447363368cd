#include "render/png.h"

// Library code: its own warnings are not ours. No stdio: the core writes to memory only.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"
#pragma GCC diagnostic ignored "-Wsign-compare"
#pragma GCC diagnostic ignored "-Wunused-function"  // its static functions we do not call
#define STB_IMAGE_WRITE_STATIC
#define STBI_WRITE_NO_STDIO
#define STB_IMAGE_WRITE_IMPLEMENTATION
#include <stb/stb_image_write.h>
#pragma GCC diagnostic pop

namespace profila {

std::vector<uint8_t> EncodePng(const RgbaImage& image) {
    std::vector<uint8_t> out;
    if (image.Width <= 0 || image.Height <= 0 || image.Pixels.size() != static_cast<size_t>(image.Width) * image.Height * 4) return out;
    stbi_write_png_to_func(
        [](void* ctx, void* data, int size) {
            auto* v = static_cast<std::vector<uint8_t>*>(ctx);
            auto* bytes = static_cast<uint8_t*>(data);
            v->insert(v->end(), bytes, bytes + size);
        },
        &out, image.Width, image.Height, 4, image.Pixels.data(), image.Width * 4);
    return out;
}

}  // namespace profila
