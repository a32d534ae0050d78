// hash.h — SHA-256 and HMAC-SHA-256 (FIPS 180-4, RFC 2104), through OpenSSL 3.
//
// Hash is a fixed 32-byte value used for every digest in fairdraw: Merkle
// nodes, snapshot roots, plan and announcement identities, tickets. Sha256 is
// the streaming form for data that does not fit in one buffer.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "fairdraw/bytes.h"

namespace fairdraw {

inline constexpr std::size_t k_hash_size = 32;
using Hash = std::array<std::uint8_t, k_hash_size>;

class Sha256 {
public:
    Sha256();
    ~Sha256();
    Sha256(Sha256&&) noexcept;
    Sha256& operator=(Sha256&&) noexcept;
    Sha256(const Sha256&) = delete;
    Sha256& operator=(const Sha256&) = delete;

    Sha256& update(ByteView data);
    Sha256& update(std::string_view text) { return update(as_bytes(text)); }
    Sha256& update(std::uint8_t byte) { return update(ByteView(&byte, 1)); }
    // Returns the digest and resets the state for reuse.
    Hash finish();

private:
    struct State;
    std::unique_ptr<State> m_state;
};

Hash sha256(ByteView data);
inline Hash sha256(std::string_view text) { return sha256(as_bytes(text)); }
Hash hmac_sha256(ByteView key, ByteView data);

std::string to_hex(const Hash& hash);
// Parses exactly 64 hex digits.
Result<Hash> hash_from_hex(std::string_view text);

}  // namespace fairdraw
