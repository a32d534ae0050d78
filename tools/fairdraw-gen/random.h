// random.h — the generator's own deterministic randomness.
//
// Every value the generator writes comes from these functions, so a given seed
// produces the same bytes on every machine and with every compiler: SplitMix64
// (integer operations on uint64_t only, fully specified by its constants),
// unbiased bounded draws by rejection, integer weights, and keyed bijections
// that make generated identifiers unique by construction. No std::
// distribution is used anywhere (their outputs are implementation-defined).
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

namespace fairdraw::gen {

// The SplitMix64 output function (Steele, Lea and Flood, "Fast splittable
// pseudorandom number generators", OOPSLA 2014; constants of Vigna's
// reference splitmix64.c): a bijective mixer of 64-bit words.
std::uint64_t mix64(std::uint64_t x);

// A SplitMix64 stream.
class Rng {
  public:
    explicit Rng(std::uint64_t seed) : m_state(seed) {}

    std::uint64_t next();
    // Uniform in [0, n) for n > 0, without modulo bias (rejection sampling).
    std::uint64_t below(std::uint64_t n);
    // Uniform in [lo, hi], lo <= hi.
    std::int64_t between(std::int64_t lo, std::int64_t hi);
    // True with probability per_mille / 1000.
    bool chance(unsigned per_mille);

  private:
    std::uint64_t m_state;
};

// The seed of item `index` of a stream: each kind of generated thing has its
// own stream tag, so that adding a column to one kind never shifts another,
// and row i can be produced without producing rows 0..i-1.
std::uint64_t item_seed(std::uint64_t seed, std::uint64_t stream, std::uint64_t index);

// A text value with an integer weight.
struct Weighted {
    std::string_view value;
    unsigned weight;
};

// Index of an entry drawn with probability weight / (sum of weights).
std::size_t pick_index(Rng& rng, std::span<const Weighted> table);
inline std::string_view pick(Rng& rng, std::span<const Weighted> table) {
    return table[pick_index(rng, table)].value;
}
// Uniformly drawn entry of a list.
inline std::string_view pick(Rng& rng, std::span<const std::string_view> list) {
    return list[rng.below(list.size())];
}

// A keyed bijection of [0, half * half): a balanced Feistel network on
// (x / half, x % half) with addition modulo `half` and four rounds. Distinct
// inputs give distinct outputs whatever the key.
class SquarePermutation {
  public:
    SquarePermutation(std::uint64_t half, std::uint64_t key);
    std::uint64_t size() const { return m_half * m_half; }
    std::uint64_t operator()(std::uint64_t x) const;

  private:
    std::uint64_t m_half;
    std::uint64_t m_keys[4];
};

// A keyed bijection of [0, n): x -> (a * x + b) mod n with gcd(a, n) = 1.
// For small n only (a * x must fit in 64 bits: n < 2^32).
class AffinePermutation {
  public:
    AffinePermutation(std::uint64_t n, std::uint64_t key);
    std::uint64_t operator()(std::uint64_t x) const { return (m_a * (x % m_n) + m_b) % m_n; }

  private:
    std::uint64_t m_n;
    std::uint64_t m_a;
    std::uint64_t m_b;
};

}  // namespace fairdraw::gen
