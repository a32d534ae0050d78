// test_helpers.h — small helpers shared by unit tests: data files and temporary folders.
#pragma once

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>

#include "fairdraw/canonical_json.h"

namespace fairdraw::test {

inline std::string read_text(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    REQUIRE(in.good());
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

// A vector file under docs/vectors/.
inline Json vector_file(const std::string& name) {
    return Json::parse(
        read_text(std::filesystem::path(FAIRDRAW_SOURCE_DIR) / "docs" / "vectors" / name));
}

// A fresh folder under the system temporary folder, removed at scope exit.
class TempDir {
  public:
    TempDir() {
        std::random_device rd;
        m_path = std::filesystem::temp_directory_path() /
                 ("fairdraw-unit-" + std::to_string(rd()) + std::to_string(rd()));
        std::filesystem::create_directories(m_path);
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(m_path, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return m_path; }
    std::filesystem::path operator/(const std::string& name) const { return m_path / name; }

  private:
    std::filesystem::path m_path;
};

}  // namespace fairdraw::test
