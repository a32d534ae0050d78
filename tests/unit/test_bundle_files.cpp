// The pieces of published bundles that need no workspace: escaping for the
// notice and the CSV, the manifest's form, the first difference a failed
// replay reports, and the line reader that hashes a file while its rows are read.
#include <catch2/catch.hpp>
#include <fstream>

#include "bundle_internal.h"
#include "bundle_replay.h"
#include "test_helpers.h"

using namespace fairdraw;

TEST_CASE("directory text never becomes markup or a spreadsheet formula", "[bundle]") {
    CHECK(detail::html_escape("<script>alert('x')</script> & \"q\"") ==
          "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;");
    CHECK(detail::html_escape("临州市联晟影视有限公司") == "临州市联晟影视有限公司");
    for (const char* formula : {"=HYPERLINK(\"x\")", "+86", "-1", "@SUM(A1)", "\tx", "\rx"})
        CHECK(detail::spreadsheet_text(formula) == std::string("'") + formula);
    CHECK(detail::spreadsheet_text("临州 = 公司") == "临州 = 公司");
    CHECK(detail::spreadsheet_text("") == "");
}

TEST_CASE("a manifest reads back as written, and a damaged one is refused", "[bundle]") {
    detail::Manifest m;
    m.kind = BundleKind::full;
    m.result = sha256(std::string_view("result"));
    m.files = {{"a.json", 3, sha256(std::string_view("abc"))}, {"log/checkpoint", 0, sha256(std::string_view(""))}};
    const std::string text = detail::manifest_json(m);
    CHECK(is_canonical_json(text));
    auto back = detail::parse_manifest(text);
    REQUIRE(back);
    CHECK(back->kind == BundleKind::full);
    CHECK(back->result == m.result);
    REQUIRE(back->files.size() == 2);
    CHECK(back->files[1].path == "log/checkpoint");

    Json unsorted = Json::parse(text);
    std::swap(unsorted["files"][0], unsorted["files"][1]);
    auto refused = detail::parse_manifest(canonical_json(unsorted).value());
    REQUIRE_FALSE(refused);
    CHECK_THAT(refused.error().message, Catch::Contains("sorted"));
    Json other = Json::parse(text);
    other["kind"] = "partial";
    CHECK_FALSE(detail::parse_manifest(canonical_json(other).value()));
    CHECK_FALSE(detail::parse_manifest(Json::parse(text).dump(1)));  // not canonical
}

TEST_CASE("a failed replay names the first differing member", "[bundle]") {
    const Json expected = Json::parse(R"({"selected":[{"code":"A","team":[{"inspector":"RS1"}]},
                                                      {"code":"B","team":[{"inspector":"RS2"}]}]})");
    Json found = expected;
    found["selected"][1]["team"][0]["inspector"] = "RS9";
    CHECK(detail::first_difference(expected, found) ==
          ".selected[1] (code B).team[0].inspector: expected \"RS2\", found \"RS9\"");
    CHECK(detail::first_difference(expected, expected).empty());
}

TEST_CASE("the line reader gives every line and the whole file's hash", "[bundle]") {
    test::TempDir dir;
    std::string text;
    for (int i = 0; i < 300000; ++i) text += "{\"code\":\"" + std::to_string(i) + "\"}\n";  // > 4 MiB
    text += "last";
    {
        std::ofstream out(dir.path() / "rows.jsonl", std::ios::binary);
        out << text;
    }
    detail::LineReader reader(dir.path() / "rows.jsonl");
    std::string_view line;
    std::size_t n = 0, bytes = 0;
    std::string first;
    while (reader.next(line)) {
        if (n == 0) first = std::string(line);
        ++n;
        bytes += line.size() + 1;
    }
    CHECK(n == 300001);
    CHECK(first == "{\"code\":\"0\"}");
    CHECK(reader.unterminated());
    auto whole = reader.finish();
    REQUIRE(whole);
    CHECK(whole->first == text.size());
    CHECK(whole->second == sha256(text));
    CHECK(bytes == text.size() + 1);
}

TEST_CASE("the line reader hashes the whole file even when reading stops early", "[bundle]") {
    test::TempDir dir;
    std::string text;
    for (int i = 0; i < 600000; ++i) text += "row " + std::to_string(i) + "\n";
    {
        std::ofstream out(dir.path() / "rows.jsonl", std::ios::binary);
        out << text;
    }
    detail::LineReader reader(dir.path() / "rows.jsonl");
    std::string_view line;
    for (int i = 0; i < 10; ++i) REQUIRE(reader.next(line));
    CHECK(line == "row 9");
    auto whole = reader.finish();
    REQUIRE(whole);
    CHECK(whole->second == sha256(text));
    CHECK_FALSE(reader.unterminated());
}
