#include <algorithm>
#include <catch2/catch.hpp>
#include <fstream>
#include <iterator>

#include "fairdraw/canonical_json.h"
#include "fairdraw/rfc3797.h"

using namespace fairdraw;

namespace {

// The 25 names of RFC 3797 §6, in the RFC's order (also DOMAIN.md §6).
const std::vector<std::string> k_example_pool = {
    "John",   "Mary",     "Bashful",   "Dopey",         "Sleepy",    "Grouchy", "Doc",
    "Sneazy", "Handsome", "Cassandra", "Pollyanna",     "Pendragon", "Pandora", "Faith",
    "Hope",   "Charity",  "Lee",       "Longsuffering", "Chastity",  "Smith",   "Pride",
    "Sloth",  "Envy",     "Anger",     "Kasczynski"};

const std::vector<std::string> k_example_sources = {"9319", "2 5 12 8 10", "9 18 26 34 41 45"};

struct RfcRow {
    const char* md5;
    std::uint64_t div;     // the RFC's "div": entries not yet selected
    std::size_t selected;  // the RFC's "selected": 1-based position in the pool
    const char* name;
};

// The table of RFC 3797 §6 ("index  hex value of MD5  div  selected"), rows
// 1–16, as transcribed in the public test data of Algorithm::Voting::Sortition
// (Perl) and of richsalz/ietf-rfc3797-code, which agree with each other; the
// first digest and the eleven names Lee … Sloth are also the ones quoted in
// DOMAIN.md §6. Names are the pool entries at the "selected" positions.
const RfcRow k_rfc_rows[] = {
    {"990DD0A5692A029A98B5E01AA28F3459", 25, 17, "Lee"},
    {"3691E55CB63FCC37914430B2F70B5EC6", 24, 7, "Doc"},
    {"FE814EDF564C190AC1D25753979990FA", 23, 2, "Mary"},
    {"1863CCACEB568C31D7DDBDF1D4E91387", 22, 16, "Charity"},
    {"F4AB33DF4889F0AF29C513905BE1D758", 21, 25, "Kasczynski"},
    {"13EAEB529F61ACFB9A29D0BA3A60DE4A", 20, 23, "Envy"},
    {"992DB77C382CA2BDB9727001F3CDCCD9", 19, 8, "Sneazy"},
    {"63AB4258ECA922976811C7F55C383CE7", 18, 24, "Anger"},
    {"DFBC5AC97CED01B3A6E348E3CC63F40D", 17, 19, "Chastity"},
    {"31CB111C4A4EBE9287CEAE16FE51B909", 16, 13, "Pandora"},
    {"07FA46C122F164C215BBC72793B189A3", 15, 22, "Sloth"},
    {"AC52F8D75CCBE2E61AFEB3387637D501", 14, 5, "Sleepy"},
    {"53306F73E14FC0B2FBF434218D25948E", 13, 18, "Longsuffering"},
    {"B5D1403501A81F9A47318BE7893B347C", 12, 9, "Handsome"},
    {"85B10B356AA06663EF1B1B407765100A", 11, 1, "John"},
    {"3269E6CE559ABD57E2BA6AAB495EB9BD", 10, 4, "Dopey"},
};

std::string canonical(std::string_view value) {
    auto s = rfc3797::canonicalise_source(value);
    REQUIRE(s);
    return s->canonical;
}

std::string first_problem(std::string_view value) {
    auto s = rfc3797::canonicalise_source(value);
    REQUIRE_FALSE(s);
    REQUIRE(s.error().details.size() == 1);
    return s.error().details[0].render();
}

// The literal RFC procedure: remove the chosen entry from a list each time.
std::vector<std::size_t> literal_positions(const std::string& key, std::size_t n,
                                           std::size_t count) {
    std::vector<std::size_t> remaining(n);
    for (std::size_t i = 0; i < n; ++i) remaining[i] = i;
    std::vector<std::size_t> picked;
    for (std::size_t i = 0; i < count; ++i) {
        auto digest = rfc3797::selection_digest(key, static_cast<std::uint16_t>(i));
        REQUIRE(digest);
        auto r = rfc3797::remainder(*digest, remaining.size());
        picked.push_back(remaining[r]);
        remaining.erase(remaining.begin() + static_cast<std::ptrdiff_t>(r));
    }
    return picked;
}

}  // namespace

TEST_CASE("the RFC 3797 section 6 sources give the RFC's key string", "[rfc3797]") {
    auto sources = rfc3797::canonicalise_sources(k_example_sources);
    REQUIRE(sources);
    REQUIRE(sources->size() == 3);
    CHECK((*sources)[0].canonical == "9319./");
    CHECK((*sources)[1].canonical == "2.5.8.10.12./");  // given unsorted as "2 5 12 8 10"
    CHECK((*sources)[2].canonical == "9.18.26.34.41.45./");
    CHECK(rfc3797::key_string(*sources) == "9319./2.5.8.10.12./9.18.26.34.41.45./");
}

TEST_CASE("the RFC 3797 section 6 example is reproduced row by row", "[rfc3797]") {
    auto result = rfc3797::draw(k_example_sources, k_example_pool, std::size(k_rfc_rows));
    REQUIRE(result);
    CHECK(result->key == "9319./2.5.8.10.12./9.18.26.34.41.45./");
    REQUIRE(result->selections.size() == std::size(k_rfc_rows));
    std::vector<bool> taken(k_example_pool.size(), false);
    for (std::size_t i = 0; i < std::size(k_rfc_rows); ++i) {
        const auto& row = result->selections[i];
        const auto& rfc = k_rfc_rows[i];
        INFO("selection " << i + 1);
        CHECK(row.index == i);
        CHECK(rfc3797::md5_hex_upper(row.md5) == rfc.md5);
        CHECK(row.modulus == rfc.div);
        CHECK(row.position + 1 == rfc.selected);
        CHECK(row.entry == rfc.name);
        // The remainder is the chosen entry's rank among the entries not yet
        // taken, counted here from the RFC's own positions.
        std::uint64_t rank = 0;
        for (std::size_t p = 0; p + 1 < rfc.selected; ++p)
            if (!taken[p]) ++rank;
        CHECK(row.remainder == rank);
        taken[rfc.selected - 1] = true;
    }
}

TEST_CASE("the first digest of the example is 0x990DD0A5… and 16 modulo 25", "[rfc3797]") {
    // MD5(0x0000 ‖ key ‖ 0x0000): RFC 3797 §6 row 1. Its value modulo 25 is
    // 16 (Python: int("990DD0A5692A029A98B5E01AA28F3459", 16) % 25 == 16),
    // which picks entry 17, Lee.
    auto digest = rfc3797::selection_digest("9319./2.5.8.10.12./9.18.26.34.41.45./", 0);
    REQUIRE(digest);
    CHECK(rfc3797::md5_hex_upper(*digest) == "990DD0A5692A029A98B5E01AA28F3459");
    CHECK(rfc3797::remainder(*digest, 25) == 16);
}

TEST_CASE("the counter is two big-endian bytes on both sides of the key", "[rfc3797]") {
    // Known answers from Python's hashlib, an independent MD5:
    //   hashlib.md5(bytes([1, 2]) + b"k" + bytes([1, 2])).hexdigest().upper()
    //   hashlib.md5(bytes([0xff, 0xff]) * 2).hexdigest().upper()
    auto i258 = rfc3797::selection_digest("k", 0x0102);
    REQUIRE(i258);
    CHECK(rfc3797::md5_hex_upper(*i258) == "B1AD7A40C448F8339C9E6BF7AB1CC523");
    auto last = rfc3797::selection_digest("", 0xFFFF);
    REQUIRE(last);
    CHECK(rfc3797::md5_hex_upper(*last) == "A54F0041A9E15B050F25C463F1DB7449");
}

TEST_CASE("numbers are sorted by value and written without leading zeros", "[rfc3797]") {
    CHECK(canonical("12 8 10 2 5") == "2.5.8.10.12./");
    CHECK(canonical("07 003 10") == "3.7.10./");
    CHECK(canonical("0") == "0./");
    CHECK(canonical("000") == "0./");
    CHECK(canonical("100 99 1000") == "99.100.1000./");
    CHECK(canonical("5 5 1") ==
          "1.5.5./");  // repeated values (e.g. 3-digit lottery draws) are kept
    CHECK(canonical("  9319\t") == "9319./");
    CHECK(canonical("123456789012345678901234567890 2") == "2.123456789012345678901234567890./");
}

TEST_CASE("decimal numbers drop trailing fraction zeros and keep one leading zero", "[rfc3797]") {
    // RFC 3797 §4: a period separates whole and fraction; no leading zeros
    // except a single one when the whole part is zero; no trailing zeros.
    CHECK(canonical("10.250") == "10.25/");
    CHECK(canonical("00.5") == "0.5/");
    CHECK(canonical("7.000") == "7./");  // a fraction of zeros leaves the integer form
    CHECK(canonical("12.5 3 0.75") == "0.753.12.5/");
    CHECK(canonical("2.10 2.09 2") == "2.2.092.1/");
}

TEST_CASE("text sources are upper-cased with everything but letters and digits removed",
          "[rfc3797]") {
    auto s = rfc3797::canonicalise_source("W 4-1, Twins");
    REQUIRE(s);
    CHECK(s->kind == rfc3797::SourceKind::text);
    CHECK(s->canonical == "W41TWINS./");
}

TEST_CASE("malformed source values are refused with what was expected and found", "[rfc3797]") {
    CHECK_THAT(first_problem(""), Catch::Contains("the source is empty"));
    CHECK_THAT(first_problem("   "), Catch::Contains("the source is empty"));
    CHECK_THAT(first_problem("2,5,12"), Catch::Contains("\"2,5,12\" is not a number"));
    CHECK_THAT(first_problem("-5"), Catch::Contains("is not a number"));
    CHECK_THAT(first_problem("1..2"), Catch::Contains("is not a number"));
    CHECK_THAT(first_problem("5."), Catch::Contains("is not a number"));
    CHECK_THAT(first_problem(".5"), Catch::Contains("is not a number"));
    CHECK_THAT(first_problem("4-1"), Catch::Contains("found \"4-1\""));
    CHECK_THAT(first_problem("\xEF\xBC\x91\xEF\xBC\x92"),
               Catch::Contains("is not a number"));  // full-width １２
    CHECK_THAT(first_problem("Caf\xC3\xA9"), Catch::Contains("text sources must be ASCII"));
    auto s = rfc3797::canonicalise_source("-5");
    REQUIRE_FALSE(s);
    CHECK_THAT(s.error().details[0].hint, Catch::Contains("leave out the sign"));
}

TEST_CASE("every bad source is reported together, named by its position", "[rfc3797]") {
    std::vector<std::string> values = {"9319", "2,5", "", "7"};
    auto sources = rfc3797::canonicalise_sources(values);
    REQUIRE_FALSE(sources);
    CHECK(sources.error().kind == ErrorKind::bad_input);
    REQUIRE(sources.error().details.size() == 2);
    CHECK(sources.error().details[0].field == "source 2");
    CHECK(sources.error().details[1].field == "source 3");
    CHECK_THAT(sources.error().message, Catch::Contains("2 randomness sources"));
}

TEST_CASE("a single-entry pool yields its one entry", "[rfc3797]") {
    std::vector<std::string> pool = {"only"};
    auto rows = rfc3797::select("1./", pool, 1);
    REQUIRE(rows);
    REQUIRE(rows->size() == 1);
    CHECK((*rows)[0].modulus == 1);
    CHECK((*rows)[0].remainder == 0);
    CHECK((*rows)[0].entry == "only");
}

TEST_CASE("selecting the whole pool returns every entry once", "[rfc3797]") {
    auto rows = rfc3797::select("9319./2.5.8.10.12./9.18.26.34.41.45./", k_example_pool,
                                k_example_pool.size());
    REQUIRE(rows);
    std::vector<std::string> chosen;
    for (const auto& r : *rows) chosen.push_back(r.entry);
    CHECK(rows->back().modulus == 1);
    std::sort(chosen.begin(), chosen.end());
    auto expected = k_example_pool;
    std::sort(expected.begin(), expected.end());
    CHECK(chosen == expected);
}

TEST_CASE("the first selections do not depend on how many are selected", "[rfc3797]") {
    auto few = rfc3797::select("1.2.3./", k_example_pool, 3);
    auto many = rfc3797::select("1.2.3./", k_example_pool, 20);
    REQUIRE(few);
    REQUIRE(many);
    for (std::size_t i = 0; i < 3; ++i) CHECK((*few)[i].position == (*many)[i].position);
}

TEST_CASE("the fast selection matches the literal removal from a list", "[rfc3797]") {
    for (std::size_t n : {1U, 2U, 3U, 7U, 64U, 65U, 1000U}) {
        std::vector<std::string> pool;
        for (std::size_t i = 0; i < n; ++i) pool.push_back("e" + std::to_string(i));
        for (const std::string key : {"9319./", "1.2.3./4./", "ABC./"}) {
            auto rows = rfc3797::select(key, pool, n);
            REQUIRE(rows);
            auto expected = literal_positions(key, n, n);
            std::vector<std::size_t> got;
            for (const auto& r : *rows) got.push_back(r.position);
            INFO("n = " << n << ", key = " << key);
            CHECK(got == expected);
        }
    }
}

TEST_CASE("impossible counts are refused with the pool size in the hint", "[rfc3797]") {
    auto zero = rfc3797::select("1./", k_example_pool, 0);
    REQUIRE_FALSE(zero);
    CHECK_THAT(zero.error().message, Catch::Contains("is 0"));
    auto too_many = rfc3797::select("1./", k_example_pool, 26);
    REQUIRE_FALSE(too_many);
    CHECK(too_many.error().kind == ErrorKind::bad_input);
    CHECK(too_many.error().message == "cannot select 26 entries from a pool of 25");
    CHECK_THAT(too_many.error().hint, Catch::Contains("at most 25"));
    auto none = rfc3797::select("1./", std::vector<std::string>{}, 1);
    REQUIRE_FALSE(none);
    auto no_sources = rfc3797::draw(std::vector<std::string>{}, k_example_pool, 1);
    REQUIRE_FALSE(no_sources);
    CHECK_THAT(no_sources.error().message, Catch::Contains("no randomness sources"));
}

TEST_CASE("remainder reads the digest as a big-endian 128-bit integer", "[rfc3797]") {
    rfc3797::Md5 one{};
    one[15] = 1;  // the integer 1
    CHECK(rfc3797::remainder(one, 7) == 1);
    rfc3797::Md5 high{};
    high[0] = 1;  // 2^120; 2^120 mod 7 = 2^(120 mod 3) = 1, since 2^3 = 8 ≡ 1 (mod 7)
    CHECK(rfc3797::remainder(high, 7) == 1);
    rfc3797::Md5 all{};
    all.fill(0xFF);  // 2^128 − 1; 2^128 mod 1000 = 456 (2^128 = …211456), minus 1 gives 455
    CHECK(rfc3797::remainder(all, 1000) == 455);
}

TEST_CASE("docs/vectors/rfc3797-example.json replays", "[rfc3797]") {
    std::ifstream in(std::string(FAIRDRAW_SOURCE_DIR) + "/docs/vectors/rfc3797-example.json");
    REQUIRE(in);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    auto doc = parse_json(text, "rfc3797-example.json");
    REQUIRE(doc);
    auto pool = (*doc)["pool"].get<std::vector<std::string>>();
    auto sources = (*doc)["sources"].get<std::vector<std::string>>();
    auto result = rfc3797::draw(sources, pool, (*doc)["count"].get<std::size_t>());
    REQUIRE(result);
    CHECK(result->key == (*doc)["key"].get<std::string>());
    const auto& rows = (*doc)["rows"];
    REQUIRE(rows.size() == result->selections.size());
    std::vector<std::string> mismatches;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const auto& want = rows[i];
        const auto& got = result->selections[i];
        if (want["md5"].get<std::string>() != rfc3797::md5_hex_upper(got.md5) ||
            want["modulus"].get<std::uint64_t>() != got.modulus ||
            want["position"].get<std::size_t>() != got.position + 1 ||
            want["entry"].get<std::string>() != got.entry)
            mismatches.push_back("row " + std::to_string(i + 1));
    }
    CHECK(mismatches.empty());
    // The vector's rows must be the RFC's table, not a copy of this code's output.
    for (std::size_t i = 0; i < rows.size(); ++i)
        CHECK(rows[i]["md5"].get<std::string>() == k_rfc_rows[i].md5);
}
