// Inclusion and consistency proofs over a SubtreeReader (RFC 9162 §2.1.3, §2.1.4).
#include <bit>
#include <cassert>

#include "fairdraw/merkle.h"

namespace fairdraw::merkle {
namespace {

// The largest power of two smaller than n (n >= 2): the RFC 6962 split point.
std::uint64_t split_point(std::uint64_t n) {
    assert(n >= 2);
    return std::bit_floor(n - 1);
}

// Every subtree the RFC recursion visits covers [begin, end) where begin is a
// multiple of a power of two at least end - begin, so it is the fold of the
// complete subtrees given by the bits of its width, largest first.
Result<Hash> range_hash(SubtreeReader& reader, std::uint64_t begin, std::uint64_t end) {
    assert(begin < end);
    std::uint64_t width = end - begin;
    std::vector<Hash> parts;
    for (int bit = 63; bit >= 0; --bit) {
        std::uint64_t step = std::uint64_t{1} << bit;
        if ((width & step) == 0) continue;
        assert(begin % step == 0);
        FD_ASSIGN(Hash h, reader.subtree(static_cast<unsigned>(bit), begin >> bit));
        parts.push_back(h);
        begin += step;
    }
    Hash acc = parts.back();
    for (auto it = parts.rbegin() + 1; it != parts.rend(); ++it) acc = node_hash(*it, acc);
    return acc;
}

// Where a proof's hashes come from: a reader, or nowhere (counting only).
struct ProofSink {
    SubtreeReader* reader = nullptr;  // nullptr: count only
    std::vector<Hash> hashes;
    std::size_t count = 0;

    Status add(std::uint64_t begin, std::uint64_t end) {
        ++count;
        if (reader == nullptr) return {};
        FD_ASSIGN(Hash h, range_hash(*reader, begin, end));
        hashes.push_back(h);
        return {};
    }
};

// PATH(m, D[begin:end]), RFC 9162 §2.1.3.1, with m an absolute leaf index.
Status path(ProofSink& sink, std::uint64_t m, std::uint64_t begin, std::uint64_t end) {
    if (end - begin == 1) return {};
    std::uint64_t k = split_point(end - begin);
    if (m < begin + k) {
        FD_TRY(path(sink, m, begin, begin + k));
        return sink.add(begin + k, end);
    }
    FD_TRY(path(sink, m, begin + k, end));
    return sink.add(begin, begin + k);
}

// SUBPROOF(m, D[begin:end], b), RFC 9162 §2.1.4.1, with m counted from begin.
Status subproof(ProofSink& sink, std::uint64_t m, std::uint64_t begin, std::uint64_t end,
                bool whole) {
    std::uint64_t n = end - begin;
    if (m == n) {
        if (!whole) return sink.add(begin, end);
        return {};
    }
    std::uint64_t k = split_point(n);
    if (m <= k) {
        FD_TRY(subproof(sink, m, begin, begin + k, whole));
        return sink.add(begin + k, end);
    }
    FD_TRY(subproof(sink, m - k, begin + k, end, false));
    return sink.add(begin, begin + k);
}

Status check_index(std::uint64_t index, std::uint64_t size) {
    if (index < size) return {};
    if (size == 0)
        return Error::bad_input("leaf index " + std::to_string(index) +
                                " is outside an empty tree");
    return Error::bad_input("leaf index " + std::to_string(index) + " is outside a tree of size " +
                            std::to_string(size) + " (indices 0.." + std::to_string(size - 1) +
                            ")");
}

Status check_sizes(std::uint64_t old_size, std::uint64_t new_size) {
    if (old_size <= new_size) return {};
    return Error::bad_input("the old tree size " + std::to_string(old_size) +
                            " is larger than the new tree size " + std::to_string(new_size));
}

std::string hashes(std::size_t n) {
    return std::to_string(n) + (n == 1 ? " hash" : " hashes");
}

}  // namespace

Result<Hash> root_at(SubtreeReader& reader, std::uint64_t size) {
    if (size == 0) return empty_root();
    return range_hash(reader, 0, size);
}

Result<RootBuilder> builder_at(SubtreeReader& reader, std::uint64_t size) {
    std::vector<Hash> peaks;
    for (const auto& id : peaks_of(size)) {
        FD_ASSIGN(Hash h, reader.subtree(id.level, id.index));
        peaks.push_back(h);
    }
    return RootBuilder::resume(size, std::move(peaks));
}

Result<std::vector<Hash>> inclusion_proof(SubtreeReader& reader, std::uint64_t index,
                                          std::uint64_t size) {
    FD_TRY(check_index(index, size));
    ProofSink sink{&reader, {}, 0};
    FD_TRY(path(sink, index, 0, size));
    return std::move(sink.hashes);
}

Result<std::vector<Hash>> consistency_proof(SubtreeReader& reader, std::uint64_t old_size,
                                            std::uint64_t new_size) {
    FD_TRY(check_sizes(old_size, new_size));
    if (old_size == 0 || old_size == new_size) return std::vector<Hash>{};
    ProofSink sink{&reader, {}, 0};
    FD_TRY(subproof(sink, old_size, 0, new_size, true));
    return std::move(sink.hashes);
}

std::size_t inclusion_proof_length(std::uint64_t index, std::uint64_t size) {
    if (index >= size) return 0;
    ProofSink sink;
    auto status = path(sink, index, 0, size);
    assert(status.ok());
    (void)status;
    return sink.count;
}

std::size_t consistency_proof_length(std::uint64_t old_size, std::uint64_t new_size) {
    if (old_size == 0 || old_size >= new_size) return 0;
    ProofSink sink;
    auto status = subproof(sink, old_size, 0, new_size, true);
    assert(status.ok());
    (void)status;
    return sink.count;
}

Status verify_inclusion(const Hash& leaf, std::uint64_t index, std::uint64_t size,
                        std::span<const Hash> proof, const Hash& root) {
    FD_TRY(check_index(index, size));
    std::size_t expected = inclusion_proof_length(index, size);
    if (proof.size() != expected)
        return Error::verification_failed("the inclusion proof has " + hashes(proof.size()) +
                                          "; a proof for leaf " + std::to_string(index) +
                                          " in a tree of size " + std::to_string(size) + " has " +
                                          hashes(expected));
    // RFC 9162 §2.1.3.2, steps 2 to 5.
    std::uint64_t fn = index;
    std::uint64_t sn = size - 1;
    Hash r = leaf;
    for (const Hash& p : proof) {
        if (sn == 0)
            return Error::verification_failed(
                "the inclusion proof is longer than the path to the root");
        if ((fn & 1) != 0 || fn == sn) {
            r = node_hash(p, r);
            while ((fn & 1) == 0 && fn != 0) {
                fn >>= 1;
                sn >>= 1;
            }
        } else {
            r = node_hash(r, p);
        }
        fn >>= 1;
        sn >>= 1;
    }
    if (sn != 0)
        return Error::verification_failed(
            "the inclusion proof is shorter than the path to the root");
    if (r != root)
        return Error::verification_failed("the inclusion proof for leaf " + std::to_string(index) +
                                          " does not lead to the root of the tree of size " +
                                          std::to_string(size));
    return {};
}

Status verify_consistency(std::uint64_t old_size, std::uint64_t new_size,
                          std::span<const Hash> proof, const Hash& old_root, const Hash& new_root) {
    FD_TRY(check_sizes(old_size, new_size));
    if (old_size == 0 || old_size == new_size) {
        if (!proof.empty())
            return Error::verification_failed(
                "a consistency proof from size " + std::to_string(old_size) + " to " +
                std::to_string(new_size) + " is empty, this one has " + hashes(proof.size()));
        if (old_size != 0 && old_root != new_root)
            return Error::verification_failed("two trees of the same size " +
                                              std::to_string(old_size) + " have different roots");
        return {};
    }
    std::size_t expected = consistency_proof_length(old_size, new_size);
    if (proof.size() != expected)
        return Error::verification_failed("the consistency proof has " + hashes(proof.size()) +
                                          "; a proof from size " + std::to_string(old_size) +
                                          " to " + std::to_string(new_size) + " has " +
                                          hashes(expected));
    // RFC 9162 §2.1.4.2, steps 2 to 7.
    std::vector<Hash> path(proof.begin(), proof.end());
    if (std::has_single_bit(old_size)) path.insert(path.begin(), old_root);
    std::uint64_t fn = old_size - 1;
    std::uint64_t sn = new_size - 1;
    while ((fn & 1) != 0) {
        fn >>= 1;
        sn >>= 1;
    }
    Hash fr = path.front();
    Hash sr = path.front();
    for (std::size_t i = 1; i < path.size(); ++i) {
        const Hash& c = path[i];
        if (sn == 0)
            return Error::verification_failed(
                "the consistency proof is longer than the path to the root");
        if ((fn & 1) != 0 || fn == sn) {
            fr = node_hash(c, fr);
            sr = node_hash(c, sr);
            while ((fn & 1) == 0 && fn != 0) {
                fn >>= 1;
                sn >>= 1;
            }
        } else {
            sr = node_hash(sr, c);
        }
        fn >>= 1;
        sn >>= 1;
    }
    if (sn != 0)
        return Error::verification_failed(
            "the consistency proof is shorter than the path to the root");
    if (fr != old_root)
        return Error::verification_failed(
            "the consistency proof does not lead to the root of the old tree (size " +
            std::to_string(old_size) + ")");
    if (sr != new_root)
        return Error::verification_failed(
            "the consistency proof does not lead to the root of the new tree (size " +
            std::to_string(new_size) + ")");
    return {};
}

}  // namespace fairdraw::merkle
