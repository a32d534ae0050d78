#include <catch2/catch.hpp>

#include "fairdraw/csv.h"

using namespace fairdraw;

namespace {

struct Collected : CsvParser::Handler {
    std::vector<std::pair<std::uint64_t, std::vector<std::string>>> records;
    std::vector<CsvIssue> issues;
    void record(const CsvRecord& r) override {
        records.emplace_back(r.line, std::vector<std::string>(r.fields.begin(), r.fields.end()));
    }
    void issue(CsvIssue i) override { issues.push_back(std::move(i)); }
};

// Parses `text` fed in pieces of `piece` bytes (0: all at once).
Collected parse(std::string_view text, std::size_t piece = 0, CsvLimits limits = {}) {
    CsvParser parser(limits);
    Collected c;
    if (piece == 0) piece = text.size() + 1;
    for (std::size_t at = 0; at < text.size(); at += piece) parser.feed(text.substr(at, piece), c);
    parser.finish(c);
    return c;
}

using Fields = std::vector<std::string>;

}  // namespace

TEST_CASE("records carry the physical line where they start", "[csv]") {
    auto c = parse("a,b\n1,2\n3,4\n");
    REQUIRE(c.issues.empty());
    REQUIRE(c.records.size() == 3);
    CHECK(c.records[0] == std::make_pair(std::uint64_t{1}, Fields{"a", "b"}));
    CHECK(c.records[2] == std::make_pair(std::uint64_t{3}, Fields{"3", "4"}));
}

TEST_CASE("quoted fields hold commas, doubled quotes and line breaks", "[csv]") {
    auto c = parse("a,b\n\"x, y\",\"say \"\"hi\"\"\"\n\"two\nlines\",z\n\"\",last\n");
    REQUIRE(c.issues.empty());
    REQUIRE(c.records.size() == 4);
    CHECK(c.records[1].second == Fields{"x, y", "say \"hi\""});
    CHECK(c.records[2].second == Fields{"two\nlines", "z"});
    CHECK(c.records[2].first == 3);
    CHECK(c.records[3].first == 5);  // the line break inside the quotes counts
    CHECK(c.records[3].second == Fields{"", "last"});
}

TEST_CASE("crlf, lf and a lone cr end records alike, and a final line break is optional", "[csv]") {
    const Fields header{"a", "b"}, row{"1", "2"};
    for (const char* text :
         {"a,b\n1,2\n", "a,b\r\n1,2\r\n", "a,b\r1,2\r", "a,b\n1,2", "a,b\r\n1,2"}) {
        INFO(text);
        auto c = parse(text);
        REQUIRE(c.issues.empty());
        REQUIRE(c.records.size() == 2);
        CHECK(c.records[0].second == header);
        CHECK(c.records[1] == std::make_pair(std::uint64_t{2}, row));
    }
    auto crlf_in_quotes = parse("a,b\r\n\"x\r\ny\",2\r\n3,4\r\n");
    REQUIRE(crlf_in_quotes.records.size() == 3);
    CHECK(crlf_in_quotes.records[1].second[0] == "x\r\ny");
    CHECK(crlf_in_quotes.records[2].first == 4);
}

TEST_CASE("empty lines are skipped but still counted", "[csv]") {
    auto c = parse("a,b\n\n1,2\r\n\r\n3,4\n\n");
    REQUIRE(c.issues.empty());
    REQUIRE(c.records.size() == 3);
    CHECK(c.records[1].first == 3);
    CHECK(c.records[2].first == 5);
}

TEST_CASE("parsing gives the same records however the text is split into chunks", "[csv]") {
    const std::string text = "名称,b\r\n\"x,\"\"y\"\"\r\nz\",2\r3,\"\"\n,\n";
    const auto whole = parse(text);
    REQUIRE(whole.issues.empty());
    for (std::size_t piece = 1; piece < text.size(); ++piece) {
        INFO("piece " << piece);
        const auto split = parse(text, piece);
        CHECK(split.records == whole.records);
        CHECK(split.issues.empty());
    }
}

TEST_CASE("a quote never closed is reported with the line where it opened", "[csv]") {
    auto c = parse("a,b\n1,2\n3,\"open\n4,5\n");
    REQUIRE(c.issues.size() == 1);
    CHECK(c.issues[0].line == 3);
    CHECK(c.issues[0].field == 2);
    CHECK(c.issues[0].message.find("opened on line 3 is never closed") != std::string::npos);
    CHECK(c.records.size() == 2);
}

TEST_CASE("stray quotes are reported and the parser goes on to the next problems", "[csv]") {
    auto c = parse("a,b\nx\"y,2\n\"q\"r,3\n4,5\n6,7,8\n9,\x01\n");
    REQUIRE(c.issues.size() == 4);
    CHECK(c.issues[0].line == 2);
    CHECK(c.issues[0].field == 1);
    CHECK(c.issues[0].message.find("double quote inside a field") != std::string::npos);
    CHECK(c.issues[1].line == 3);
    CHECK(c.issues[1].message.find("text after the closing double quote") != std::string::npos);
    CHECK(c.issues[2].line == 5);
    CHECK(c.issues[2].field == 0);
    CHECK(c.issues[2].message.find("3 fields but the header has 2") != std::string::npos);
    CHECK(c.issues[3].line == 6);
    CHECK(c.issues[3].field == 2);
    CHECK(c.issues[3].message.find("U+0001") != std::string::npos);
    // Only the good records are handed out.
    REQUIRE(c.records.size() == 2);
    CHECK(c.records[1].second == Fields{"4", "5"});
}

TEST_CASE("nul bytes are refused in quoted and unquoted fields", "[csv]") {
    const char text[] = "a,b\n1,x\0y\n\"\0\",2\n";
    auto c = parse(std::string(text, sizeof text - 1));
    REQUIRE(c.issues.size() == 2);
    CHECK(c.issues[0].message.find("NUL") != std::string::npos);
    CHECK(c.issues[1].line == 3);
    CHECK(c.records.size() == 1);
}

TEST_CASE("a field longer than the limit is refused once and parsing goes on", "[csv]") {
    CsvLimits limits;
    limits.max_field_bytes = 8;
    auto c = parse("a,b\n123456789,2\n\"1234567890\",3\n1,2\n", 0, limits);
    REQUIRE(c.issues.size() == 2);
    CHECK(c.issues[0].line == 2);
    CHECK(c.issues[0].message.find("longer than 8 bytes") != std::string::npos);
    CHECK(c.issues[1].line == 3);
    REQUIRE(c.records.size() == 2);
    CHECK(c.records[1].second == Fields{"1", "2"});
}

TEST_CASE("tabs and spaces are kept: trimming belongs to the directory rules", "[csv]") {
    auto c = parse("a,b\n \t1 , x\t\n");
    REQUIRE(c.records.size() == 2);
    CHECK(c.records[1].second == Fields{" \t1 ", " x\t"});
}

TEST_CASE("a batch replays records and issues as the parser gave them, with record numbers",
          "[csv]") {
    const std::string text = "a,b\n1,\"x\ny\"\n2\"q,3\n4,5,6\n7,8";
    const auto direct = parse(text);
    CsvParser parser;
    CsvBatch batch;
    parser.feed(text, batch);
    parser.finish(batch);
    struct Numbered : Collected {
        std::vector<std::uint64_t> numbers, issue_records;
        void record(const CsvRecord& r) override {
            numbers.push_back(r.number);
            Collected::record(r);
        }
        void issue(CsvIssue i) override {
            issue_records.push_back(i.record);
            Collected::issue(std::move(i));
        }
    } replayed;
    batch.replay(replayed);
    CHECK(replayed.records == direct.records);
    REQUIRE(replayed.issues.size() == direct.issues.size());
    CHECK(replayed.numbers == std::vector<std::uint64_t>{1, 2, 5});
    CHECK(replayed.issue_records == std::vector<std::uint64_t>{3, 4});
    CHECK(replayed.issues[1].message == direct.issues[1].message);
}
