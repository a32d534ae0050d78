// merkle_reference.h — a naive, literal RFC 6962 §2.1 implementation for tests.
//
// MTH, PATH and PROOF/SUBPROOF written exactly as the recursive definitions of
// RFC 6962 §2.1, §2.1.1 and §2.1.2, over a plain list of leaf hashes. It is
// slow on purpose and shares nothing with src/merkle*.cpp but the two hash
// primitives, so the fast code can be checked against it.
#pragma once

#include <span>
#include <vector>

#include "fairdraw/merkle.h"

namespace fairdraw::test {

inline std::size_t rfc_split(std::size_t n) {
    std::size_t k = 1;
    while (k * 2 < n) k *= 2;
    return k;
}

inline Hash ref_mth(std::span<const Hash> d) {
    if (d.empty()) return merkle::empty_root();
    if (d.size() == 1) return d[0];
    std::size_t k = rfc_split(d.size());
    return merkle::node_hash(ref_mth(d.subspan(0, k)), ref_mth(d.subspan(k)));
}

inline std::vector<Hash> ref_path(std::size_t m, std::span<const Hash> d) {
    if (d.size() <= 1) return {};
    std::size_t k = rfc_split(d.size());
    std::vector<Hash> out;
    if (m < k) {
        out = ref_path(m, d.subspan(0, k));
        out.push_back(ref_mth(d.subspan(k)));
    } else {
        out = ref_path(m - k, d.subspan(k));
        out.push_back(ref_mth(d.subspan(0, k)));
    }
    return out;
}

inline std::vector<Hash> ref_subproof(std::size_t m, std::span<const Hash> d, bool b) {
    std::size_t n = d.size();
    if (m == n) {
        if (b) return {};
        return {ref_mth(d)};
    }
    std::size_t k = rfc_split(n);
    std::vector<Hash> out;
    if (m <= k) {
        out = ref_subproof(m, d.subspan(0, k), b);
        out.push_back(ref_mth(d.subspan(k)));
    } else {
        out = ref_subproof(m - k, d.subspan(k), false);
        out.push_back(ref_mth(d.subspan(0, k)));
    }
    return out;
}

inline std::vector<Hash> ref_consistency(std::size_t m, std::span<const Hash> d) {
    if (m == 0 || m == d.size()) return {};
    return ref_subproof(m, d, true);
}

// A SubtreeReader over a list of leaf hashes, computing each subtree naively
// and counting reads.
class LeafListReader : public merkle::SubtreeReader {
  public:
    explicit LeafListReader(std::vector<Hash> leaves) : m_leaves(std::move(leaves)) {}
    Result<Hash> subtree(unsigned level, std::uint64_t index) override {
        ++reads;
        std::uint64_t begin = index << level;
        std::uint64_t width = std::uint64_t{1} << level;
        if (begin + width > m_leaves.size()) return Error::bad_input("subtree outside the tree");
        return ref_mth(std::span<const Hash>(m_leaves).subspan(begin, width));
    }
    std::size_t reads = 0;

  private:
    std::vector<Hash> m_leaves;
};

}  // namespace fairdraw::test
