// Reading test inputs: whole files as bytes in a string, and the fixtures in tests/core/fixtures.
#pragma once
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>

inline std::string ReadFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    REQUIRE_MESSAGE(in.good(), "missing " << path);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

inline std::string ReadFixture(const char* name) {
    return ReadFile(std::string(PROFILA_ASSETS_DIR) + "/../tests/core/fixtures/" + name);
}
