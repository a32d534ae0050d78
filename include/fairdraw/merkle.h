// merkle.h — RFC 6962 / RFC 9162 Merkle tree hashing and proofs, as pure functions.
//
// Leaves are hashed as SHA-256(0x00 || data) and interior nodes as
// SHA-256(0x01 || left || right) (RFC 6962 §2.1, RFC 9162 §2.1.1); the root
// of an empty tree is SHA-256 of the empty string. The tree over n leaves
// splits at the largest power of two smaller than n. Nothing here touches
// storage: callers hand in leaf hashes, or a SubtreeReader that serves the
// hashes of complete subtrees from wherever they are kept. Proofs are
// generated per RFC 9162 §2.1.3.1 (inclusion) and §2.1.4.1 (consistency) and
// verified with the algorithms of §2.1.3.2 and §2.1.4.2. Malformed proofs and
// impossible arguments are errors, never undefined behaviour.
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <vector>

#include "fairdraw/hash.h"
#include "fairdraw/result.h"

namespace fairdraw::merkle {

inline constexpr std::uint8_t k_leaf_prefix = 0x00;  // RFC 6962 §2.1
inline constexpr std::uint8_t k_node_prefix = 0x01;  // RFC 6962 §2.1

Hash leaf_hash(ByteView data);
inline Hash leaf_hash(std::string_view data) {
    return leaf_hash(as_bytes(data));
}
Hash node_hash(const Hash& left, const Hash& right);
Hash empty_root();

// MTH(D[n]) over the given leaf hashes.
Hash root_of(std::span<const Hash> leaves);

// The complete subtrees of a tree of `size` leaves, largest first, as
// (level, index): the subtree at (level, index) covers leaves
// [index·2^level, (index+1)·2^level). Their number is the number of set bits of size.
struct SubtreeId {
    unsigned level = 0;
    std::uint64_t index = 0;
    bool operator==(const SubtreeId&) const = default;
};
std::vector<SubtreeId> peaks_of(std::uint64_t size);

// Streaming root: add leaf hashes in order; memory O(log n). This is the
// "compact range" [0, size): the roots of the complete subtrees of peaks_of(size).
class RootBuilder {
  public:
    RootBuilder() = default;
    // Resumes from the peak hashes of a tree of `size` leaves (largest first);
    // fails if their number does not match the set bits of size.
    static Result<RootBuilder> resume(std::uint64_t size, std::vector<Hash> peaks);

    void add(const Hash& leaf);
    // As add(), reporting each complete subtree the new leaf closes (level >= 1),
    // lowest first: on_node(level, index, hash).
    using NodeVisitor = std::function<void(unsigned level, std::uint64_t index, const Hash& hash)>;
    void add(const Hash& leaf, const NodeVisitor& on_node);
    Hash root() const;
    std::uint64_t size() const { return m_size; }
    const std::vector<Hash>& peaks() const { return m_peaks; }

  private:
    // m_peaks[i] is the root of a complete subtree; sizes decrease along the vector,
    // matching the set bits of m_size from the most significant down.
    std::vector<Hash> m_peaks;
    std::uint64_t m_size = 0;
};

// Serves MTH of complete subtrees: subtree(level, index) is the hash of leaves
// [index·2^level, (index+1)·2^level); level 0 is a leaf hash. Storage adapters
// implement it; a failure (a missing or damaged record) is passed through.
class SubtreeReader {
  public:
    virtual ~SubtreeReader() = default;
    virtual Result<Hash> subtree(unsigned level, std::uint64_t index) = 0;
};

// MTH(D[0:size]) from complete subtrees (at most log2(size) reads).
Result<Hash> root_at(SubtreeReader& reader, std::uint64_t size);
// The compact range [0, size), for RootBuilder::resume.
Result<RootBuilder> builder_at(SubtreeReader& reader, std::uint64_t size);

// PATH(index, D[size]) of RFC 9162 §2.1.3.1, leaf's sibling first.
// Fails (bad_input) when index >= size.
Result<std::vector<Hash>> inclusion_proof(SubtreeReader& reader, std::uint64_t index,
                                          std::uint64_t size);
// PROOF(old_size, D[new_size]) of RFC 9162 §2.1.4.1; empty when old_size is 0
// or equal to new_size. Fails (bad_input) when old_size > new_size.
Result<std::vector<Hash>> consistency_proof(SubtreeReader& reader, std::uint64_t old_size,
                                            std::uint64_t new_size);

// The number of hashes in a valid proof, for early, precise errors.
std::size_t inclusion_proof_length(std::uint64_t index, std::uint64_t size);
std::size_t consistency_proof_length(std::uint64_t old_size, std::uint64_t new_size);

// RFC 9162 §2.1.3.2. Fails with bad_input when index >= size, and with
// verification_failed when the proof has the wrong length or does not lead to root.
Status verify_inclusion(const Hash& leaf, std::uint64_t index, std::uint64_t size,
                        std::span<const Hash> proof, const Hash& root);
// RFC 9162 §2.1.4.2, extended to the trivial cases: old_size 0 (empty proof,
// any roots), old_size == new_size (empty proof, equal roots). Fails with
// bad_input when old_size > new_size, verification_failed otherwise.
Status verify_consistency(std::uint64_t old_size, std::uint64_t new_size,
                          std::span<const Hash> proof, const Hash& old_root, const Hash& new_root);

}  // namespace fairdraw::merkle
