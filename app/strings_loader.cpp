// Reads a language's string tables from the packaged assets (/assets/i18n/<lang>/*.json).
#include "strings_loader.h"
#include "platform/platform.h"

#include <dirent.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <vector>

profila::StringTable LoadStringTable(profila::Language language) {
    profila::StringTable table;
    std::string dir = platform::AssetPath(std::string("i18n/") + profila::LanguageCode(language));
    std::vector<std::string> files;
    if (DIR* d = opendir(dir.c_str())) {
        while (dirent* entry = readdir(d)) {
            std::string name = entry->d_name;
            if (name.size() > 5 && name.compare(name.size() - 5, 5, ".json") == 0) files.push_back(name);
        }
        closedir(d);
    }
    std::sort(files.begin(), files.end());
    for (const std::string& name : files) {
        std::ifstream in(dir + "/" + name, std::ios::binary);
        std::stringstream text;
        text << in.rdbuf();
        if (auto error = profila::MergeStrings(table, text.str(), dir + "/" + name))
            std::fprintf(stderr, "Profila strings: %s\n", error->c_str());
    }
    return table;
}
