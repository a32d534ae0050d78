#include <catch2/catch.hpp>
#include <random>

#include "fairdraw/canonical_json.h"
#include "fairdraw/records.h"

using namespace fairdraw;

namespace {

// Random text: ASCII, characters that need escaping, CJK, and a 4-byte character.
std::string random_text(std::mt19937_64& rng) {
    static const std::vector<std::string> k_pieces{
        "a",    "Z",    "0",        " ",  "\"",
        "\\",   "/",    "\n",       "\t", "\x01",
        "\x1f", "企业", "有限公司", "é",  "\xf0\x9f\x98\x80",
        "、",   ","};
    std::string out;
    auto n = rng() % 12;
    for (std::uint64_t i = 0; i < n; ++i) out += k_pieces[rng() % k_pieces.size()];
    return out;
}

}  // namespace

TEST_CASE("an enterprise row is read field by field and the extra object is skipped", "[records]") {
    auto row = parse_enterprise_row(
        R"({"code":"91350100M000100Y43","credit_class":"B","extra":{"备注":["a",{"b":null}],"n":1},)"
        R"("last_inspected":"2025-06-01","name":"福州\"示例\"有限公司","status":"存续"})");
    REQUIRE(row);
    CHECK(row->code == "91350100M000100Y43");
    CHECK(row->name == "福州\"示例\"有限公司");
    CHECK(row->credit_class == "B");
    CHECK(row->last_inspected == "2025-06-01");
    CHECK(row->region.empty());
}

TEST_CASE("the row scanner reads random canonical rows exactly as a JSON library does",
          "[records]") {
    std::mt19937_64 rng(20260301);
    const std::vector<std::string> fields{
        "code",         "name",        "entity_type",    "registration_authority",
        "jurisdiction", "region",      "grid",           "industry",
        "status",       "established", "last_inspected", "credit_class"};
    for (int round = 0; round < 2000; ++round) {
        Json row = Json::object();
        for (const auto& f : fields)
            if (f == "code" || rng() % 2) row[f] = random_text(rng) + "x";
        if (rng() % 2)
            row["extra"] = {
                {"columns",
                 Json::array({Json::array({"列" + random_text(rng), random_text(rng)})})},
                {"n", {1, -2, true, nullptr}}};
        if (rng() % 4 == 0) row["unknown_member"] = random_text(rng);
        auto text = canonical_json(row);
        REQUIRE(text);
        auto parsed = parse_enterprise_row(*text);
        REQUIRE(parsed);
        for (std::size_t f = 0; f < fields.size(); ++f) {
            std::string expected = row.contains(fields[f]) ? row[fields[f]].get<std::string>() : "";
            REQUIRE((*parsed)[static_cast<EnterpriseField>(f)] == expected);
        }
        // Non-canonical spacing and escapes read the same.
        std::string spaced = row.dump(2, ' ', true);
        auto again = parse_enterprise_row(spaced);
        REQUIRE(again);
        CHECK(again->name == parsed->name);
    }
}

TEST_CASE("malformed rows are refused with the byte where reading stopped", "[records]") {
    for (const char* bad :
         {"", "[]", "{\"code\":\"x\"", "{\"code\":\"x\",}", "{\"code\":\"\\x\"}",
          "{\"code\":\"x\"} trailing", "{\"code\" \"x\"}", "{\"code\":\"\\ud800\"}"}) {
        auto row = parse_enterprise_row(bad);
        INFO(bad);
        REQUIRE_FALSE(row);
        CHECK(row.error().message.find("at byte") != std::string::npos);
    }
}

TEST_CASE("a row without its id field or with a non-string field is refused", "[records]") {
    CHECK_FALSE(parse_enterprise_row(R"({"name":"x"})"));
    CHECK_FALSE(parse_enterprise_row(R"({"code":"91350100M000100Y43","name":5})"));
    CHECK_FALSE(parse_inspector_row(R"({"name":"张三"})"));
    CHECK_FALSE(parse_conflict_row(R"({"inspector":"A01","reason":"亲属"})"));
    auto c =
        parse_conflict_row(R"({"entity":"91350100M000100Y43","inspector":"A01","reason":"亲属"})");
    REQUIRE(c);
    CHECK(c->reason == "亲属");
    auto i = parse_inspector_row(
        R"({"certificate_expiry":"9999-09-09","department":"一科","id":"A01","status":"在岗"})");
    REQUIRE(i);
    CHECK(i->certificate_expiry == "9999-09-09");
}

TEST_CASE("the enterprise table keeps every field and interns repeated values", "[records]") {
    EnterpriseTable table;
    REQUIRE(
        table
            .add_row(
                R"({"code":"A1","industry":"制造业","name":"甲","region":"东区","status":"存续"})")
            .ok());
    REQUIRE(
        table
            .add_row(
                R"({"code":"A2","industry":"制造业","last_inspected":"2025-01-02","name":"乙","status":"注销"})")
            .ok());
    REQUIRE(table.size() == 2);
    CHECK(table.code(1) == "A2");
    CHECK(table.name(0) == "甲");
    CHECK(table.value(0, EnterpriseField::region) == "东区");
    CHECK(table.value(1, EnterpriseField::region).empty());
    CHECK(table.value_id(0, EnterpriseField::industry) ==
          table.value_id(1, EnterpriseField::industry));
    CHECK(table.find_value(EnterpriseField::status, "注销").has_value());
    CHECK_FALSE(table.last_inspected(0).has_value());
    CHECK(*table.last_inspected(1) == *parse_date("2025-01-02"));
    CHECK(table.get(1).status == "注销");
}

TEST_CASE("a bad last_inspected date is refused and leaves the table unchanged", "[records]") {
    EnterpriseTable table;
    REQUIRE(table.add_row(R"({"code":"A1","name":"甲"})").ok());
    auto status = table.add_row(R"({"code":"A2","last_inspected":"2025-02-30","name":"乙"})");
    REQUIRE_FALSE(status);
    CHECK(status.error().message.find("last_inspected") != std::string::npos);
    CHECK(table.size() == 1);
}
