#include <catch2/catch.hpp>
#include <random>

#include "fairdraw/canonical_json.h"
#include "fairdraw/keyed_hash.h"

using namespace fairdraw;

namespace {

Hash key_from(std::uint64_t n) {
    return sha256(std::to_string(n));
}

}  // namespace

TEST_CASE("keyed hashes equal plain HMAC-SHA-256 of the same bytes", "[keyed_hash]") {
    std::mt19937_64 rng(7);
    for (int round = 0; round < 300; ++round) {
        Hash key = key_from(rng());
        KeyedHash keyed(key);
        std::string message(rng() % 200, '\0');
        for (auto& c : message) c = static_cast<char>(rng());
        CHECK(keyed.mac(message) == hmac_sha256(key, as_bytes(message)));
    }
}

TEST_CASE("the ticket message is the canonical JSON array of label and code", "[keyed_hash]") {
    // docs/SPEC.md §7: the ticket message of 914403001922038216 is these 43 bytes.
    const std::string message = R"(["fairdraw-ticket-v1","914403001922038216"])";
    REQUIRE(message.size() == 43);
    Hash key = key_from(1);
    CHECK(KeyedHash(key).ticket("914403001922038216") == hmac_sha256(key, as_bytes(message)));
}

TEST_CASE("tickets of codes that need escaping use the canonical escapes", "[keyed_hash]") {
    Hash key = key_from(2);
    KeyedHash keyed(key);
    for (std::string code :
         {std::string("A\"B"), std::string("back\\slash"), std::string("tab\there"),
          std::string("\x01", 1), std::string("统一代码")}) {
        auto message = canonical_json(Json::array({"fairdraw-ticket-v1", code}));
        REQUIRE(message);
        CHECK(keyed.ticket(code) == hmac_sha256(key, as_bytes(*message)));
    }
}

TEST_CASE("pick messages are canonical JSON arrays with integer arguments", "[keyed_hash]") {
    auto expected = canonical_json(Json::array({"fairdraw-team-v1", "914403001922038216", 1, 0}));
    REQUIRE(expected);
    CHECK(keyed_message(k_team_label, "914403001922038216", 1, 0) == *expected);
    CHECK(keyed_message(k_substitute_label, "X", 2001, 13) ==
          R"(["fairdraw-substitute-v1","X",2001,13])");
}

TEST_CASE("pick follows the rejection rule of the specification", "[keyed_hash]") {
    // For n = 2^63 + 1, 2^64 mod n = 2^63 − 1, so values r ≥ 2^64 − (2^63 − 1) = 2^63 + 1 are
    // rejected: about half of all tries. Recompute each pick from the definition.
    KeyedHash keyed(key_from(3));
    const std::uint64_t n = (std::uint64_t{1} << 63) + 1;
    const std::uint64_t limit = (std::uint64_t{1} << 63) + 1;
    int rejections = 0;
    for (int b = 0; b < 64; ++b) {
        std::uint64_t r = 0;
        std::int64_t c = 0;
        for (;; ++c) {
            r = leading_u64(keyed.mac(keyed_message("label", "code", b, c)));
            if (r < limit) break;
            ++rejections;
        }
        Pick p = pick(keyed, "label", "code", b, n);
        CHECK(p.value == r);
        CHECK(p.index == r % n);
    }
    CHECK(rejections > 10);  // 64 picks at rejection rate ½: fewer than 11 has probability < 10^-8
    CHECK(pick(keyed, "label", "code", 0, 1).index == 0);
}

TEST_CASE("pick is uniform: chi-square over 10,000 picks among 10", "[keyed_hash][statistics]") {
    // Under uniformity the statistic follows χ² with 9 degrees of freedom; its 0.999 quantile is
    // 27.877 (NIST/SEMATECH e-Handbook of Statistical Methods, §1.3.6.7.4, table of upper critical
    // values). The key and labels are fixed, so the outcome is the same on every run.
    KeyedHash keyed(key_from(4));
    std::vector<int> counts(10, 0);
    const int picks = 10000;
    for (int b = 0; b < picks; ++b)
        ++counts[pick(keyed, "fairdraw-team-v1", "uniformity", b, 10).index];
    double chi2 = 0;
    for (int c : counts) chi2 += (c - picks / 10.0) * (c - picks / 10.0) / (picks / 10.0);
    INFO("chi-square = " << chi2);
    CHECK(chi2 < 27.877);
}
