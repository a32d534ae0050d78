// Session: the live session's state machine on a real workspace, without HTTP.
// The sample district (lists/sample/) is announced with two sources; figures
// checked are the workspace's own (the log's size, the recorded draw).
#include <catch2/catch.hpp>
#include <cstdlib>

#include "fairdraw/log.h"
#include "fairdraw/session.h"
#include "fairdraw/snapshot.h"
#include "test_helpers.h"

using namespace fairdraw;

namespace {

// Sets FAIRDRAW_NOW for the scope (the clock adapter reads it, clock.h).
struct FixedNow {
    explicit FixedNow(const char* time) { ::setenv("FAIRDRAW_NOW", time, 1); }
    ~FixedNow() { ::unsetenv("FAIRDRAW_NOW"); }
    FixedNow(const FixedNow&) = delete;
    FixedNow& operator=(const FixedNow&) = delete;
};

const std::filesystem::path k_sample = std::filesystem::path(FAIRDRAW_SOURCE_DIR) / "lists" / "sample";

StoredAnnouncement announce_sample(Workspace& ws) {
    FixedNow now("2026-11-20T02:00:00Z");
    for (auto kind : {DirectoryKind::enterprises, DirectoryKind::inspectors, DirectoryKind::conflicts}) {
        auto imported = import_directory(ws, kind, k_sample / (std::string(kind_name(kind)) + ".csv"), {});
        REQUIRE(imported);
    }
    AnnounceRequest request;
    request.plan_text = test::read_text(k_sample / "plan.json");
    request.plan_source = "plan.json";
    request.snapshots.conflicts = "latest";
    request.not_before = "2026-12-01T13:30:00Z";
    for (const char* spec : {"numbers:福彩3D:count=3:min=0:max=9:expected=2026-12-01T13:15:00Z",
                             "witness:公证员:digits=6"}) {
        auto source = parse_source_spec(spec);
        REQUIRE(source);
        request.sources.push_back(*source);
    }
    auto report = announce(ws, request);
    REQUIRE(report);
    return report->announcement;
}

std::uint64_t log_size(Workspace& ws) {
    auto n = tlog::size(ws);
    REQUIRE(n);
    return *n;
}

}  // namespace

TEST_CASE("a session confirms values, refuses and logs wrong ones, and draws once", "[session]") {
    test::TempDir dir;
    auto ws = Workspace::init(dir / "ws", {"fairdraw.test/log", "", "tester"});
    REQUIRE(ws);
    const StoredAnnouncement a = announce_sample(*ws);
    FixedNow now("2026-12-01T13:31:00Z");

    auto session = Session::open(*ws, a);
    REQUIRE(session);
    CHECK(session->phase() == SessionPhase::collecting);
    REQUIRE(session->sources().size() == 2);

    const std::uint64_t before = log_size(*ws);
    auto wrong = session->enter_value(*ws, "公证员", "12345");
    REQUIRE_FALSE(wrong);
    CHECK(wrong.error().kind == ErrorKind::bad_input);
    CHECK_THAT(wrong.error().message, Catch::Contains("log entry " + std::to_string(before)));
    CHECK(log_size(*ws) == before + 1);
    CHECK_FALSE(session->sources()[1].canonical);

    CHECK_FALSE(session->enter_value(*ws, "公证人", "123456"));  // no such source: not logged
    CHECK(log_size(*ws) == before + 1);

    REQUIRE(session->enter_value(*ws, "福彩3D", "3 5 8"));
    CHECK_FALSE(session->draw_now(*ws));  // the witness's value is missing
    CHECK(session->phase() == SessionPhase::collecting);
    auto ok = session->enter_value(*ws, "公证员", "384615");
    REQUIRE(ok);
    CHECK(*ok == "384615");

    REQUIRE(session->draw_now(*ws));
    REQUIRE(session->phase() == SessionPhase::drawn);
    const std::uint64_t drawn = log_size(*ws);
    CHECK(drawn == before + 2);
    const std::size_t total = session->result()->selected.size();
    REQUIRE(total > 1);
    CHECK(session->revealed() == 0);
    CHECK(session->reveal(1) == 1);
    CHECK(session->reveal(0) == total);
    CHECK_FALSE(session->enter_value(*ws, "公证员", "111111"));
    REQUIRE(session->draw_now(*ws));  // drawn: nothing happens
    CHECK(log_size(*ws) == drawn);

    auto text = session->verification_text(*ws);
    REQUIRE(text);
    CHECK(text->rfind("fairdraw-verify-v1\norigin fairdraw.test/log\n", 0) == 0);
    CHECK_THAT(*text, Catch::Contains("result " + to_hex(*session->draw()->result_id) + "\n"));
    CHECK_THAT(*text, Catch::Contains("checkpoint " + std::to_string(drawn) + " "));

    // Opened again (a restart): the recorded draw, fully revealed, nothing written.
    auto again = Session::open(*ws, a);
    REQUIRE(again);
    CHECK(again->phase() == SessionPhase::drawn);
    CHECK(again->revealed() == total);
    CHECK(again->draw()->result_id == session->draw()->result_id);
    CHECK(again->sources()[0].canonical == session->sources()[0].canonical);
    CHECK(again->sources()[1].typed == "384615");
    CHECK(log_size(*ws) == drawn);
}
