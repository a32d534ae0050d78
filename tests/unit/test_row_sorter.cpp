#include <catch2/catch.hpp>
#include <filesystem>
#include <random>

#include "row_sorter.h"

using namespace fairdraw;
using fairdraw::detail::RowSorter;

namespace {

struct Seen {
    std::string id, data;
    std::uint64_t line;
    bool operator==(const Seen&) const = default;
};

std::vector<Seen> walk(const RowSorter& sorter) {
    std::vector<Seen> out;
    auto status =
        sorter.for_each([&](std::string_view id, std::string_view data, RowPlace place) -> Status {
            out.push_back({std::string(id), std::string(data), place.line});
            return {};
        });
    REQUIRE(status);
    return out;
}

// Rows with IDs that share long prefixes, differ after byte 16, contain 0x00, or are prefixes of
// each other.
std::vector<Seen> sample_rows() {
    std::vector<Seen> rows;
    std::mt19937 rng(42);
    for (std::uint64_t i = 0; i < 3000; ++i) {
        std::string id = "9132010000000000" + std::to_string(rng() % 1000);
        if (i % 7 == 0) id = std::string("A\0", 2) + std::to_string(rng() % 50);
        if (i % 11 == 0) id = "B";
        rows.push_back({id, "{\"row\":\"" + std::to_string(i) + "\"}", i + 2});
    }
    return rows;
}

}  // namespace

TEST_CASE("rows come back sorted by ID bytes, ties in input order", "[sorter]") {
    auto rows = sample_rows();
    RowSorter sorter(std::filesystem::temp_directory_path(), 64 << 20);
    for (const auto& r : rows) REQUIRE(sorter.add(r.id, r.data, RowPlace{r.line, 0}));
    sorter.prepare();
    CHECK(sorter.runs_written() == 0);
    std::stable_sort(rows.begin(), rows.end(),
                     [](const Seen& a, const Seen& b) { return a.id < b.id; });
    CHECK(walk(sorter) == rows);
}

TEST_CASE("rows spilled to disk in many runs come back in the same order as in memory",
          "[sorter]") {
    auto rows = sample_rows();
    RowSorter small(std::filesystem::temp_directory_path(), 4096);
    for (const auto& r : rows) REQUIRE(small.add(r.id, r.data, RowPlace{r.line, 0}));
    small.prepare();
    CHECK(small.runs_written() > 10);
    std::stable_sort(rows.begin(), rows.end(),
                     [](const Seen& a, const Seen& b) { return a.id < b.id; });
    const auto first = walk(small);
    CHECK(first == rows);
    CHECK(walk(small) == first);  // a second walk reads the runs again
}

TEST_CASE("a row larger than the memory budget still sorts", "[sorter]") {
    RowSorter sorter(std::filesystem::temp_directory_path(), 64);
    const std::string big(1000, 'x');
    REQUIRE(sorter.add("b", big, RowPlace{1, 0}));
    REQUIRE(sorter.add("a", "small", RowPlace{2, 0}));
    REQUIRE(sorter.add("c", big + big, RowPlace{3, 0}));
    sorter.prepare();
    const auto seen = walk(sorter);
    REQUIRE(seen.size() == 3);
    CHECK(seen[0].id == "a");
    CHECK(seen[1].data == big);
    CHECK(seen[2].data.size() == 2000);
}
