// keyed_hash.h — the seed-keyed hashes of the draw (docs/SPEC.md §7).
//
// Every random decision of a draw is T(label, …) = HMAC-SHA-256(key = seed,
// message = the canonical JSON array [label, …]); tickets are
// T("fairdraw-ticket-v1", code) and uniform choices among n things use pick()
// with rejection sampling. KeyedHash prepares the HMAC's inner and outer
// SHA-256 states once per key, so each message costs two SHA-256 compressions;
// it gives exactly HMAC-SHA-256 (RFC 2104) of the same bytes.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "fairdraw/hash.h"

namespace fairdraw {

inline constexpr std::string_view k_ticket_label = "fairdraw-ticket-v1";
inline constexpr std::string_view k_team_label = "fairdraw-team-v1";
inline constexpr std::string_view k_substitute_label = "fairdraw-substitute-v1";

class KeyedHash {
  public:
    explicit KeyedHash(const Hash& key);
    ~KeyedHash();
    KeyedHash(const KeyedHash&);
    KeyedHash& operator=(const KeyedHash&);

    // HMAC-SHA-256 of arbitrary message bytes.
    Hash mac(std::string_view message) const;
    // T("fairdraw-ticket-v1", code).
    Hash ticket(std::string_view code) const;
    // T(label, a, b, c) for the integer arguments of pick().
    Hash mac(std::string_view label, std::string_view a, std::int64_t b, std::int64_t c) const;

  private:
    struct State;
    std::unique_ptr<State> m_state;
};

// The canonical JSON array message [label, a, b, c] (a a string, b and c integers).
std::string keyed_message(std::string_view label, std::string_view a, std::int64_t b,
                          std::int64_t c);

struct Pick {
    std::uint64_t index = 0;  // r mod n
    std::uint64_t value = 0;  // r, the accepted 64-bit value
};

// pick(label, a, b, n) of §7: the first c = 0, 1, … whose r (first 8 bytes of
// T(label, a, b, c), big-endian) is below 2^64 − (2^64 mod n). n ≥ 1.
Pick pick(const KeyedHash& key, std::string_view label, std::string_view a, std::int64_t b,
          std::uint64_t n);

// The first 8 bytes of a hash as a big-endian integer.
std::uint64_t leading_u64(const Hash& hash);

}  // namespace fairdraw
