// Checks fairdraw against docs/vectors/snapshot-*.json, whose canonical rows,
// leaf hashes and roots were written by hand and hashed with Python hashlib
// (docs/vectors/snapshot_vectors.py), independently of this code.
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "fairdraw/canonical_json.h"
#include "fairdraw/merkle.h"
#include "fairdraw/snapshot_format.h"

using namespace fairdraw;

namespace {

std::vector<std::filesystem::path> vector_files() {
    std::vector<std::filesystem::path> out;
    for (const auto& entry : std::filesystem::directory_iterator(
             std::filesystem::path(FAIRDRAW_SOURCE_DIR) / "docs/vectors")) {
        const auto name = entry.path().filename().string();
        if (name.starts_with("snapshot-") && name.ends_with(".json")) out.push_back(entry.path());
    }
    std::sort(out.begin(), out.end());
    return out;
}

Json load(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return Json::parse(text.str());
}

}  // namespace

TEST_CASE("every snapshot vector gives the same canonical rows, leaf hashes and root",
          "[snapshot][vectors]") {
    const auto files = vector_files();
    REQUIRE(files.size() >= 3);
    for (const auto& file : files) {
        INFO(file.filename().string());
        const Json v = load(file);
        const auto kind = parse_kind(v.at("kind").get<std::string>());
        REQUIRE(kind);
        const auto format =
            v.at("input").at("format") == "json" ? InputFormat::json : InputFormat::csv;
        auto rows = read_directory_text(*kind, format, v.at("input").at("text").get<std::string>(),
                                        {}, file.filename().string(), 50);
        if (!rows)
            FAIL(rows.error().message
                 << (rows.error().details.empty() ? "" : ": " + rows.error().details[0].render()));
        std::sort(rows->begin(), rows->end(),
                  [](const DirectoryRow& a, const DirectoryRow& b) { return id_less(a.id, b.id); });
        const Json& expected = v.at("rows");
        REQUIRE(rows->size() == expected.size());
        for (std::size_t i = 0; i < rows->size(); ++i) {
            CHECK((*rows)[i].id == expected[i].at("id").get<std::string>());
            CHECK((*rows)[i].canonical == expected[i].at("canonical").get<std::string>());
            CHECK(to_hex(merkle::leaf_hash((*rows)[i].canonical)) ==
                  expected[i].at("leaf_hash").get<std::string>());
        }
        auto root = snapshot_root(*kind, *rows, file.filename().string());
        REQUIRE(root);
        CHECK(to_hex(*root) == v.at("root").get<std::string>());
    }
}

TEST_CASE("the vectors' canonical rows are canonical JSON as fairdraw writes it",
          "[snapshot][vectors]") {
    for (const auto& file : vector_files()) {
        INFO(file.filename().string());
        const Json v = load(file);
        for (const auto& row : v.at("rows"))
            CHECK(is_canonical_json(row.at("canonical").get<std::string>()));
    }
}

TEST_CASE("the snapshot root does not depend on row order and refuses duplicate IDs",
          "[snapshot]") {
    std::vector<DirectoryRow> rows = {{"b", "{\"x\":\"2\"}", {2, 0}},
                                      {"a", "{\"x\":\"1\"}", {3, 0}},
                                      {"c", "{\"x\":\"3\"}", {4, 0}}};
    auto root = snapshot_root(DirectoryKind::enterprises, rows, "t.csv");
    REQUIRE(root);
    std::reverse(rows.begin(), rows.end());
    CHECK(*snapshot_root(DirectoryKind::enterprises, rows, "t.csv") == *root);
    // The root is the RFC 6962 root of the leaves in ID order a, b, c.
    std::vector<Hash> leaves = {merkle::leaf_hash("{\"x\":\"1\"}"),
                                merkle::leaf_hash("{\"x\":\"2\"}"),
                                merkle::leaf_hash("{\"x\":\"3\"}")};
    CHECK(*root == merkle::node_hash(merkle::node_hash(leaves[0], leaves[1]), leaves[2]));

    rows.push_back({"b", "{\"x\":\"4\"}", {9, 0}});
    auto dup = snapshot_root(DirectoryKind::enterprises, rows, "t.csv");
    REQUIRE_FALSE(dup);
    REQUIRE(dup.error().details.size() == 1);
    CHECK(dup.error().details[0].line == 9);
    CHECK(dup.error().details[0].message.find("line 2") != std::string::npos);
}
