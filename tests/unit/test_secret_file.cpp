#include <sys/stat.h>

#include <catch2/catch.hpp>

#include "fairdraw/secret_file.h"
#include "fairdraw/seed.h"
#include "test_helpers.h"

using namespace fairdraw;

TEST_CASE("a hash chain is SHA-256 applied n times", "[secret]") {
    // H("abc") is the FIPS 180-2 example ba7816bf…; H(H("abc")) computed with
    // Python: hashlib.sha256(bytes.fromhex("ba7816bf…15ad")).hexdigest().
    const Bytes abc = to_bytes("abc");
    CHECK(to_hex(hash_chain(abc, 0)) == "616263");
    CHECK(to_hex(hash_chain(abc, 1)) ==
          "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK(to_hex(hash_chain(abc, 2)) ==
          "4f8b42c22dd3729b519ba6f68d2da7cc5b2d606d05daed5ad5128cc03e6c6358");
}

TEST_CASE("each revealed link hashes to the one before, and the first to the commitment", "[secret]") {
    auto s = SecretFile::generate(4);
    REQUIRE(s);
    const Hash c = s->commitment();
    Bytes previous(c.begin(), c.end());
    for (std::int64_t round = 0; round < 4; ++round) {
        auto link = s->link(round);
        REQUIRE(link);
        CHECK(check_chain_link(previous, *link));
        previous = *link;
    }
    CHECK_FALSE(s->link(4));
    CHECK_FALSE(s->link(-1));
}

TEST_CASE("a secret file is written owner-only, read back, and never overwritten", "[secret]") {
    test::TempDir dir;
    auto s = SecretFile::generate(3);
    REQUIRE(s);
    const auto file = dir / "op.secret";
    REQUIRE(s->save(file));
    struct stat st {};
    REQUIRE(::stat(file.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
    auto back = SecretFile::load(file);
    REQUIRE(back);
    CHECK(back->chain() == 3);
    CHECK(back->commitment() == s->commitment());
    CHECK(*back->link(2) == *s->link(2));
    auto again = s->save(file);
    REQUIRE_FALSE(again);
    CHECK_THAT(again.error().message, Catch::Contains("already exists"));
}

TEST_CASE("a secret file others can read, or with a wrong commitment, is refused", "[secret]") {
    test::TempDir dir;
    auto s = SecretFile::generate(2);
    REQUIRE(s);
    const auto file = dir / "op.secret";
    REQUIRE(s->save(file));
    ::chmod(file.c_str(), 0644);
    auto open = SecretFile::load(file);
    REQUIRE_FALSE(open);
    CHECK_THAT(open.error().message, Catch::Contains("can be read by other users"));
    ::chmod(file.c_str(), 0600);
    std::string text = test::read_text(file);
    const auto at = text.find("commitment ") + 11;
    text[at] = text[at] == '0' ? '1' : '0';
    {
        std::ofstream out(file, std::ios::binary | std::ios::trunc);
        out << text;
    }
    auto changed = SecretFile::load(file);
    REQUIRE_FALSE(changed);
    CHECK_THAT(changed.error().message, Catch::Contains("commitment does not match"));
    CHECK_FALSE(SecretFile::generate(0));
    CHECK_FALSE(SecretFile::generate(k_max_chain + 1));
}
