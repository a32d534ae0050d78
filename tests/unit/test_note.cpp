#include <catch2/catch.hpp>

#include "fairdraw/checkpoint.h"
#include "fairdraw/note.h"
#include "test_helpers.h"

using namespace fairdraw;

namespace {

// Published vectors: golang.org/x/mod sumdb/note tests and the C2SP examples
// (docs/vectors/log-note.json says where each comes from).
const Json& vectors() {
    static const Json v = test::vector_file("log-note.json");
    return v;
}
std::string go(const char* field) {
    return vectors()["go"][field].get<std::string>();
}

VerifierKey parse_key(const std::string& text) {
    auto key = parse_verifier_key(text);
    REQUIRE(key.ok());
    return *key;
}

// Go's signer key format: PRIVATE+KEY+<name>+<id>+<base64(0x01 || seed)>.
SigningKey peter() {
    std::string skey = go("peter_signer_key");
    std::size_t at = 0;
    for (int plus = 0; plus < 4; ++plus)
        at = skey.find('+', at) + 1;  // the key itself may contain '+'
    auto b64 = skey.substr(at);
    auto bytes = from_base64(b64);
    REQUIRE(bytes.ok());
    REQUIRE(bytes->size() == 33);
    REQUIRE((*bytes)[0] == 0x01);
    auto key = SigningKey::from_seed("PeterNeumann", ByteView(*bytes).subspan(1));
    REQUIRE(key.ok());
    return std::move(key).value();
}

SigningKey generated(const std::string& name) {
    auto key = SigningKey::generate(name);
    REQUIRE(key.ok());
    return std::move(key).value();
}

}  // namespace

TEST_CASE(
    "the PeterNeumann key of Go's note tests reproduces its published signed note byte for byte",
    "[note]") {
    SigningKey key = peter();
    CHECK(key.verifier_key().text() == go("peter_verifier_key"));
    CHECK(key.verifier_key().id_hex() == "c74f20a3");
    auto signed_note = note::sign(go("text"), key);
    REQUIRE(signed_note.ok());
    CHECK(*signed_note == go("peter_signed_note"));
}

TEST_CASE("published verifier keys parse, and their key IDs are recomputed from name and key",
          "[note]") {
    for (const auto& text : {go("peter_verifier_key"), go("enoch_verifier_key"),
                             vectors()["c2sp_example"]["verifier_key"].get<std::string>()}) {
        auto key = parse_verifier_key(text);
        REQUIRE(key.ok());
        CHECK(key->text() == text);
        CHECK(note_key_id(key->name, key->public_key) == key->id);
    }
    CHECK(parse_key(go("enoch_verifier_key")).id_hex() == "af0cfe78");
}

TEST_CASE("every truncation and every single-byte change of a verifier key is refused", "[note]") {
    // The manglings of Go's TestNewVerifier.
    std::string vkey = go("peter_verifier_key");
    for (std::size_t i = 0; i <= vkey.size(); ++i)
        for (std::size_t j = i + 1; j <= vkey.size(); ++j)
            if (i != 0 || j != vkey.size())
                CHECK_FALSE(parse_verifier_key(vkey.substr(i, j - i)).ok());
    for (std::size_t i = 0; i < vkey.size(); ++i) {
        std::string changed = vkey;
        ++changed[i];
        CHECK_FALSE(parse_verifier_key(changed).ok());
    }
    // Wrong key length and unknown algorithm, each with a matching key ID (Go's cases).
    CHECK_FALSE(parse_verifier_key(
                    "PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWBADKEY==")
                    .ok());
    CHECK_FALSE(
        parse_verifier_key("PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW")
            .ok());
    auto error =
        parse_verifier_key("PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW");
    REQUIRE_FALSE(error.ok());
    CHECK(error.error().kind == ErrorKind::bad_input);
    CHECK(error.error().message ==
          "not a verifier key: the key ID c74f20a4 does not match the name and key (they give "
          "c74f20a3)");
}

TEST_CASE("a note signed by two keys opens with either key and ignores the other signature",
          "[note]") {
    std::string msg = go("text") + "\n" + go("peter_signature_line") + go("enoch_signature_line");
    auto by_peter = note::open(msg, parse_key(go("peter_verifier_key")));
    REQUIRE(by_peter.ok());
    CHECK(*by_peter == go("text"));
    auto by_enoch = note::open(msg, parse_key(go("enoch_verifier_key")));
    REQUIRE(by_enoch.ok());
    CHECK(*by_enoch == go("text"));
}

TEST_CASE("the C2SP signed-note example verifies with its published key", "[note]") {
    const auto& ex = vectors()["c2sp_example"];
    auto text = note::open(ex["signed_note"].get<std::string>(), parse_key(ex["verifier_key"]));
    REQUIRE(text.ok());
    CHECK(*text == ex["text"].get<std::string>());
}

TEST_CASE("a note without a signature by the key is refused and names who signed it", "[note]") {
    std::string msg = go("text") + "\n" + go("enoch_signature_line");
    auto result = note::open(msg, parse_key(go("peter_verifier_key")));
    REQUIRE_FALSE(result.ok());
    CHECK(result.error().kind == ErrorKind::verification_failed);
    CHECK(result.error().message ==
          "the note is not signed by the key PeterNeumann+c74f20a3 (it is signed by "
          "EnochRoot+af0cfe78)");
}

TEST_CASE("a damaged signature by the key rejects the whole note", "[note]") {
    std::string sig = go("peter_signature_line");
    std::string msg = go("text") + "\n" + sig.substr(0, 60) + "ABCD" + sig.substr(60);
    auto result = note::open(msg, parse_key(go("peter_verifier_key")));
    REQUIRE_FALSE(result.ok());
    CHECK(result.error().message.find("does not verify") != std::string::npos);
    // A changed text, too.
    std::string changed = go("peter_signed_note");
    changed[3] = 'X';
    CHECK_FALSE(note::open(changed, parse_key(go("peter_verifier_key"))).ok());
}

TEST_CASE("the malformed notes of Go's TestOpen are refused as malformed", "[note]") {
    std::string text = go("text");
    std::string sig = go("peter_signature_line");
    std::string repeated;
    for (int i = 0; i < 101; ++i) repeated += sig;
    const std::vector<std::string> bad = {
        text,
        text + "\n",
        text + "\n" + sig.substr(0, sig.size() - 1),
        "\x01" + text + "\n" + sig,
        "\xff" + text + "\n" + sig,
        text + "\n" +
            "\xE2\x80\x94 Bad Name "
            "x08go/ZJkuBS9UG/"
            "SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=",
        text + "\n" + sig + "Unexpected line.\n",
        text + "\n" + repeated,
    };
    for (const auto& msg : bad) {
        auto result = note::open(msg, parse_key(go("peter_verifier_key")));
        REQUIRE_FALSE(result.ok());
        CHECK(result.error().message.rfind("malformed note: ", 0) == 0);
    }
}

TEST_CASE("notes cannot be signed over text that is empty, unterminated or has control characters",
          "[note]") {
    SigningKey key = peter();
    CHECK_FALSE(note::sign("abc", key).ok());  // Go: "malformed note"
    CHECK_FALSE(note::sign("", key).ok());
    CHECK_FALSE(note::sign("a\tb\n", key).ok());
    CHECK_FALSE(note::sign("\xc3\x28\n", key).ok());
    CHECK(note::sign("\xE5\x8F\x8C\xE9\x9A\x8F\xE6\x9C\xBA\n", key).ok());  // 双随机
}

TEST_CASE("the tlog-checkpoint example parses into origin, size and root", "[checkpoint]") {
    const auto& ex = vectors()["checkpoint_example"];
    auto parsed = note::parse(ex["signed_note"].get<std::string>());
    REQUIRE(parsed.ok());
    auto cp = parse_checkpoint(parsed->text);
    REQUIRE(cp.ok());
    CHECK(cp->origin == ex["origin"].get<std::string>());
    CHECK(cp->size == ex["size"].get<std::uint64_t>());
    CHECK(to_base64(ByteView(cp->root)) == ex["root_base64"].get<std::string>());
    CHECK(cp->text() == parsed->text);
}

TEST_CASE("malformed checkpoint texts are refused with the line that is wrong", "[checkpoint]") {
    const std::string root = "CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=";
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"log\n12\n", "expected at least 3 lines"},
        {"log\n12\n" + root, "does not end with a newline"},
        {"\n12\n" + root + "\n", "line 1 (origin) is empty"},
        {"log\n012\n" + root + "\n", "leading zero"},
        {"log\n-1\n" + root + "\n", "not a decimal number"},
        {"log\n99999999999999999999\n" + root + "\n", "too large"},
        {"log\n12\nnot base64!\n", "line 3 (root hash) is not base64"},
        {"log\n12\nAAAA\n", "line 3 (root hash) is 3 bytes"},
        {"log\n12\n" + root + "\n\n", "line 4 (extension) is empty"},
    };
    for (const auto& [text, fragment] : cases) {
        auto cp = parse_checkpoint(text);
        REQUIRE_FALSE(cp.ok());
        INFO(cp.error().message);
        CHECK(cp.error().message.find(fragment) != std::string::npos);
    }
    auto zero = parse_checkpoint("log\n0\n" + root + "\n");
    REQUIRE(zero.ok());
    CHECK(zero->size == 0);
}

TEST_CASE("a signed checkpoint opens only with its own key, origin and no extension lines",
          "[checkpoint]") {
    SigningKey key = generated("fairdraw.test/log");
    Checkpoint cp{"fairdraw.test/log", 42, sha256(std::string_view("root")), {}};
    auto signed_note = sign_checkpoint(cp, key);
    REQUIRE(signed_note.ok());
    auto opened = open_checkpoint(*signed_note, key.verifier_key());
    REQUIRE(opened.ok());
    CHECK(*opened == cp);

    SigningKey other = generated("fairdraw.test/log");  // same name, another key
    auto foreign = open_checkpoint(*signed_note, other.verifier_key());
    REQUIRE_FALSE(foreign.ok());
    CHECK(foreign.error().message.find("not signed by the key fairdraw.test/log+" +
                                       other.verifier_key().id_hex()) != std::string::npos);

    Checkpoint wrong_origin{"other.test/log", 42, cp.root, {}};
    auto mislabelled = note::sign(wrong_origin.text(), key);
    REQUIRE(mislabelled.ok());
    auto refused = open_checkpoint(*mislabelled, key.verifier_key());
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().message ==
          "the checkpoint is for the log 'other.test/log', expected 'fairdraw.test/log'");

    Checkpoint extended = cp;
    extended.extensions = {"timestamp 12345"};
    CHECK_FALSE(sign_checkpoint(extended, key).ok());
    auto with_extension = note::sign(extended.text(), key);
    REQUIRE(with_extension.ok());
    auto ext = open_checkpoint(*with_extension, key.verifier_key());
    REQUIRE_FALSE(ext.ok());
    CHECK(ext.error().message.find("extension line") != std::string::npos);

    CHECK_FALSE(sign_checkpoint(Checkpoint{"other.test/log", 1, cp.root, {}}, key).ok());
}

TEST_CASE(
    "the key holder opens its own checkpoints by re-signing, with the same verdicts as "
    "verification",
    "[checkpoint]") {
    SigningKey key = generated("fairdraw.test/log");
    SigningKey other = generated("fairdraw.test/log");
    Checkpoint cp{"fairdraw.test/log", 7, sha256(std::string_view("seven")), {}};
    auto note = sign_checkpoint(cp, key);
    REQUIRE(note.ok());
    auto own = open_own_checkpoint(*note, key);
    REQUIRE(own.ok());
    CHECK(*own == cp);
    // Another key's checkpoint, a changed text and a damaged signature are refused, as
    // open_checkpoint does.
    auto foreign = sign_checkpoint(cp, other);
    REQUIRE(foreign.ok());
    CHECK_FALSE(open_own_checkpoint(*foreign, key).ok());
    std::string changed = *note;
    changed.replace(changed.find("\n7\n"), 3, "\n8\n");
    auto refused = open_own_checkpoint(changed, key);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().message.find("does not verify") != std::string::npos);
    std::string damaged = *note;
    damaged[damaged.size() - 6] = damaged[damaged.size() - 6] == 'A' ? 'B' : 'A';
    CHECK_FALSE(open_own_checkpoint(damaged, key).ok());
    // A witness cosignature by an unknown key next to the log's own is ignored.
    auto cosigned = note::sign(cp.text(), generated("witness.example/w1"));
    REQUIRE(cosigned.ok());
    std::string both = *note + cosigned->substr(cosigned->rfind("\n\n") + 2);
    CHECK(open_own_checkpoint(both, key).ok());
    CHECK(open_checkpoint(both, key.verifier_key()).ok());
}
