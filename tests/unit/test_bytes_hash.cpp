// Known answers for the primitives everything else hashes with.
#include <catch2/catch.hpp>

#include "fairdraw/bytes.h"
#include "fairdraw/hash.h"

using namespace fairdraw;

TEST_CASE("sha256 of 'abc' matches FIPS 180-2 appendix B.1", "[hash]") {
    CHECK(to_hex(sha256("abc")) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST_CASE("sha256 of the empty string matches FIPS 180-2", "[hash]") {
    CHECK(to_hex(sha256("")) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST_CASE("streaming sha256 equals one-shot and resets after finish", "[hash]") {
    Sha256 h;
    h.update("a").update("bc");
    CHECK(h.finish() == sha256("abc"));
    CHECK(h.update("abc").finish() == sha256("abc"));
}

TEST_CASE("hmac-sha256 matches RFC 4231 test cases 1 and 2", "[hash]") {
    Bytes key1(20, 0x0b);
    CHECK(to_hex(hmac_sha256(key1, as_bytes("Hi There"))) ==
          "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
    CHECK(to_hex(hmac_sha256(as_bytes("Jefe"), as_bytes("what do ya want for nothing?"))) ==
          "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST_CASE("base64 matches RFC 4648 section 10 vectors both ways", "[bytes]") {
    const std::pair<const char*, const char*> vectors[] = {
        {"", ""}, {"f", "Zg=="}, {"fo", "Zm8="}, {"foo", "Zm9v"},
        {"foob", "Zm9vYg=="}, {"fooba", "Zm9vYmE="}, {"foobar", "Zm9vYmFy"}};
    for (auto [plain, encoded] : vectors) {
        CHECK(to_base64(as_bytes(plain)) == encoded);
        auto decoded = from_base64(encoded);
        REQUIRE(decoded);
        CHECK(as_text(*decoded) == plain);
    }
}

TEST_CASE("base64 decoding refuses bad length, bad characters and non-canonical padding", "[bytes]") {
    CHECK_FALSE(from_base64("Zm9"));
    CHECK_FALSE(from_base64("Zm9v!A=="));
    CHECK_FALSE(from_base64("Zh=="));   // 'h' leaves non-zero padding bits
    CHECK_FALSE(from_base64("Z==="));
    CHECK_FALSE(from_base64("Zg==Zg=="));
}

TEST_CASE("hex round-trips and refuses odd length and non-hex digits", "[bytes]") {
    auto b = from_hex("00ff10Ab");
    REQUIRE(b);
    CHECK(to_hex(*b) == "00ff10ab");
    CHECK_FALSE(from_hex("abc"));
    CHECK_FALSE(from_hex("zz"));
    CHECK_FALSE(hash_from_hex("00"));
}
