#include <catch2/catch.hpp>

#include "fairdraw/text_encoding.h"

using namespace fairdraw;

namespace {

// GB18030 bytes taken from Python's codecs ("企业".encode("gb18030") etc.), an
// implementation independent of glibc's iconv used here.
const std::string k_qiye_gbk = "\xC6\xF3\xD2\xB5";          // 企业 (two-byte area, same in GBK)
const std::string k_grinning_gb18030 = "\x94\x39\xFC\x36";  // U+1F600, a four-byte GB18030 sequence
const std::string k_grinning_utf8 = "\xF0\x9F\x98\x80";

struct Decoded {
    std::string text;
    std::string description;
    bool restart = false;
};

// Decodes `input` fed in pieces of `piece` bytes (0: all at once).
Result<Decoded> decode(std::string_view input, std::optional<TextEncoding> forced = {},
                       std::size_t piece = 0, bool retry = false) {
    FD_ASSIGN(TextDecoder d, retry ? TextDecoder::retry_as_gb18030("t.csv")
                                   : TextDecoder::create(forced, "t.csv"));
    Decoded out;
    if (piece == 0) piece = input.size() + 1;
    for (std::size_t at = 0; at < input.size(); at += piece) {
        FD_ASSIGN(auto step, d.decode(input.substr(at, piece), false, out.text));
        if (step == TextDecoder::Step::restart) {
            out.restart = true;
            return out;
        }
    }
    FD_ASSIGN(auto step, d.decode("", true, out.text));
    out.restart = step == TextDecoder::Step::restart;
    out.description = d.description();
    return out;
}

std::string first_problem(const Error& e) {
    return e.details.empty() ? e.message : e.details[0].render();
}

}  // namespace

TEST_CASE("utf-8 passes through unchanged and a byte order mark is removed", "[encoding]") {
    auto plain = decode("a,企业\n");
    REQUIRE(plain);
    CHECK(plain->text == "a,企业\n");
    CHECK(plain->description == "utf-8");
    auto bom = decode(
        "\xEF\xBB\xBF"
        "a,企业\n");
    REQUIRE(bom);
    CHECK(bom->text == "a,企业\n");
    CHECK(bom->description == "utf-8-bom");
}

TEST_CASE("decoding gives the same text however the input is split into chunks", "[encoding]") {
    const std::string utf8 =
        "\xEF\xBB\xBF"
        "名称,代码\r\n企业" +
        k_grinning_utf8 + ",x\n";
    const std::string gb = "x," + k_qiye_gbk + k_grinning_gb18030 + "\n";
    for (std::size_t piece = 1; piece <= 8; ++piece) {
        INFO("piece " << piece);
        auto a = decode(utf8, std::nullopt, piece);
        REQUIRE(a);
        CHECK(a->text == "名称,代码\r\n企业" + k_grinning_utf8 + ",x\n");
        auto b = decode(gb, std::nullopt, piece);
        REQUIRE(b);
        CHECK(b->text == "x,企业" + k_grinning_utf8 + "\n");
        CHECK(b->description == "gb18030");
    }
}

TEST_CASE("gbk text after only ascii switches to gb18030 without starting again", "[encoding]") {
    auto d = decode("code,name\n1," + k_qiye_gbk + "\n");
    REQUIRE(d);
    CHECK_FALSE(d->restart);
    CHECK(d->text == "code,name\n1,企业\n");
    CHECK(d->description == "gb18030");
}

TEST_CASE("invalid utf-8 after valid non-ascii utf-8 asks to start again as gb18030",
          "[encoding]") {
    // C3 A9 is "é" in UTF-8 and also a valid GB18030 pair (茅, U+8305, per Python's codecs).
    const std::string mixed = "\xC3\xA9\n" + k_qiye_gbk;
    auto first = decode(mixed);
    REQUIRE(first);
    CHECK(first->restart);
    auto again = decode(mixed, std::nullopt, 0, true);
    REQUIRE(again);
    CHECK_FALSE(again->restart);
    CHECK(again->description == "gb18030");
    CHECK(again->text == "茅\n企业");
}

TEST_CASE("bytes that are neither utf-8 nor gb18030 are refused with line and byte offset",
          "[encoding]") {
    auto d = decode("a,b\r\nc,d\re,\xFF\n");
    REQUIRE_FALSE(d);
    const std::string p = first_problem(d.error());
    // Lines: "a,b" CRLF (1), "c,d" CR (2), then line 3; 0xFF is byte 11 (0-based).
    CHECK(p.find("t.csv:3:") != std::string::npos);
    CHECK(p.find("0xFF") != std::string::npos);
    CHECK(p.find("byte offset 11") != std::string::npos);
    CHECK(p.find("neither UTF-8 nor GB18030") != std::string::npos);
    CHECK(d.error().details[0].hint.find("--encoding") != std::string::npos);
}

TEST_CASE("a file with a utf-8 byte order mark must be valid utf-8", "[encoding]") {
    auto d = decode(
        "\xEF\xBB\xBF"
        "a\n" +
        k_qiye_gbk);
    REQUIRE_FALSE(d);
    CHECK(first_problem(d.error()).find("byte order mark") != std::string::npos);
}

TEST_CASE("utf-16 files are recognised by their byte order mark and refused", "[encoding]") {
    auto d =
        decode(std::string("\xFF\xFE"
                           "a\0,\0",
                           6));
    REQUIRE_FALSE(d);
    CHECK(first_problem(d.error()).find("UTF-16") != std::string::npos);
}

TEST_CASE("a forced encoding is used as given", "[encoding]") {
    auto as_utf8 = decode("1," + k_qiye_gbk, TextEncoding::utf8);
    REQUIRE_FALSE(as_utf8);
    CHECK(first_problem(as_utf8.error()).find("not valid UTF-8") != std::string::npos);
    auto as_gbk = decode("1," + k_qiye_gbk, TextEncoding::gbk);
    REQUIRE(as_gbk);
    CHECK(as_gbk->text == "1,企业");
    CHECK(as_gbk->description == "gbk");
    auto gbk_refuses_four_bytes = decode(k_grinning_gb18030, TextEncoding::gbk);
    CHECK_FALSE(gbk_refuses_four_bytes);
}

TEST_CASE("a character cut off by the end of the file is refused", "[encoding]") {
    auto utf8 = decode("a,\xE4\xBC");
    REQUIRE_FALSE(utf8);
    CHECK(first_problem(utf8.error()).find("middle of") != std::string::npos);
    auto gb = decode("a,\xC6", TextEncoding::gb18030);
    CHECK_FALSE(gb);
}

TEST_CASE("a gb18030 byte order mark is removed", "[encoding]") {
    // U+FEFF in GB18030 is 84 31 95 33 (GB18030-2005 four-byte table; Python's codecs agree).
    auto d = decode(
        "\x84\x31\x95\x33"
        "a," +
        k_qiye_gbk);
    REQUIRE(d);
    CHECK(d->text == "a,企业");
}

TEST_CASE("utf-8 validation refuses overlong forms, surrogates and code points above U+10FFFF",
          "[encoding]") {
    // RFC 3629 §3 and §10.
    CHECK(is_valid_utf8("a\xC3\xA9\xE4\xBC\x81\xF0\x9F\x98\x80"));
    CHECK_FALSE(is_valid_utf8("\xC0\x80"));
    CHECK_FALSE(is_valid_utf8("\xE0\x80\xAF"));
    CHECK_FALSE(is_valid_utf8("\xED\xA0\x80"));
    CHECK_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));
    CHECK_FALSE(is_valid_utf8("\x80"));
    CHECK(valid_utf8_prefix("ab\xFF") == 2);
}

TEST_CASE("encoding names are parsed case-insensitively", "[encoding]") {
    CHECK(parse_encoding_name("UTF-8") == TextEncoding::utf8);
    CHECK(parse_encoding_name("GB18030") == TextEncoding::gb18030);
    CHECK(parse_encoding_name("gbk") == TextEncoding::gbk);
    CHECK_FALSE(parse_encoding_name("latin1"));
}
