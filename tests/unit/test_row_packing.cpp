#include <catch2/catch.hpp>

#include "fairdraw/canonical_json.h"
#include "fairdraw/row_packing.h"

using namespace fairdraw;

TEST_CASE("the keys of each kind's packing are its field names and extra, in byte order",
          "[packing]") {
    const RowPacking conflicts = RowPacking::for_kind(DirectoryKind::conflicts);
    const auto& keys = conflicts.keys();
    CHECK(keys == std::vector<std::string>{"declared", "entity", "entity_name", "extra",
                                           "inspector", "inspector_name", "reason"});
    for (auto kind : {DirectoryKind::enterprises, DirectoryKind::inspectors}) {
        const RowPacking packing = RowPacking::for_kind(kind);
        const auto& k = packing.keys();
        CHECK(std::is_sorted(k.begin(), k.end()));
        CHECK(k.size() == directory_spec(kind).fields.size() + 1);
    }
}

TEST_CASE("a packed row unpacks to the canonical JSON of its values", "[packing]") {
    const RowPacking packing({"a", "b", "extra", "z"});
    std::string out;
    // a = "1", b absent, extra = [["备注","x \"y\""],["k","\\"]], z = "<b>"
    REQUIRE(packing.append_canonical("1\x1F\x1F备注\x1Ex \"y\"\x1Dk\x1E\\\x1F<b>\x1F", out));
    Json expected = {{"a", "1"}, {"z", "<b>"}};
    expected["extra"] = Json::array({Json::array({"备注", "x \"y\""}), Json::array({"k", "\\"})});
    auto text = canonical_json(expected);
    REQUIRE(text);
    CHECK(out == *text);
    std::string empty;
    REQUIRE(packing.append_canonical("\x1F\x1F\x1F\x1F", empty));
    CHECK(empty == "{}");
}

TEST_CASE("a packed row with the wrong number of parts or a broken pair is refused", "[packing]") {
    const RowPacking packing({"a", "extra"});
    std::string out;
    CHECK_FALSE(packing.append_canonical("1\x1F", out));
    CHECK_FALSE(packing.append_canonical("1\x1F\x1F\x1F", out));
    CHECK_FALSE(packing.append_canonical("1\x1Fnovalue\x1F", out));
}

TEST_CASE("the json escaper writes what canonical_json writes", "[packing]") {
    for (const std::string& text :
         {std::string("plain ascii text that is long enough"), std::string("q\"uote\\back"),
          std::string("tab\there\x01\x1f"), std::string("中文“引号”\n"), std::string()}) {
        std::string out = "\"";
        append_json_escaped(out, text);
        out += '"';
        CHECK(out == *canonical_json(Json(text)));
    }
}
