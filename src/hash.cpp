#include "fairdraw/hash.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <cassert>
#include <cstring>

namespace fairdraw {
namespace {

const EVP_MD* sha256_md() {
    // Fetched once; OpenSSL 3 keeps the implementation for the process lifetime.
    static EVP_MD* md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    assert(md != nullptr);
    return md;
}

}  // namespace

struct Sha256::State {
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    ~State() { EVP_MD_CTX_free(ctx); }
};

Sha256::Sha256() : m_state(std::make_unique<State>()) {
    int ok = EVP_DigestInit_ex2(m_state->ctx, sha256_md(), nullptr);
    assert(ok == 1);
    (void)ok;
}
Sha256::~Sha256() = default;
Sha256::Sha256(Sha256&&) noexcept = default;
Sha256& Sha256::operator=(Sha256&&) noexcept = default;

Sha256& Sha256::update(ByteView data) {
    int ok = EVP_DigestUpdate(m_state->ctx, data.data(), data.size());
    assert(ok == 1);
    (void)ok;
    return *this;
}

Hash Sha256::finish() {
    Hash out{};
    unsigned int size = 0;
    int ok = EVP_DigestFinal_ex(m_state->ctx, out.data(), &size);
    assert(ok == 1 && size == k_hash_size);
    ok = EVP_DigestInit_ex2(m_state->ctx, sha256_md(), nullptr);
    assert(ok == 1);
    (void)ok;
    return out;
}

Hash sha256(ByteView data) {
    Hash out{};
    unsigned int size = 0;
    int ok = EVP_Digest(data.data(), data.size(), out.data(), &size, sha256_md(), nullptr);
    assert(ok == 1 && size == k_hash_size);
    (void)ok;
    return out;
}

Hash hmac_sha256(ByteView key, ByteView data) {
    Hash out{};
    unsigned int size = 0;
    // An empty key is passed as a valid pointer: HMAC() treats nullptr as "reuse".
    static const std::uint8_t k_empty = 0;
    const std::uint8_t* key_ptr = key.empty() ? &k_empty : key.data();
    unsigned char* r = HMAC(sha256_md(), key_ptr, static_cast<int>(key.size()), data.data(), data.size(),
                            out.data(), &size);
    assert(r != nullptr && size == k_hash_size);
    (void)r;
    return out;
}

std::string to_hex(const Hash& hash) { return to_hex(ByteView(hash)); }

Result<Hash> hash_from_hex(std::string_view text) {
    if (text.size() != 2 * k_hash_size)
        return Error::bad_input("a SHA-256 hash is 64 hex digits, found " + std::to_string(text.size()) +
                                " characters");
    FD_ASSIGN(Bytes bytes, from_hex(text));
    Hash out{};
    std::memcpy(out.data(), bytes.data(), out.size());
    return out;
}

}  // namespace fairdraw
