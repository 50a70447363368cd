// Reading the packaged files (the same in both builds; where they are is platform::AssetPath).
#include <fstream>
#include <iterator>

#include "platform/platform.h"

std::vector<uint8_t> platform::ReadAsset(const std::string& relative) {
    std::ifstream in(AssetPath(relative), std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}
