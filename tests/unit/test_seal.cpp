// Public rows and public roots against docs/vectors/announcement-seal.json,
// computed from docs/SPEC.md §6.2 with Python's hmac, hashlib and json by
// docs/vectors/seal_vectors.py, independently of this code.
#include <catch2/catch.hpp>

#include "fairdraw/seal.h"
#include "test_helpers.h"

using namespace fairdraw;

namespace {

SealKey vector_key(const Json& doc) {
    auto key = hash_from_hex(doc.at("key").get<std::string>());
    REQUIRE(key);
    return *key;
}

}  // namespace

TEST_CASE("public rows, salts and both roots match the sealing vectors", "[seal][vectors]") {
    const Json doc = test::vector_file("announcement-seal.json");
    const SealKey key = vector_key(doc);
    REQUIRE(doc.at("vectors").size() == 4);
    for (const auto& v : doc.at("vectors")) {
        const auto kind = parse_kind(v.at("kind").get<std::string>());
        REQUIRE(kind);
        const auto fields = v.at("fields").get<std::vector<std::string>>();
        INFO(v.at("kind").get<std::string>() << " sealing " << v.at("fields").dump());
        SnapshotRoots roots(*kind, fields, key);
        for (const auto& row : v.at("rows")) {
            const auto id = row.at("id").get<std::string>();
            const auto canonical = row.at("canonical").get<std::string>();
            for (const auto& [field, salt] : row.at("salts").items())
                CHECK(to_hex(seal_salt(key, *kind, id, field)) == salt.get<std::string>());
            auto sealed = public_row(*kind, id, canonical, fields, key);
            REQUIRE(sealed);
            CHECK(*sealed == row.at("public").get<std::string>());
            REQUIRE(roots.add(id, canonical));
        }
        CHECK(to_hex(roots.root()) == v.at("root").get<std::string>());
        CHECK(to_hex(roots.public_root()) == v.at("public_root").get<std::string>());
    }
}

TEST_CASE("sealed fields are the plan's confidential fields, conflict reasons, and no inspector field",
          "[seal]") {
    Plan plan;
    plan.confidential = {"region", "credit_class"};
    CHECK(sealed_fields(DirectoryKind::enterprises, plan) ==
          std::vector<std::string>{"credit_class", "region"});
    CHECK(sealed_fields(DirectoryKind::conflicts, plan) == std::vector<std::string>{"reason"});
    CHECK(sealed_fields(DirectoryKind::inspectors, plan).empty());
}

TEST_CASE("a sealed value opens with its salt and nothing else", "[seal]") {
    const SealKey key = sha256(std::string_view("a key"));
    const Hash salt = seal_salt(key, DirectoryKind::enterprises, "913201113BJ1XG618X", "credit_class");
    CHECK(sealed_value(salt, "B") != sealed_value(salt, "C"));
    // Another row's salt differs, so equal values do not show as equal hashes.
    const Hash other = seal_salt(key, DirectoryKind::enterprises, "91350100M000100Y43", "credit_class");
    CHECK(sealed_value(salt, "B") != sealed_value(other, "B"));
    // SHA-256(s ‖ value), as SPEC §6.2 writes it.
    Bytes joined(salt.begin(), salt.end());
    joined.push_back('B');
    CHECK(sealed_value(salt, "B") == sha256(ByteView(joined)));
}

TEST_CASE("a row that is not a canonical row object is refused when sealing", "[seal]") {
    const SealKey key{};
    const std::vector<std::string> fields{"credit_class"};
    for (const char* bad : {"", "[]", "{\"code\":1}", "{\"code\":\"x\"", "{\"code\":\"x\"}x",
                            "{\"credit_class\":[\"A\"]}"}) {
        INFO(bad);
        CHECK_FALSE(public_row(DirectoryKind::enterprises, "x", bad, fields, key));
    }
    // Nothing sealed: the row is passed through unchanged.
    CHECK(*public_row(DirectoryKind::inspectors, "x", "{\"id\":\"x\"}", {}, key) == "{\"id\":\"x\"}");
}
