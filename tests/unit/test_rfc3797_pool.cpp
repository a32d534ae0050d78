#include <catch2/catch.hpp>
#include <filesystem>

#include "fairdraw/rfc3797.h"

using namespace fairdraw;

namespace {

const std::string k_pool_dir = std::string(FAIRDRAW_TEST_DATA) + "/rfc3797/pool/";

struct Expected {
    std::uint64_t line;
    const char* fragment;  // part of the rendered problem
};

struct BadPool {
    const char* file;
    std::vector<Expected>
        problems;         // in file order; empty when the error has no line (an empty list)
    const char* message;  // part of the error's message
};

// Each file in tests/data/rfc3797/pool/ is named after what it breaks.
const std::vector<BadPool> k_bad_pools = {
    {"empty-line.txt", {{3, "empty line"}}, "1 problem"},
    {"empty-last-line.txt", {{4, "empty line"}}, "1 problem"},
    {"blank-line.txt", {{2, "empty line"}}, "1 problem"},
    {"duplicate-entry.txt", {{5, "duplicate entry \"Doc\", also on line 3"}}, "1 problem"},
    {"trailing-space.txt", {{2, "starts or ends with white space"}}, "1 problem"},
    {"leading-space.txt", {{2, "starts or ends with white space"}}, "1 problem"},
    {"invalid-utf8.txt", {{2, "not valid UTF-8 (byte 3 of the line)"}}, "1 problem"},
    {"gbk-encoded.txt", {{1, "not valid UTF-8"}, {2, "not valid UTF-8"}}, "2 problems"},
    {"control-character.txt", {{2, "control character U+001B"}}, "1 problem"},
    {"empty-file.txt", {}, "has no entries"},
    {"only-byte-order-mark.txt", {}, "has no entries"},
    {"several-problems.txt",
     {{2, "empty line"},
      {4, "duplicate entry \"John\", also on line 1"},
      {5, "not valid UTF-8"},
      {6, "duplicate entry \"Mary\", also on line 3"}},
     "4 problems"},
};

}  // namespace

TEST_CASE("every bad pool file is refused with each problem on its line", "[rfc3797][pool]") {
    std::vector<std::string> mismatches;
    for (const auto& bad : k_bad_pools) {
        const std::string path = k_pool_dir + bad.file;
        auto pool = rfc3797::read_pool(path);
        if (pool) {
            mismatches.push_back(std::string(bad.file) + ": accepted");
            continue;
        }
        const Error& e = pool.error();
        if (e.kind != ErrorKind::bad_input)
            mismatches.push_back(std::string(bad.file) + ": not bad_input");
        if (e.message.find(bad.message) == std::string::npos)
            mismatches.push_back(std::string(bad.file) + ": message \"" + e.message +
                                 "\" lacks \"" + bad.message + "\"");
        if (e.details.size() != bad.problems.size()) {
            mismatches.push_back(std::string(bad.file) + ": " + std::to_string(e.details.size()) +
                                 " problems, expected " + std::to_string(bad.problems.size()));
            continue;
        }
        for (std::size_t i = 0; i < bad.problems.size(); ++i) {
            const Problem& p = e.details[i];
            std::string rendered = p.render();
            if (p.line != bad.problems[i].line || p.file != path ||
                rendered.find(bad.problems[i].fragment) == std::string::npos || p.hint.empty())
                mismatches.push_back(std::string(bad.file) + ": problem " + std::to_string(i + 1) +
                                     " is \"" + rendered + "\", expected line " +
                                     std::to_string(bad.problems[i].line) + " with \"" +
                                     bad.problems[i].fragment + "\" and a hint");
        }
    }
    INFO([&] {
        std::string all;
        for (const auto& m : mismatches) all += m + "\n";
        return all;
    }());
    CHECK(mismatches.empty());
}

TEST_CASE("byte order marks, CRLF and a missing final line end are accepted", "[rfc3797][pool]") {
    const std::vector<std::string> expected = {"John", "Mary", "Bashful"};
    for (const char* file : {"crlf-line-ends.txt", "byte-order-mark.txt", "no-final-line-end.txt",
                             "bom-crlf-no-final-line-end.txt"}) {
        auto pool = rfc3797::read_pool(k_pool_dir + file);
        INFO(file);
        REQUIRE(pool);
        CHECK(*pool == expected);
    }
}

TEST_CASE("UTF-8 entries are kept byte for byte in file order", "[rfc3797][pool]") {
    auto pool = rfc3797::read_pool(k_pool_dir + "chinese-names.txt");
    REQUIRE(pool);
    CHECK(*pool == std::vector<std::string>{"张三", "李四", "王五"});
}

TEST_CASE("the committed example pool is the 25 names of RFC 3797 section 6", "[rfc3797][pool]") {
    auto pool = rfc3797::read_pool(std::string(FAIRDRAW_TEST_DATA) + "/rfc3797/example-pool.txt");
    REQUIRE(pool);
    REQUIRE(pool->size() == 25);
    CHECK(pool->front() == "John");
    CHECK((*pool)[16] == "Lee");
    CHECK(pool->back() == "Kasczynski");
}

TEST_CASE("a missing pool file or a folder is bad input", "[rfc3797][pool]") {
    auto missing = rfc3797::read_pool(k_pool_dir + "no-such-file.txt");
    REQUIRE_FALSE(missing);
    CHECK(missing.error().kind == ErrorKind::bad_input);
    CHECK_THAT(missing.error().message, Catch::Contains("does not exist"));
    auto folder = rfc3797::read_pool(k_pool_dir);
    REQUIRE_FALSE(folder);
    CHECK_THAT(folder.error().message, Catch::Contains("is a folder"));
}

TEST_CASE("problems beyond the reporting cap are counted, not listed", "[rfc3797][pool]") {
    std::string text;
    for (std::size_t i = 0; i < rfc3797::k_max_reported_problems + 7; ++i) text += "same\n";
    auto pool = rfc3797::parse_pool("x\n" + text, "many.txt");
    REQUIRE_FALSE(pool);
    // Line 2 is the first "same"; every later one is a duplicate of it.
    CHECK(pool.error().details.size() == rfc3797::k_max_reported_problems);
    CHECK(pool.error().details_not_shown == 6);
    CHECK(pool.error().details.front().line == 3);
}
