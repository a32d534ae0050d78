#include <catch2/catch.hpp>

#include "fairdraw/canonical_json.h"
#include "fairdraw/directory_reader.h"

using namespace fairdraw;

namespace {

using Header = std::vector<std::string>;

std::string all_problems(const Error& e) {
    std::string out = e.message + "\n";
    for (const auto& p : e.details) out += p.render() + " | hint: " + p.hint + "\n";
    return out;
}

bool mentions(const Error& e, const std::string& text) {
    return all_problems(e).find(text) != std::string::npos;
}

const Header k_enterprise_header = {"统一社会信用代码", "企业名称", "登记状态"};

// Encodes one row against a plan; returns the canonical row or the problems.
struct Encoded {
    RowEncoder::Outcome outcome;
    std::string id, canonical;
    std::vector<Problem> problems;
};

Encoded encode(DirectoryKind kind, const Header& header, const std::vector<std::string>& values,
               DirectoryOptions options = {}) {
    auto plan = plan_columns(kind, header, options, "t.csv");
    REQUIRE(plan);
    RowEncoder encoder(*plan, options, "t.csv");
    ProblemList problems(100);
    std::vector<std::string_view> views(values.begin(), values.end());
    Encoded e{encoder.encode(views, RowPlace{7, 0}, problems), "", "", problems.kept()};
    if (e.outcome == RowEncoder::Outcome::row) {
        e.id = encoder.id();
        e.canonical = encoder.canonical();
    }
    return e;
}

}  // namespace

TEST_CASE("column names match after trimming and ignoring ascii case", "[directory]") {
    auto plan = plan_columns(DirectoryKind::enterprises,
                             Header{" 统一社会信用代码\t", "NAME", "Status"}, {}, "t.csv");
    REQUIRE(plan);
    const auto& spec = directory_spec(DirectoryKind::enterprises);
    CHECK(spec.fields[static_cast<std::size_t>(plan->columns[0].field)].name == "code");
    CHECK(spec.fields[static_cast<std::size_t>(plan->columns[1].field)].name == "name");
    CHECK(spec.fields[static_cast<std::size_t>(plan->columns[2].field)].name == "status");
    CHECK(plan->columns[0].name == "统一社会信用代码");
}

TEST_CASE("no column name is accepted for two fields of one kind", "[directory]") {
    for (auto kind :
         {DirectoryKind::enterprises, DirectoryKind::inspectors, DirectoryKind::conflicts}) {
        const auto& spec = directory_spec(kind);
        std::vector<std::string> keys;
        for (const auto& f : spec.fields) {
            CHECK(std::find(f.columns.begin(), f.columns.end(), f.name) !=
                  f.columns.end());  // canonical name accepted
            for (auto c : f.columns) keys.push_back(column_key(c));
        }
        std::sort(keys.begin(), keys.end());
        CHECK(std::adjacent_find(keys.begin(), keys.end()) == keys.end());
    }
}

TEST_CASE("unknown columns are kept as extra, in byte order of their names", "[directory]") {
    auto plan = plan_columns(DirectoryKind::enterprises,
                             Header{"统一社会信用代码", "联系人", "企业名称", "备注", "登记状态"},
                             {}, "t.csv");
    REQUIRE(plan);
    CHECK(plan->names(ColumnRole::extra) == std::vector<std::string>{"联系人", "备注"});
    REQUIRE(plan->extra_order.size() == 2);
    CHECK(plan->columns[plan->extra_order[0]].name == "备注");  // E5 A4 87 sorts before E8 81 94
}

TEST_CASE("two columns that map to one field are refused, naming both", "[directory]") {
    auto plan =
        plan_columns(DirectoryKind::enterprises,
                     Header{"统一社会信用代码", "企业名称", "名称", "登记状态"}, {}, "t.csv");
    REQUIRE_FALSE(plan);
    CHECK(mentions(plan.error(),
                   "two columns map to this field: column 2 (企业名称) and column 3 (名称)"));
    CHECK(mentions(plan.error(), "--drop"));
}

TEST_CASE("a column mapped with --map is read as the field, and --drop leaves one out",
          "[directory]") {
    DirectoryOptions options;
    options.maps = {{"纳税人识别号", "code"}};
    options.drops = {"备注"};
    auto plan =
        plan_columns(DirectoryKind::enterprises,
                     Header{"纳税人识别号", "企业名称", "登记状态", "备注"}, options, "t.csv");
    REQUIRE(plan);
    CHECK(plan->columns[0].role == ColumnRole::field);
    CHECK(plan->columns[0].mapped);
    CHECK(plan->columns[3].role == ColumnRole::dropped);
    CHECK(plan->names(ColumnRole::extra).empty());
}

TEST_CASE("the columns and fields named by --map and --drop must exist", "[directory]") {
    DirectoryOptions options;
    options.maps = {{"企业名称", "title"}, {"无此列", "name"}};
    options.drops = {"不存在"};
    auto plan = plan_columns(DirectoryKind::enterprises, k_enterprise_header, options, "t.csv");
    REQUIRE_FALSE(plan);
    CHECK(mentions(plan.error(), "no field 'title'"));
    CHECK(mentions(plan.error(), "there is no column '无此列'"));
    CHECK(mentions(plan.error(), "--drop 不存在: there is no such column"));
}

TEST_CASE("personal data columns are refused unless dropped", "[directory]") {
    Header header{"工号",     "姓名", "执法证编号", "执法证有效期",
                  "所在部门", "状态", "身份证号",   "法定代表人手机"};
    auto refused = plan_columns(DirectoryKind::inspectors, header, {}, "t.csv");
    REQUIRE_FALSE(refused);
    CHECK(mentions(refused.error(), "column 身份证号: the column holds personal data"));
    CHECK(mentions(refused.error(), "column 法定代表人手机"));
    CHECK(mentions(refused.error(), "--drop '身份证号'"));
    DirectoryOptions options;
    options.drops = {"身份证号", "法定代表人手机"};
    CHECK(plan_columns(DirectoryKind::inspectors, header, options, "t.csv"));
}

TEST_CASE("a required field without a column is refused with the accepted names", "[directory]") {
    auto plan = plan_columns(DirectoryKind::enterprises, Header{"统一社会信用代码", "企业名称"}, {},
                             "t.csv");
    REQUIRE_FALSE(plan);
    CHECK(mentions(plan.error(), "field status: no column for this required field"));
    CHECK(mentions(plan.error(), "登记状态"));
    CHECK(mentions(plan.error(), "--map 'COLUMN=status'"));
}

TEST_CASE("inspectors without an id column use the certificate number as ID", "[directory]") {
    Header header{"姓名", "执法证编号", "执法证有效期", "所在部门", "状态"};
    auto e =
        encode(DirectoryKind::inspectors, header, {"张三", "C-9", "9999-09-09", "法制科", "在岗"});
    REQUIRE(e.outcome == RowEncoder::Outcome::row);
    CHECK(e.id == "C-9");
    auto with_id = encode(DirectoryKind::inspectors,
                          Header{"工号", "姓名", "执法证编号", "执法证有效期", "所在部门", "状态"},
                          {"007", "张三", "C-9", "2030-01-01", "法制科", "在岗"});
    CHECK(with_id.id == "007");
    auto missing_id =
        encode(DirectoryKind::inspectors,
               Header{"工号", "姓名", "执法证编号", "执法证有效期", "所在部门", "状态"},
               {"", "张三", "C-9", "2030-01-01", "法制科", "在岗"});
    CHECK(missing_id.outcome == RowEncoder::Outcome::invalid);
}

TEST_CASE("the conflicts ID is inspector, a zero byte, and entity", "[directory]") {
    auto e = encode(DirectoryKind::conflicts, Header{"工号", "统一社会信用代码", "回避事由"},
                    {"A1", "91350100M000100Y43", "亲属"});
    REQUIRE(e.outcome == RowEncoder::Outcome::row);
    CHECK(e.id == std::string("A1\0"
                              "91350100M000100Y43",
                              21));
}

TEST_CASE("values are trimmed of ascii spaces and tabs only, and empty values are left out",
          "[directory]") {
    auto e = encode(DirectoryKind::enterprises,
                    Header{"统一社会信用代码", "企业名称", "登记状态", "所属行业", "备注"},
                    {" 91350100M000100Y43\t", "\t 全角　空格 ", "存续", "  ", ""});
    REQUIRE(e.outcome == RowEncoder::Outcome::row);
    CHECK(e.canonical ==
          "{\"code\":\"91350100M000100Y43\",\"name\":\"全角　空格\",\"status\":\"存续\"}");
}

TEST_CASE("the row writer produces exactly canonical_json of the same object", "[directory]") {
    const Header header{"统一社会信用代码", "企业名称", "登记状态", "登记机关", "信用风险分类",
                        "成立日期",         "x\"y",     "备注",     "A"};
    const std::vector<std::vector<std::string>> rows = {
        {"91350100M000100Y43", "=HYPERLINK(\"http://evil\",\"点我\")", "在业", "back\\slash", "D",
         "2020-02-29", "q\"", "<script>alert(1)</script>", "@SUM(1)"},
        {"914403001922038216", "+cmd|' /C calc'!A0", "存续", "", "", "", "", "-2+3", "😀 emoji"},
        {"320102000012345", "長い名前 ÄÖÜ ß", "吊销", "12345678", "A", "1999-12-31", "", "", ""},
    };
    for (const auto& values : rows) {
        auto e = encode(DirectoryKind::enterprises, header, values);
        REQUIRE(e.outcome == RowEncoder::Outcome::row);
        // The same object built field by field with nlohmann::json, then canonical_json().
        Json object = Json::object();
        const char* fields[] = {"code",         "name",       "status", "registration_authority",
                                "credit_class", "established"};
        for (std::size_t i = 0; i < 6; ++i)
            if (!values[i].empty()) object[fields[i]] = values[i];
        std::vector<std::pair<std::string, std::string>> extra;
        for (std::size_t i = 6; i < header.size(); ++i)
            if (!values[i].empty()) extra.emplace_back(header[i], values[i]);
        std::sort(extra.begin(), extra.end());
        if (!extra.empty()) {
            object["extra"] = Json::array();
            for (const auto& [k, v] : extra) object["extra"].push_back({k, v});
        }
        auto expected = canonical_json(object);
        REQUIRE(expected);
        CHECK(e.canonical == *expected);
    }
}

TEST_CASE("legacy 15-digit registration numbers are accepted and counted", "[directory]") {
    auto plan = plan_columns(DirectoryKind::enterprises, k_enterprise_header, {}, "t.csv");
    REQUIRE(plan);
    RowEncoder encoder(*plan, {}, "t.csv");
    ProblemList problems(10);
    std::vector<std::string_view> row{"320102000012345", "老商行", "存续"};
    CHECK(encoder.encode(row, RowPlace{4, 0}, problems) == RowEncoder::Outcome::row);
    CHECK(encoder.legacy_count() == 1);
    REQUIRE(encoder.legacy_examples().size() == 1);
    CHECK(encoder.legacy_examples()[0].place.line == 4);
    CHECK(problems.empty());
}

TEST_CASE(
    "a failing credit code is a problem naming the line, column, expected and found character",
    "[directory]") {
    // DOMAIN.md §2: 91350100M000100Y43 is the standard's valid example; ending in Z it fails.
    auto e = encode(DirectoryKind::enterprises, k_enterprise_header,
                    {"91350100M000100Y4Z", "甲", "存续"});
    CHECK(e.outcome == RowEncoder::Outcome::invalid);
    REQUIRE(e.problems.size() == 1);
    const std::string text = e.problems[0].render();
    CHECK(text.find("t.csv:7: column 统一社会信用代码: '91350100M000100Y4Z': check character") !=
          std::string::npos);
    CHECK(text.find("expected '3', found 'Z'") != std::string::npos);
    CHECK(e.problems[0].hint.find("--accept '91350100M000100Y4Z=REASON'") != std::string::npos);
    auto lower = encode(DirectoryKind::enterprises, k_enterprise_header,
                        {"91350100m000100Y43", "甲", "存续"});
    REQUIRE(lower.problems.size() == 1);
    CHECK(lower.problems[0].message.find("lower case") != std::string::npos);
}

TEST_CASE("an accepted failing code passes; accepting a valid or absent code is refused",
          "[directory]") {
    DirectoryOptions options;
    options.accepted = {{"91350100M000100Y4Z", "matches the paper licence"}};
    auto e = encode(DirectoryKind::enterprises, k_enterprise_header,
                    {"91350100M000100Y4Z", "甲", "存续"}, options);
    CHECK(e.outcome == RowEncoder::Outcome::row);

    DirectoryOptions valid;
    valid.accepted = {
        {"91350100M000100Y43", "x"}, {"320102000012345", "y"}, {"91350100M000100Y4Z", " "}};
    auto plan = plan_columns(DirectoryKind::enterprises, k_enterprise_header, valid, "t.csv");
    REQUIRE_FALSE(plan);
    CHECK(mentions(plan.error(), "--accept 91350100M000100Y43: the code passes the check"));
    CHECK(mentions(plan.error(), "--accept 320102000012345: the code passes the check"));
    CHECK(mentions(plan.error(), "--accept 91350100M000100Y4Z: the reason is empty"));

    auto ok_plan = plan_columns(DirectoryKind::enterprises, k_enterprise_header, options, "t.csv");
    REQUIRE(ok_plan);
    RowEncoder unused(*ok_plan, options, "t.csv");
    ProblemList problems(10);
    unused.report_unused_accepted(problems);
    REQUIRE(problems.total() == 1);
    CHECK(problems.kept()[0].render().find("does not occur in the file") != std::string::npos);
}

TEST_CASE("dates, enumerations and required values are checked", "[directory]") {
    const Header header{"姓名", "执法证编号", "执法证有效期", "所在部门", "状态", "专家"};
    auto e = encode(DirectoryKind::inspectors, header, {"", "C1", "长期", "法制科", "active", "Y"});
    CHECK(e.outcome == RowEncoder::Outcome::invalid);
    REQUIRE(e.problems.size() == 4);
    std::string all;
    for (const auto& p : e.problems) all += p.render() + " / " + p.hint + "\n";
    CHECK(all.find("column 姓名: the value is missing") != std::string::npos);
    CHECK(all.find("column 执法证有效期: not a date: expected a date YYYY-MM-DD, found '长期'") !=
          std::string::npos);
    CHECK(all.find("9999-09-09") != std::string::npos);
    CHECK(all.find("column 状态: not an allowed value: expected one of 在岗, 离岗") !=
          std::string::npos);
    CHECK(all.find("column 专家: not an allowed value: expected one of 是, 否, found 'Y'") !=
          std::string::npos);
    auto bad_day =
        encode(DirectoryKind::inspectors, header, {"甲", "C1", "2023-02-29", "法制科", "在岗", ""});
    CHECK(bad_day.outcome == RowEncoder::Outcome::invalid);
}

TEST_CASE("control characters in values are refused, markup and formulas are kept as data",
          "[directory]") {
    auto tab = encode(DirectoryKind::enterprises, k_enterprise_header,
                      {"91350100M000100Y43", "甲\t乙", "存续"});
    REQUIRE(tab.problems.size() == 1);
    CHECK(tab.problems[0].message.find("U+0009 (tab)") != std::string::npos);
    auto c1 = encode(DirectoryKind::enterprises, k_enterprise_header,
                     {"91350100M000100Y43", "甲\xC2\x85", "存续"});
    CHECK(c1.outcome == RowEncoder::Outcome::invalid);
    auto hostile = encode(DirectoryKind::enterprises, k_enterprise_header,
                          {"91350100M000100Y43", "<img src=x onerror=alert(1)>", "存续"});
    REQUIRE(hostile.outcome == RowEncoder::Outcome::row);
    CHECK(hostile.canonical.find("\"name\":\"<img src=x onerror=alert(1)>\"") != std::string::npos);
}

TEST_CASE("a row with every value empty is blank, and a value under a nameless column is refused",
          "[directory]") {
    auto blank = encode(DirectoryKind::enterprises, k_enterprise_header, {"", " ", "\t"});
    CHECK(blank.outcome == RowEncoder::Outcome::blank);
    auto nameless =
        encode(DirectoryKind::enterprises, Header{"统一社会信用代码", "企业名称", "登记状态", ""},
               {"91350100M000100Y43", "甲", "存续", "x"});
    CHECK(nameless.outcome == RowEncoder::Outcome::invalid);
    auto empty_nameless =
        encode(DirectoryKind::enterprises, Header{"统一社会信用代码", "企业名称", "登记状态", ""},
               {"91350100M000100Y43", "甲", "存续", ""});
    CHECK(empty_nameless.outcome == RowEncoder::Outcome::row);
}

TEST_CASE("json directories name the item and key of each problem", "[directory][json]") {
    const std::string text = R"([
        {"code": "91350100M000100Y43", "name": "甲", "status": "存续"},
        {"code": 914403001922038216, "name": "乙", "status": "存续"},
        "not an object",
        {"code": "91350100M000100Y4Z", "name": "丙", "status": "存续", "name": "丁"}
    ])";
    auto rows =
        read_directory_text(DirectoryKind::enterprises, InputFormat::json, text, {}, "t.json", 50);
    REQUIRE_FALSE(rows);
    const std::string all = all_problems(rows.error());
    CHECK(all.find("t.json: item 2, key code: values must be strings") != std::string::npos);
    CHECK(all.find("t.json: item 3: the item is not an object") != std::string::npos);
    CHECK(all.find("t.json: item 4, key name: the key appears twice") != std::string::npos);
    CHECK(all.find("t.json: item 4, key code: '91350100M000100Y4Z'") != std::string::npos);
}

TEST_CASE("json input must be an array of objects", "[directory][json]") {
    auto object = read_directory_text(DirectoryKind::enterprises, InputFormat::json,
                                      R"({"code":"x"})", {}, "t.json", 50);
    REQUIRE_FALSE(object);
    CHECK(mentions(object.error(), "not an array of objects"));
    auto broken = read_directory_text(DirectoryKind::enterprises, InputFormat::json,
                                      "[{\"code\": ", {}, "t.json", 50);
    REQUIRE_FALSE(broken);
    CHECK(mentions(broken.error(), "not valid JSON"));
    auto empty =
        read_directory_text(DirectoryKind::enterprises, InputFormat::json, "[]", {}, "t.json", 50);
    REQUIRE_FALSE(empty);
    CHECK(mentions(empty.error(), "the JSON array is empty"));
}

TEST_CASE("csv directories report the header's problems alone and an empty file as such",
          "[directory]") {
    auto empty =
        read_directory_text(DirectoryKind::enterprises, InputFormat::csv, "", {}, "t.csv", 50);
    REQUIRE_FALSE(empty);
    CHECK(mentions(empty.error(), "the file is empty"));
    auto header_only =
        read_directory_text(DirectoryKind::enterprises, InputFormat::csv,
                            "统一社会信用代码,企业名称,登记状态\r\n", {}, "t.csv", 50);
    REQUIRE_FALSE(header_only);
    CHECK(mentions(header_only.error(), "a header but no rows"));
}
