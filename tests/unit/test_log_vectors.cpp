#include <SQLiteCpp/SQLiteCpp.h>
#include <stdlib.h>

#include <catch2/catch.hpp>

#include "fairdraw/checkpoint.h"
#include "fairdraw/log.h"
#include "fairdraw/merkle.h"
#include "merkle_reference.h"
#include "test_helpers.h"

using namespace fairdraw;

namespace {

// Known answers computed from docs/SPEC.md §4 by docs/vectors/make_log_vectors.py
// (Python hashlib and the openssl command line, not fairdraw's code).
const Json& vectors() {
    static const Json v = test::vector_file("log-fairdraw.json");
    return v;
}

SigningKey test_key() {
    auto seed = from_hex(vectors()["seed_hex"].get<std::string>());
    REQUIRE(seed.ok());
    auto key = SigningKey::from_seed(vectors()["origin"].get<std::string>(), ByteView(*seed));
    REQUIRE(key.ok());
    return std::move(key).value();
}

std::vector<Hash> vector_leaves() {
    std::vector<Hash> out;
    for (const auto& e : vectors()["entries"])
        out.push_back(merkle::leaf_hash(e["canonical"].get<std::string>()));
    return out;
}

std::vector<Hash> from_b64_list(const Json& list) {
    std::vector<Hash> out;
    for (const auto& item : list) {
        auto bytes = from_base64(item.get<std::string>());
        REQUIRE(bytes.ok());
        REQUIRE(bytes->size() == k_hash_size);
        Hash h{};
        std::copy(bytes->begin(), bytes->end(), h.begin());
        out.push_back(h);
    }
    return out;
}

}  // namespace

TEST_CASE("the vectors' test key gives their verifier key and key ID", "[log-vectors]") {
    SigningKey key = test_key();
    CHECK(key.verifier_key().text() == vectors()["verifier_key"].get<std::string>());
    CHECK(key.verifier_key().id_hex() == vectors()["key_id_hex"].get<std::string>());
    CHECK(to_base64(ByteView(key.verifier_key().public_key)) ==
          vectors()["public_key_base64"].get<std::string>());
}

TEST_CASE("entries hash to the vectors' leaf hashes and roots", "[log-vectors]") {
    auto leaves = vector_leaves();
    for (std::size_t i = 0; i < leaves.size(); ++i)
        CHECK(to_hex(leaves[i]) == vectors()["entries"][i]["leaf_hash_hex"].get<std::string>());
    for (std::size_t n = 1; n <= leaves.size(); ++n)
        CHECK(to_hex(merkle::root_of(std::span<const Hash>(leaves).subspan(0, n))) ==
              vectors()["roots_hex"][std::to_string(n)].get<std::string>());
}

TEST_CASE("checkpoints are signed to the vectors' notes byte for byte", "[log-vectors]") {
    SigningKey key = test_key();
    auto leaves = vector_leaves();
    for (std::size_t n = 1; n <= leaves.size(); ++n) {
        const auto& v = vectors()["checkpoints"][std::to_string(n)];
        Checkpoint cp{vectors()["origin"].get<std::string>(),
                      n,
                      merkle::root_of(std::span<const Hash>(leaves).subspan(0, n)),
                      {}};
        CHECK(cp.text() == v["text"].get<std::string>());
        auto note = sign_checkpoint(cp, key);
        REQUIRE(note.ok());
        CHECK(*note == v["signed_note"].get<std::string>());
        auto opened = open_checkpoint(v["signed_note"].get<std::string>(), key.verifier_key());
        REQUIRE(opened.ok());
        CHECK(*opened == cp);
    }
}

TEST_CASE("the tlog-proof of entry 1 is the vectors' text and verifies offline", "[log-vectors]") {
    auto leaves = vector_leaves();
    test::LeafListReader reader(leaves);
    const auto& v = vectors()["inclusion"];
    auto path = merkle::inclusion_proof(reader, 1, 3);
    REQUIRE(path.ok());
    CHECK(*path == from_b64_list(v["path_base64"]));
    tlog::InclusionProof proof;
    proof.index = 1;
    proof.entry = vectors()["entries"][1]["canonical"].get<std::string>();
    proof.path = *path;
    proof.checkpoint.note = vectors()["checkpoints"]["3"]["signed_note"].get<std::string>();
    CHECK(tlog::tlog_proof_text(proof) == v["tlog_proof"].get<std::string>());

    VerifierKey key = test_key().verifier_key();
    auto verified = tlog::verify_tlog_proof(v["tlog_proof"].get<std::string>(), key);
    REQUIRE(verified.ok());
    CHECK(verified->entry == proof.entry);
    CHECK(verified->checkpoint.checkpoint.size == 3);

    std::string text = v["tlog_proof"].get<std::string>();
    std::string wrong_index = text;
    wrong_index.replace(wrong_index.find("index 1"), 7, "index 2");
    CHECK_FALSE(tlog::verify_tlog_proof(wrong_index, key).ok());
    std::string other_entry = text;
    auto extra = other_entry.find("extra ") + 6;
    other_entry.replace(
        extra, other_entry.find('\n', extra) - extra,
        to_base64(as_bytes(vectors()["entries"][2]["canonical"].get<std::string>())));
    CHECK_FALSE(tlog::verify_tlog_proof(other_entry, key).ok());
    CHECK_FALSE(tlog::verify_tlog_proof(text.substr(0, 40), key).ok());
    CHECK_FALSE(tlog::verify_tlog_proof("c2sp.org/tlog-proof@v1\nindex 1\n\n", key).ok());
}

TEST_CASE("the consistency proof from size 1 to 3 is the vectors'", "[log-vectors]") {
    auto leaves = vector_leaves();
    test::LeafListReader reader(leaves);
    auto proof = merkle::consistency_proof(reader, 1, 3);
    REQUIRE(proof.ok());
    CHECK(*proof == from_b64_list(vectors()["consistency"]["path_base64"]));
}

TEST_CASE("Change::log writes entries in the vectors' canonical form", "[log-vectors]") {
    test::TempDir dir;
    std::string time = vectors()["entries"][1]["time"].get<std::string>();
    std::string actor = vectors()["entries"][1]["actor"].get<std::string>();
    ::setenv("FAIRDRAW_NOW", time.c_str(), 1);
    auto ws =
        Workspace::init(dir / "ws", InitOptions{vectors()["origin"].get<std::string>(), "", actor});
    REQUIRE(ws.ok());
    auto status = ws->change([&](Change& change) -> Status {
        for (std::size_t i = 1; i < vectors()["entries"].size(); ++i) {
            const auto& e = vectors()["entries"][i];
            FD_TRY(change.log(e["type"].get<std::string>(), e["payload"]));
        }
        return {};
    });
    ::unsetenv("FAIRDRAW_NOW");
    REQUIRE(status.ok());
    for (std::size_t i = 1; i < vectors()["entries"].size(); ++i) {
        SQLite::Statement q(ws->db(), "SELECT data FROM log_entry WHERE idx = ?");
        q.bind(1, static_cast<std::int64_t>(i));
        REQUIRE(q.executeStep());
        CHECK(q.getColumn(0).getString() ==
              vectors()["entries"][i]["canonical"].get<std::string>());
    }
    auto verified = tlog::verify(*ws);
    REQUIRE(verified.ok());
    CHECK(verified->entries == 3);
    CHECK(verified->checkpoints == 2);  // one per change: init, then the change above
}
