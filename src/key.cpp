// Ed25519 keys, key IDs and verifier keys (C2SP signed-note).
#include "fairdraw/key.h"

#include <openssl/evp.h>

#include <cstring>

#include "fairdraw/hash.h"
#include "key_impl.h"
#include "utf8_scan.h"

namespace fairdraw {

std::string key_name_problem(std::string_view name) {
    if (name.empty()) return "the name is empty";
    if (name.size() > k_max_key_name_size)
        return "the name is " + std::to_string(name.size()) + " bytes long, more than " +
               std::to_string(k_max_key_name_size);
    std::size_t pos = 0;
    while (pos < name.size()) {
        char32_t c = 0;
        std::size_t at = pos;
        if (!detail::next_code_point(name, pos, c))
            return "the name is not valid UTF-8 (byte " + std::to_string(at + 1) + ")";
        if (c == U'+') return "the name contains '+'";
        if (detail::is_unicode_space(c)) return "the name contains a space";
        if (c < 0x20 || c == 0x7f) return "the name contains a control character";
    }
    return {};
}

bool is_valid_key_name(std::string_view name) {
    return key_name_problem(name).empty();
}

std::uint32_t note_key_id(std::string_view name, const PublicKey& key) {
    Sha256 h;
    Hash digest = h.update(name)
                      .update(std::uint8_t{0x0a})
                      .update(k_note_type_ed25519)
                      .update(ByteView(key))
                      .finish();
    return (std::uint32_t{digest[0]} << 24) | (std::uint32_t{digest[1]} << 16) |
           (std::uint32_t{digest[2]} << 8) | std::uint32_t{digest[3]};
}

VerifierKey VerifierKey::make(std::string name, const PublicKey& key) {
    VerifierKey v;
    v.id = note_key_id(name, key);
    v.name = std::move(name);
    v.public_key = key;
    return v;
}

std::string VerifierKey::id_hex() const {
    std::uint8_t bytes[4] = {static_cast<std::uint8_t>(id >> 24),
                             static_cast<std::uint8_t>(id >> 16),
                             static_cast<std::uint8_t>(id >> 8), static_cast<std::uint8_t>(id)};
    return to_hex(ByteView(bytes, 4));
}

std::string VerifierKey::text() const {
    Bytes typed{k_note_type_ed25519};
    typed.insert(typed.end(), public_key.begin(), public_key.end());
    return name + "+" + id_hex() + "+" + to_base64(typed);
}

Result<VerifierKey> parse_verifier_key(std::string_view text) {
    auto fail = [&](const std::string& why) {
        return Error::bad_input("not a verifier key: " + why,
                                "a verifier key looks like 'example.gov.cn/log+1a2b3c4d+AU...' "
                                "(fairdraw key show prints it)");
    };
    auto first = text.find('+');
    if (first == std::string_view::npos)
        return fail("expected <name>+<key ID>+<key>, found no '+'");
    auto second = text.find('+', first + 1);
    if (second == std::string_view::npos)
        return fail("expected <name>+<key ID>+<key>, found one '+'");
    std::string_view name = text.substr(0, first);
    std::string_view id_text = text.substr(first + 1, second - first - 1);
    std::string_view key_text = text.substr(second + 1);
    if (auto problem = key_name_problem(name); !problem.empty()) return fail(problem);
    if (id_text.size() != 8)
        return fail("the key ID must be 8 hex digits, found " + std::to_string(id_text.size()));
    for (char c : id_text)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
            return fail("the key ID must be 8 lower-case hex digits");
    auto key = from_base64(key_text);
    if (!key) return fail("the key is not base64: " + key.error().message);
    if (key->empty() || (*key)[0] != k_note_type_ed25519)
        return fail("the key type is not 0x01 (Ed25519), the only type fairdraw uses");
    if (key->size() != 1 + k_ed25519_public_key_size)
        return fail("an Ed25519 key is 32 bytes, found " + std::to_string(key->size() - 1));
    PublicKey public_key{};
    std::memcpy(public_key.data(), key->data() + 1, public_key.size());
    auto v = VerifierKey::make(std::string(name), public_key);
    if (v.id_hex() != id_text)
        return fail("the key ID " + std::string(id_text) +
                    " does not match the name and key (they give " + v.id_hex() + ")");
    return v;
}

bool ed25519_verify(const PublicKey& key, ByteView message, ByteView signature) {
    if (signature.size() != k_ed25519_signature_size) return false;
    EVP_PKEY* pkey = EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr, key.data(), key.size());
    if (pkey == nullptr) return false;
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    bool ok = ctx != nullptr && EVP_DigestVerifyInit(ctx, nullptr, nullptr, nullptr, pkey) == 1 &&
              EVP_DigestVerify(ctx, signature.data(), signature.size(), message.data(),
                               message.size()) == 1;
    EVP_MD_CTX_free(ctx);
    EVP_PKEY_free(pkey);
    return ok;
}

SigningKey::SigningKey(std::unique_ptr<Impl> impl, VerifierKey verifier)
    : m_impl(std::move(impl)), m_verifier(std::move(verifier)) {}
SigningKey::SigningKey(SigningKey&&) noexcept = default;
SigningKey& SigningKey::operator=(SigningKey&&) noexcept = default;
SigningKey::~SigningKey() = default;

SigningKey::Impl::~Impl() {
    EVP_PKEY_free(pkey);
}

Result<SigningKey> SigningKey::Impl::adopt(EVP_PKEY* pkey, std::string name) {
    auto impl = std::make_unique<Impl>();
    impl->pkey = pkey;
    if (EVP_PKEY_get_id(pkey) != EVP_PKEY_ED25519)
        return Error::environment("the signing key is not an Ed25519 key");
    if (auto problem = key_name_problem(name); !problem.empty())
        return Error::bad_input("'" + name + "' cannot name a signing key: " + problem,
                                "use a name like fairdraw.example-district.gov.cn/log");
    PublicKey public_key{};
    std::size_t size = public_key.size();
    if (EVP_PKEY_get_raw_public_key(pkey, public_key.data(), &size) != 1 ||
        size != public_key.size())
        return Error::environment("cannot read the public half of the signing key");
    return SigningKey(std::move(impl), VerifierKey::make(std::move(name), public_key));
}

Result<SigningKey> SigningKey::generate(std::string name) {
    EVP_PKEY* pkey = EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519");
    if (pkey == nullptr) return Error::environment("OpenSSL could not generate an Ed25519 key");
    return Impl::adopt(pkey, std::move(name));
}

Result<SigningKey> SigningKey::from_seed(std::string name, ByteView seed) {
    if (seed.size() != k_ed25519_seed_size)
        return Error::bad_input("an Ed25519 seed is 32 bytes, found " +
                                std::to_string(seed.size()));
    EVP_PKEY* pkey =
        EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nullptr, seed.data(), seed.size());
    if (pkey == nullptr) return Error::environment("OpenSSL refused the Ed25519 seed");
    return Impl::adopt(pkey, std::move(name));
}

Result<Bytes> SigningKey::sign(ByteView message) const {
    Bytes signature(k_ed25519_signature_size);
    std::size_t size = signature.size();
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    bool ok = ctx != nullptr &&
              EVP_DigestSignInit(ctx, nullptr, nullptr, nullptr, m_impl->pkey) == 1 &&
              EVP_DigestSign(ctx, signature.data(), &size, message.data(), message.size()) == 1;
    EVP_MD_CTX_free(ctx);
    if (!ok || size != k_ed25519_signature_size)
        return Error::environment("OpenSSL failed to sign with the log's key");
    return signature;
}

}  // namespace fairdraw
