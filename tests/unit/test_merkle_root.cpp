#include <catch2/catch.hpp>

#include "fairdraw/merkle.h"

using namespace fairdraw;

namespace {

// Literal RFC 6962 §2.1 MTH, recursive, for checking the streaming builder.
Hash naive_root(std::span<const Hash> leaves) {
    if (leaves.empty()) return merkle::empty_root();
    if (leaves.size() == 1) return leaves[0];
    std::size_t k = 1;
    while (k * 2 < leaves.size()) k *= 2;
    return merkle::node_hash(naive_root(leaves.subspan(0, k)), naive_root(leaves.subspan(k)));
}

}  // namespace

TEST_CASE("streaming root equals the literal RFC 6962 definition for sizes 0 to 70", "[merkle]") {
    std::vector<Hash> leaves;
    merkle::RootBuilder builder;
    CHECK(builder.root() == naive_root(leaves));
    for (int i = 0; i < 70; ++i) {
        leaves.push_back(merkle::leaf_hash(std::to_string(i)));
        builder.add(leaves.back());
        CHECK(builder.root() == naive_root(leaves));
        CHECK(merkle::root_of(leaves) == naive_root(leaves));
    }
}

TEST_CASE("empty tree root is sha256 of the empty string (RFC 6962 section 2.1)", "[merkle]") {
    CHECK(to_hex(merkle::empty_root()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST_CASE("leaf hash of the empty leaf matches the RFC 6962 test vector", "[merkle]") {
    // transparency-dev/merkle and Certificate Transparency test data: leaf hash of "".
    CHECK(to_hex(merkle::leaf_hash(ByteView())) == "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d");
}
