#include "fairdraw/merkle.h"

#include <bit>
#include <cassert>

namespace fairdraw::merkle {

Hash leaf_hash(ByteView data) {
    Sha256 h;
    return h.update(k_leaf_prefix).update(data).finish();
}

Hash node_hash(const Hash& left, const Hash& right) {
    Sha256 h;
    return h.update(k_node_prefix).update(ByteView(left)).update(ByteView(right)).finish();
}

Hash empty_root() { return sha256(ByteView()); }

Hash root_of(std::span<const Hash> leaves) {
    if (leaves.empty()) return empty_root();
    RootBuilder builder;
    for (const auto& leaf : leaves) builder.add(leaf);
    return builder.root();
}

void RootBuilder::add(const Hash& leaf) {
    // Merge equal-sized complete subtrees, as in binary addition of one leaf.
    Hash carry = leaf;
    std::uint64_t size = m_size;
    while ((size & 1) != 0) {
        assert(!m_peaks.empty());
        carry = node_hash(m_peaks.back(), carry);
        m_peaks.pop_back();
        size >>= 1;
    }
    m_peaks.push_back(carry);
    ++m_size;
}

Hash RootBuilder::root() const {
    if (m_peaks.empty()) return empty_root();
    // Fold the peaks from the smallest (rightmost) to the largest: the RFC
    // split puts each smaller subtree on the right of the larger ones.
    Hash acc = m_peaks.back();
    for (auto it = m_peaks.rbegin() + 1; it != m_peaks.rend(); ++it) acc = node_hash(*it, acc);
    return acc;
}

}  // namespace fairdraw::merkle
