// The committed directory files in lists/ against the library's own code check.
// (tests/cli/test_generator.py checks the same files with an independent
// implementation and checks that they are what the generator writes.)
#include <catch2/catch.hpp>
#include <fstream>
#include <string>
#include <vector>

#include "fairdraw/uscc.h"

using namespace fairdraw;

namespace {

// Field `index` of each data row; the fields before it never hold commas or quotes.
std::vector<std::string> column(const std::string& path, std::size_t index, bool bom = false) {
    std::ifstream in(path, std::ios::binary);
    REQUIRE(in);
    std::vector<std::string> values;
    std::string line;
    std::getline(in, line);  // header
    if (bom) REQUIRE(line.rfind("\xEF\xBB\xBF", 0) == 0);
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        std::size_t start = 0;
        for (std::size_t i = 0; i < index; ++i) start = line.find(',', start) + 1;
        values.push_back(line.substr(start, line.find(',', start) - start));
    }
    return values;
}

void require_valid(const std::vector<std::string>& codes) {
    for (const auto& code : codes) {
        INFO("code " << code);
        auto finding = uscc::validate(code);
        CHECK_FALSE(finding.has_value());
    }
}

const std::string k_lists = std::string(FAIRDRAW_SOURCE_DIR) + "/lists/";

}  // namespace

TEST_CASE("every credit code of the sample enterprises passes uscc::validate", "[lists]") {
    auto codes = column(k_lists + "sample/enterprises.csv", 0);
    CHECK(codes.size() == 3000);
    require_valid(codes);
}

TEST_CASE("every credit code of the sample conflicts passes uscc::validate", "[lists]") {
    auto codes = column(k_lists + "sample/conflicts.csv", 2);
    CHECK(codes.size() == 30);
    require_valid(codes);
}

TEST_CASE("the example codes of the import templates pass uscc::validate", "[lists]") {
    auto enterprise = column(k_lists + "templates/enterprises.csv", 0, true);
    auto conflict = column(k_lists + "templates/conflicts.csv", 2, true);
    CHECK(enterprise.size() == 1);
    CHECK(conflict.size() == 1);
    require_valid(enterprise);
    require_valid(conflict);
}
