// merkle.h — RFC 6962 / RFC 9162 Merkle tree hashing, as pure functions.
//
// Leaves are hashed as SHA-256(0x00 || data) and interior nodes as
// SHA-256(0x01 || left || right) (RFC 6962 §2.1, RFC 9162 §2.1.1); the root
// of an empty tree is SHA-256 of the empty string. The tree over n leaves
// splits at the largest power of two smaller than n. Nothing here touches
// storage: callers hand in leaf hashes, or a reader of them.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "fairdraw/hash.h"

namespace fairdraw::merkle {

inline constexpr std::uint8_t k_leaf_prefix = 0x00;  // RFC 6962 §2.1
inline constexpr std::uint8_t k_node_prefix = 0x01;  // RFC 6962 §2.1

Hash leaf_hash(ByteView data);
inline Hash leaf_hash(std::string_view data) { return leaf_hash(as_bytes(data)); }
Hash node_hash(const Hash& left, const Hash& right);
Hash empty_root();

// MTH(D[n]) over the given leaf hashes.
Hash root_of(std::span<const Hash> leaves);

// Streaming root: add leaf hashes in order; memory O(log n).
class RootBuilder {
public:
    void add(const Hash& leaf);
    Hash root() const;
    std::uint64_t size() const { return m_size; }

private:
    // m_peaks[i] is the root of a complete subtree; sizes decrease along the vector,
    // matching the set bits of m_size from the most significant down.
    std::vector<Hash> m_peaks;
    std::uint64_t m_size = 0;
};

}  // namespace fairdraw::merkle
