#include <SQLiteCpp/SQLiteCpp.h>

#include <catch2/catch.hpp>

#include "fairdraw/log.h"
#include "fairdraw/merkle.h"
#include "log_store.h"
#include "test_helpers.h"

using namespace fairdraw;

namespace {

Workspace new_workspace(const test::TempDir& dir) {
    auto ws = Workspace::init(dir / "ws", InitOptions{"fairdraw.test/log", "", "tester"});
    REQUIRE(ws.ok());
    return std::move(ws).value();
}

std::int64_t count_rows(Workspace& ws, const char* table) {
    return ws.db().execAndGet(std::string("SELECT COUNT(*) FROM ") + table).getInt64();
}

}  // namespace

TEST_CASE("node positions number complete subtrees in the order appends complete them",
          "[log-store]") {
    merkle::RootBuilder builder;
    std::uint64_t expected = 0;
    for (int i = 0; i < 300; ++i)
        builder.add(merkle::leaf_hash(std::to_string(i)),
                    [&](unsigned level, std::uint64_t index, const Hash&) {
                        CHECK(detail::node_position(level, index) == expected);
                        ++expected;
                    });
    CHECK(expected == 300 - 4);  // 300 = 0b100101100: 300 - popcount(300) interior subtrees
}

TEST_CASE(
    "a change with several entries is signed once, and the node cache holds n - popcount(n) rows",
    "[log-store]") {
    test::TempDir dir;
    Workspace ws = new_workspace(dir);
    REQUIRE(ws.change([](Change& change) -> Status {
                  for (int i = 0; i < 12; ++i) FD_TRY(change.log("test.entry", Json{{"i", i}}));
                  return {};
              }).ok());
    CHECK(count_rows(ws, "log_entry") == 13);
    CHECK(count_rows(ws, "log_checkpoint") == 2);
    CHECK(count_rows(ws, "log_node") == 13 - 3);
    auto latest = tlog::latest_checkpoint(ws);
    REQUIRE(latest.ok());
    CHECK(latest->checkpoint.size == 13);
    CHECK(test::read_text(dir / "ws" / "checkpoint") == latest->note);
}

TEST_CASE("a failing change leaves no entry, node or checkpoint behind", "[log-store]") {
    test::TempDir dir;
    Workspace ws = new_workspace(dir);
    std::string before = test::read_text(dir / "ws" / "checkpoint");
    auto status = ws.change([](Change& change) -> Status {
        FD_TRY(change.log("test.entry", Json{{"i", 1}}));
        FD_TRY(change.log("test.entry", Json{{"i", 2}}));
        return Error::bad_input("the body failed");
    });
    REQUIRE_FALSE(status.ok());
    CHECK(status.error().message == "the body failed");
    CHECK(count_rows(ws, "log_entry") == 1);
    CHECK(count_rows(ws, "log_node") == 0);
    CHECK(count_rows(ws, "log_checkpoint") == 1);
    CHECK(test::read_text(dir / "ws" / "checkpoint") == before);
}

TEST_CASE("a change that writes rows without a log entry is refused", "[log-store]") {
    test::TempDir dir;
    Workspace ws = new_workspace(dir);
    auto status = ws.change([](Change& change) -> Status {
        change.db().exec("INSERT INTO meta (key, value) VALUES ('unlogged', 'x')");
        return {};
    });
    REQUIRE_FALSE(status.ok());
    CHECK(status.error().message.find("without a log entry") != std::string::npos);
    CHECK(count_rows(ws, "meta") == 0);
    // Doing nothing is not a change, and is allowed.
    CHECK(ws.change([](Change&) -> Status { return {}; }).ok());
}

TEST_CASE("proofs for a bundle: one per entry, against the latest signed checkpoint",
          "[log-store]") {
    test::TempDir dir;
    Workspace ws = new_workspace(dir);
    for (int i = 0; i < 20; ++i) REQUIRE(tlog::annotate(ws, "remark " + std::to_string(i)).ok());
    std::uint64_t indices[] = {0, 7, 20};
    auto proofs = tlog::prove_inclusion(ws, indices);
    REQUIRE(proofs.ok());
    REQUIRE(proofs->size() == 3);
    auto key = tlog::verifier_key(ws);
    REQUIRE(key.ok());
    for (const auto& proof : *proofs) {
        CHECK(proof.checkpoint.checkpoint.size == 21);
        auto checked = tlog::verify_tlog_proof(tlog::tlog_proof_text(proof), *key);
        REQUIRE(checked.ok());
        CHECK(checked->entry == proof.entry);
    }
    std::uint64_t outside[] = {21};
    auto refused = tlog::prove_inclusion(ws, outside);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().kind == ErrorKind::bad_input);
    auto older = tlog::prove_inclusion(ws, std::span<const std::uint64_t>(indices, 2), 9);
    REQUIRE(older.ok());
    CHECK(older->at(1).checkpoint.checkpoint.size == 9);
    auto consistency = tlog::prove_consistency(ws, 3, 21);
    REQUIRE(consistency.ok());
    CHECK(merkle::verify_consistency(3, 21, consistency->path,
                                     consistency->old_checkpoint.checkpoint.root,
                                     consistency->new_checkpoint.checkpoint.root)
              .ok());
}
