#include "fairdraw/merkle.h"

#include <bit>
#include <cassert>

namespace fairdraw::merkle {
namespace {

// One hashing context per thread: building or checking a large tree hashes
// millions of nodes, and a fresh context per hash would dominate the cost.
Sha256& hasher() {
    thread_local Sha256 h;
    return h;
}

}  // namespace

Hash leaf_hash(ByteView data) {
    return hasher().update(k_leaf_prefix).update(data).finish();
}

Hash node_hash(const Hash& left, const Hash& right) {
    return hasher().update(k_node_prefix).update(ByteView(left)).update(ByteView(right)).finish();
}

Hash empty_root() {
    return sha256(ByteView());
}

Hash root_of(std::span<const Hash> leaves) {
    if (leaves.empty()) return empty_root();
    RootBuilder builder;
    for (const auto& leaf : leaves) builder.add(leaf);
    return builder.root();
}

std::vector<SubtreeId> peaks_of(std::uint64_t size) {
    std::vector<SubtreeId> out;
    std::uint64_t begin = 0;
    for (int bit = 63; bit >= 0; --bit) {
        std::uint64_t width = std::uint64_t{1} << bit;
        if ((size & width) == 0) continue;
        out.push_back({static_cast<unsigned>(bit), begin >> bit});
        begin += width;
    }
    return out;
}

Result<RootBuilder> RootBuilder::resume(std::uint64_t size, std::vector<Hash> peaks) {
    auto expected = static_cast<std::size_t>(std::popcount(size));
    if (peaks.size() != expected)
        return Error::bad_input("a tree of size " + std::to_string(size) + " has " +
                                std::to_string(expected) +
                                " complete subtrees on its right border, " +
                                std::to_string(peaks.size()) + " were given");
    RootBuilder builder;
    builder.m_peaks = std::move(peaks);
    builder.m_size = size;
    return builder;
}

void RootBuilder::add(const Hash& leaf) {
    add(leaf, nullptr);
}

void RootBuilder::add(const Hash& leaf, const NodeVisitor& on_node) {
    // Merge equal-sized complete subtrees, as in binary addition of one leaf.
    Hash carry = leaf;
    std::uint64_t size = m_size;
    unsigned level = 0;
    while ((size & 1) != 0) {
        assert(!m_peaks.empty());
        carry = node_hash(m_peaks.back(), carry);
        m_peaks.pop_back();
        size >>= 1;
        ++level;
        if (on_node) on_node(level, m_size >> level, carry);
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
