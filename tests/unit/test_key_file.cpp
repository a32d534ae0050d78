#include <sys/stat.h>

#include <catch2/catch.hpp>

#include "fairdraw/key.h"
#include "test_helpers.h"

using namespace fairdraw;
namespace fs = std::filesystem;

namespace {

SigningKey generated(const std::string& name) {
    auto key = SigningKey::generate(name);
    REQUIRE(key.ok());
    return std::move(key).value();
}

unsigned mode_of(const fs::path& file) {
    struct stat st {};
    REQUIRE(::stat(file.c_str(), &st) == 0);
    return st.st_mode & 07777;
}

}  // namespace

TEST_CASE("a saved key file is owner-only PKCS#8 PEM and loads back to the same key", "[key]") {
    test::TempDir dir;
    SigningKey key = generated("fairdraw.test/log");
    REQUIRE(key.save(dir / "signing.key", "").ok());
    CHECK(mode_of(dir / "signing.key") == 0600);
    std::string pem = test::read_text(dir / "signing.key");
    CHECK(pem.rfind("-----BEGIN PRIVATE KEY-----\n", 0) == 0);
    auto loaded = SigningKey::load(dir / "signing.key", "fairdraw.test/log", "");
    REQUIRE(loaded.ok());
    CHECK(loaded->verifier_key() == key.verifier_key());
    auto sig = loaded->sign(as_bytes("message"));
    REQUIRE(sig.ok());
    CHECK(ed25519_verify(key.verifier_key().public_key, as_bytes("message"), *sig));
    CHECK_FALSE(ed25519_verify(key.verifier_key().public_key, as_bytes("massage"), *sig));
}

TEST_CASE("an existing key file is never overwritten", "[key]") {
    test::TempDir dir;
    SigningKey first = generated("fairdraw.test/log");
    SigningKey second = generated("fairdraw.test/log");
    REQUIRE(first.save(dir / "signing.key", "").ok());
    std::string before = test::read_text(dir / "signing.key");
    auto refused = second.save(dir / "signing.key", "");
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().message.find("fairdraw never overwrites a key") != std::string::npos);
    CHECK(test::read_text(dir / "signing.key") == before);
}

TEST_CASE("a key file that group or others can access is refused with a chmod hint", "[key]") {
    test::TempDir dir;
    SigningKey key = generated("fairdraw.test/log");
    REQUIRE(key.save(dir / "signing.key", "").ok());
    for (unsigned mode : {0640u, 0604u, 0660u, 0644u, 0602u}) {
        fs::permissions(dir / "signing.key", static_cast<fs::perms>(mode));
        auto loaded = SigningKey::load(dir / "signing.key", "fairdraw.test/log", "");
        REQUIRE_FALSE(loaded.ok());
        CHECK(loaded.error().kind == ErrorKind::environment);
        CHECK(loaded.error().message.find("can be accessed by other users") != std::string::npos);
        CHECK(loaded.error().hint.find("chmod 600") != std::string::npos);
    }
    fs::permissions(dir / "signing.key", static_cast<fs::perms>(0400));
    CHECK(SigningKey::load(dir / "signing.key", "fairdraw.test/log", "").ok());
}

TEST_CASE("an encrypted key needs its passphrase and refuses a wrong one", "[key]") {
    test::TempDir dir;
    SigningKey key = generated("fairdraw.test/log");
    REQUIRE(key.save(dir / "signing.key", "correct horse").ok());
    CHECK(
        test::read_text(dir / "signing.key").rfind("-----BEGIN ENCRYPTED PRIVATE KEY-----\n", 0) ==
        0);
    auto none = SigningKey::load(dir / "signing.key", "fairdraw.test/log", "");
    REQUIRE_FALSE(none.ok());
    CHECK(none.error().kind == ErrorKind::bad_input);
    CHECK(none.error().message.find("is encrypted and no passphrase was given") !=
          std::string::npos);
    auto wrong = SigningKey::load(dir / "signing.key", "fairdraw.test/log", "battery staple");
    REQUIRE_FALSE(wrong.ok());
    CHECK(wrong.error().message.find("the passphrase does not open the signing key") !=
          std::string::npos);
    auto right = SigningKey::load(dir / "signing.key", "fairdraw.test/log", "correct horse");
    REQUIRE(right.ok());
    CHECK(right->verifier_key() == key.verifier_key());
}

TEST_CASE("a file that is not a private key is an error, not a crash", "[key]") {
    test::TempDir dir;
    {
        std::ofstream out(dir / "signing.key");
        out << "-----BEGIN PRIVATE KEY-----\nnot base64 at all\n-----END PRIVATE KEY-----\n";
    }
    fs::permissions(dir / "signing.key", static_cast<fs::perms>(0600));
    auto loaded = SigningKey::load(dir / "signing.key", "fairdraw.test/log", "");
    REQUIRE_FALSE(loaded.ok());
    CHECK(loaded.error().message.find("is not a PEM private key") != std::string::npos);
    CHECK_FALSE(SigningKey::load(dir / "missing.key", "fairdraw.test/log", "").ok());
}

TEST_CASE("key names follow the signed-note rules", "[key]") {
    CHECK(is_valid_key_name("fairdraw.example-district.gov.cn/log"));
    CHECK(is_valid_key_name("双随机.example/log"));
    CHECK(key_name_problem("") == "the name is empty");
    CHECK(key_name_problem("a+b") == "the name contains '+'");
    CHECK(key_name_problem("a b") == "the name contains a space");
    CHECK(key_name_problem("a\xE3\x80\x80"
                           "b") == "the name contains a space");  // U+3000 ideographic space
    CHECK(key_name_problem("a\x01"
                           "b") == "the name contains a control character");
    CHECK(key_name_problem("a\xff") == "the name is not valid UTF-8 (byte 2)");
    CHECK_FALSE(SigningKey::generate("has space").ok());
}
