// rfc3797.h — the IETF NomCom selection of RFC 3797, byte for byte.
//
// RFC 3797 draws k entries from a published, ordered list using only values
// that everybody can look up afterwards (lottery numbers, stock volumes). Each
// announced source's value is written in a canonical form (§4: numbers sorted
// ascending, in decimal without leading zeros, each followed by "."; the
// source ended by "/"); the forms, joined in the announced order, are the key
// string. Selection i (from 0) hashes MD5(u16be(i) ‖ key ‖ u16be(i)), reads the
// digest as a 128-bit big-endian integer, takes it modulo the number of
// entries not yet selected, and picks the entry at that position among the
// remaining ones, in list order. The same sources, list and count always give
// the same rows, which is what lets anyone re-check the draw (docs/SPEC.md
// §11). Everything here is pure: values in, values out; reading the pool file
// is the one exception, kept to read_pool().
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "fairdraw/result.h"

namespace fairdraw::rfc3797 {

// The selection counter is a 2-byte big-endian integer (RFC 3797 §4), so at
// most 65536 selections can be numbered.
inline constexpr std::size_t k_max_selections = 65536;
// Remainders are computed with 64-bit arithmetic one byte at a time, which
// needs modulus · 256 to fit: pools are limited to 2^48 entries.
inline constexpr std::uint64_t k_max_pool_size = std::uint64_t{1} << 48;
// At most this many problems of one pool file or source list are reported.
inline constexpr std::size_t k_max_reported_problems = 50;

inline constexpr std::size_t k_md5_size = 16;
using Md5 = std::array<std::uint8_t, k_md5_size>;

// How a source's announced value was read.
enum class SourceKind {
    numbers,  // one or more non-negative decimal numbers separated by white space
    text,     // ASCII text with at least one letter (RFC 3797 §4 discourages these)
};

// One announced randomness source in canonical form.
struct Source {
    SourceKind kind = SourceKind::numbers;
    std::string given;      // the value as entered
    std::string canonical;  // its part of the key string, ending in "/", e.g. "2.5.8.10.12./"
};

// Canonicalises one source value (RFC 3797 §4; docs/SPEC.md §11.1):
//  - numbers: each `D+` or `D+.D+` (ASCII digits) is written without leading
//    zeros (a lone "0" stays), without trailing zeros in the fraction (a
//    fraction of only zeros disappears), and ended by "." when it has no
//    fraction; the numbers are sorted by value, ascending, duplicates kept;
//    "/" follows the last;
//  - text (any ASCII letter present): letters are upper-cased and everything
//    that is not a letter or digit is removed; "./" follows.
// Empty values, signs, other separators and non-ASCII text are bad input.
Result<Source> canonicalise_source(std::string_view value);

// Canonicalises every value (reporting all bad ones together, as problems
// whose field is "source N", 1-based) and returns them in the given order.
Result<std::vector<Source>> canonicalise_sources(std::span<const std::string> values);

// The key string: the canonical forms concatenated in the announced order.
std::string key_string(std::span<const Source> sources);

// MD5(u16be(index) ‖ key ‖ u16be(index)); fails only when OpenSSL offers no
// MD5 implementation (an environment error, e.g. a FIPS-only configuration).
Result<Md5> selection_digest(std::string_view key, std::uint16_t index);

// The digest read as an unsigned 128-bit big-endian integer, modulo `modulus`
// (1 ≤ modulus ≤ k_max_pool_size).
std::uint64_t remainder(const Md5& digest, std::uint64_t modulus);

// Upper-case hexadecimal, as the RFC's table prints the digests.
std::string md5_hex_upper(const Md5& digest);

// One row of the RFC's table.
struct Selection {
    std::uint32_t index = 0;      // i, 0-based; the RFC prints i + 1
    Md5 md5{};                    // MD5(u16be(i) ‖ key ‖ u16be(i))
    std::uint64_t modulus = 0;    // entries not yet selected before this row
    std::uint64_t remainder = 0;  // md5 mod modulus: the position among those entries
    std::size_t position = 0;     // 0-based position of the chosen entry in the pool
    std::string entry;            // the chosen entry
};

// Selects `count` entries of `pool` with `key`. Bad input: an empty pool,
// count 0, count above the pool size or k_max_selections, a pool over
// k_max_pool_size.
Result<std::vector<Selection>> select(std::string_view key, std::span<const std::string> pool,
                                      std::size_t count);

// A whole run: canonical sources, key string, and the rows.
struct Draw {
    std::vector<Source> sources;
    std::string key;
    std::size_t pool_size = 0;
    std::vector<Selection> selections;
};

// Canonicalises `source_values` (at least one), builds the key and selects.
Result<Draw> draw(std::span<const std::string> source_values, std::span<const std::string> pool,
                  std::size_t count);

// Parses a pool list (docs/SPEC.md §11.3): UTF-8 text, one entry per line, in
// the published order; a leading byte order mark and CRLF line ends are
// accepted; a final line end is optional. Empty or white-space-only lines,
// entries with leading or trailing white space or control characters, invalid
// UTF-8 and duplicate entries are problems, all reported together (up to
// k_max_reported_problems) with `file` and line numbers. An empty list is bad
// input.
Result<std::vector<std::string>> parse_pool(std::string_view text, const std::string& file);

// Reads and parses a pool file. A missing or unreadable file is bad input.
Result<std::vector<std::string>> read_pool(const std::filesystem::path& path);

}  // namespace fairdraw::rfc3797
