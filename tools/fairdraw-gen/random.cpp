#include "random.h"

#include <cassert>
#include <numeric>

namespace fairdraw::gen {

std::uint64_t mix64(std::uint64_t x) {
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
}

std::uint64_t Rng::next() {
    m_state += 0x9E3779B97F4A7C15ULL;  // the golden-ratio increment of SplitMix64
    return mix64(m_state);
}

std::uint64_t Rng::below(std::uint64_t n) {
    assert(n > 0);
    // Values below 2^64 mod n would make small results more likely: skip them.
    const std::uint64_t threshold = (0 - n) % n;
    for (;;) {
        std::uint64_t r = next();
        if (r >= threshold) return r % n;
    }
}

std::int64_t Rng::between(std::int64_t lo, std::int64_t hi) {
    assert(lo <= hi);
    const auto span = static_cast<std::uint64_t>(hi - lo) + 1;
    return lo + static_cast<std::int64_t>(below(span));
}

bool Rng::chance(unsigned per_mille) {
    return below(1000) < per_mille;
}

std::uint64_t item_seed(std::uint64_t seed, std::uint64_t stream, std::uint64_t index) {
    return mix64(mix64(seed ^ mix64(stream)) + index);
}

std::size_t pick_index(Rng& rng, std::span<const Weighted> table) {
    std::uint64_t total = 0;
    for (const auto& entry : table) total += entry.weight;
    assert(total > 0);
    std::uint64_t r = rng.below(total);
    for (std::size_t i = 0; i < table.size(); ++i) {
        if (r < table[i].weight) return i;
        r -= table[i].weight;
    }
    assert(false && "bad math: weighted pick ran past the table");
    return table.size() - 1;
}

SquarePermutation::SquarePermutation(std::uint64_t half, std::uint64_t key) : m_half(half) {
    assert(half > 0 && half < (1ULL << 32));
    Rng rng(key);
    for (auto& k : m_keys) k = rng.next();
}

std::uint64_t SquarePermutation::operator()(std::uint64_t x) const {
    assert(x < size());
    std::uint64_t left = x / m_half;
    std::uint64_t right = x % m_half;
    for (std::uint64_t k : m_keys) {
        // (L, R) -> (R, L + F(R) mod half): invertible for any round function F.
        std::uint64_t next_right = (left + mix64(right ^ k) % m_half) % m_half;
        left = right;
        right = next_right;
    }
    return left * m_half + right;
}

AffinePermutation::AffinePermutation(std::uint64_t n, std::uint64_t key) : m_n(n) {
    assert(n > 0 && n < (1ULL << 32));
    Rng rng(key);
    m_b = rng.below(n);
    m_a = n == 1 ? 1 : 1 + rng.below(n - 1);
    while (std::gcd(m_a, n) != 1) m_a = m_a % n + 1;
}

}  // namespace fairdraw::gen
