// HMAC-SHA-256 with precomputed pads (RFC 2104 §2), for the keyed hashes of SPEC §7.
//
// The inner and outer SHA-256 states after absorbing (key ⊕ ipad) and
// (key ⊕ opad) are computed once; each message then copies them. OpenSSL's
// SHA256_CTX interface is used because its state is a plain struct that
// copies for free, where duplicating an EVP_MD_CTX allocates (fairdraw-drawbench
// prints both ways of computing the tickets); it is deprecated in OpenSSL 3 but
// present, and this file is its only user.
#define OPENSSL_SUPPRESS_DEPRECATED
#include "fairdraw/keyed_hash.h"

#include <openssl/sha.h>

#include <array>
#include <charconv>
#include <cstring>

#include "fairdraw/canonical_json.h"

namespace fairdraw {
namespace {

constexpr std::size_t k_block = 64;  // SHA-256 block size (FIPS 180-4)

void append_int(std::string& out, std::int64_t v) {
    char digits[24];
    auto r = std::to_chars(digits, digits + sizeof digits, v);
    out.append(digits, static_cast<std::size_t>(r.ptr - digits));
}

bool needs_escape(std::string_view s) {
    for (char c : s) {
        auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || c == '"' || c == '\\') return true;
    }
    return false;
}

void append_string(std::string& out, std::string_view s) {
    out += '"';
    if (needs_escape(s))
        append_json_string(out, s);
    else
        out += s;
    out += '"';
}

}  // namespace

struct KeyedHash::State {
    SHA256_CTX inner{};
    SHA256_CTX outer{};
    SHA256_CTX ticket_prefix{};  // inner state after ["fairdraw-ticket-v1","

    Hash finish(SHA256_CTX& ctx) const {
        std::array<std::uint8_t, k_hash_size> inner_hash{};
        SHA256_Final(inner_hash.data(), &ctx);
        SHA256_CTX o = outer;
        SHA256_Update(&o, inner_hash.data(), inner_hash.size());
        Hash out{};
        SHA256_Final(out.data(), &o);
        return out;
    }
};

KeyedHash::KeyedHash(const Hash& key) : m_state(std::make_unique<State>()) {
    // The key is 32 bytes, shorter than a block: it is zero-padded, not hashed (RFC 2104 §2).
    std::array<std::uint8_t, k_block> ipad{}, opad{};
    std::memcpy(ipad.data(), key.data(), key.size());
    std::memcpy(opad.data(), key.data(), key.size());
    for (std::size_t i = 0; i < k_block; ++i) {
        ipad[i] ^= 0x36;
        opad[i] ^= 0x5c;
    }
    SHA256_Init(&m_state->inner);
    SHA256_Update(&m_state->inner, ipad.data(), ipad.size());
    SHA256_Init(&m_state->outer);
    SHA256_Update(&m_state->outer, opad.data(), opad.size());
    m_state->ticket_prefix = m_state->inner;
    std::string prefix = "[";
    append_string(prefix, k_ticket_label);
    prefix += ",\"";
    SHA256_Update(&m_state->ticket_prefix, prefix.data(), prefix.size());
}

KeyedHash::~KeyedHash() = default;
KeyedHash::KeyedHash(const KeyedHash& other) : m_state(std::make_unique<State>(*other.m_state)) {}
KeyedHash& KeyedHash::operator=(const KeyedHash& other) {
    if (this != &other) m_state = std::make_unique<State>(*other.m_state);
    return *this;
}

Hash KeyedHash::mac(std::string_view message) const {
    SHA256_CTX ctx = m_state->inner;
    SHA256_Update(&ctx, message.data(), message.size());
    return m_state->finish(ctx);
}

Hash KeyedHash::ticket(std::string_view code) const {
    if (needs_escape(code)) {
        std::string message = "[";
        append_string(message, k_ticket_label);
        message += ',';
        append_string(message, code);
        message += ']';
        return mac(message);
    }
    SHA256_CTX ctx = m_state->ticket_prefix;
    SHA256_Update(&ctx, code.data(), code.size());
    SHA256_Update(&ctx, "\"]", 2);
    return m_state->finish(ctx);
}

Hash KeyedHash::mac(std::string_view label, std::string_view a, std::int64_t b,
                    std::int64_t c) const {
    return mac(keyed_message(label, a, b, c));
}

std::string keyed_message(std::string_view label, std::string_view a, std::int64_t b,
                          std::int64_t c) {
    std::string message;
    message.reserve(label.size() + a.size() + 48);
    message += '[';
    append_string(message, label);
    message += ',';
    append_string(message, a);
    message += ',';
    append_int(message, b);
    message += ',';
    append_int(message, c);
    message += ']';
    return message;
}

std::uint64_t leading_u64(const Hash& hash) {
    std::uint64_t r = 0;
    for (std::size_t i = 0; i < 8; ++i) r = (r << 8) | hash[i];
    return r;
}

Pick pick(const KeyedHash& key, std::string_view label, std::string_view a, std::int64_t b,
          std::uint64_t n) {
    // 2^64 mod n computed in 64 bits: (2^64 − n) mod n.
    const std::uint64_t rem = (0 - n) % n;
    for (std::int64_t c = 0;; ++c) {
        std::uint64_t r = leading_u64(key.mac(label, a, b, c));
        // Accept r < 2^64 − rem; with rem = 0 every r is accepted.
        if (rem == 0 || r < 0 - rem) return {r % n, r};
    }
}

}  // namespace fairdraw
