// seed.h — randomness sources and the draw seed (docs/SPEC.md §6, §7, §10).
//
// An announcement names its randomness sources before any of them exists: a
// lottery draw's numbers, a beacon's hex output, witnesses' digits, a
// published text, or an operator secret committed by its SHA-256 (optionally
// as the end of a hash chain, one link per substitution round). At the draw
// each typed value is checked against its source and canonicalised; the
// canonical values, in announced order, and the announcement's identity are
// hashed into the seed. Everything here is a pure function of its arguments.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "fairdraw/bytes.h"
#include "fairdraw/canonical_json.h"
#include "fairdraw/hash.h"
#include "fairdraw/result.h"

namespace fairdraw {

inline constexpr std::string_view k_seed_scheme = "fairdraw-seed-v1";
inline constexpr std::string_view k_substitution_seed_label = "fairdraw-substitution-seed-v1";

enum class SourceKind { numbers, text, hex, witness, secret };

struct Source {
    std::string name;
    SourceKind kind = SourceKind::text;
    std::optional<std::string> description;
    std::optional<std::string> expected;  // RFC 3339 UTC time
    // numbers
    std::int64_t count = 0;
    std::optional<std::int64_t> min, max;
    // hex
    std::optional<std::int64_t> bytes;
    // witness
    std::int64_t digits = 0;
    // secret: SHA-256 of the value revealed at the draw, and the chain length
    Hash sha256{};
    std::int64_t chain = 1;
};

// One revealed value: the source's name and its canonical value.
struct SourceValue {
    std::string name;
    std::string value;
    friend bool operator==(const SourceValue&, const SourceValue&) = default;
};

// Reads an announcement's "sources" list; every problem is reported, with
// paths under `path` (e.g. "sources[2].digits").
Result<std::vector<Source>> parse_sources(const Json& sources, const std::string& file,
                                          const std::string& path = "sources");
// The sources with defaults filled in, as the announcement writes them.
Json sources_to_json(std::span<const Source> sources);

// Checks a typed value against its source and returns the canonical value
// (§6 table). For a secret this checks SHA-256(value) = the commitment.
Result<std::string> canonical_value(const Source& source, std::string_view typed);

// canonical_value for every source, `typed` in announced order; all
// problems are reported together, each naming its source.
Result<std::vector<SourceValue>> canonical_values(std::span<const Source> sources,
                                                  std::span<const std::string> typed);

// §7: SHA-256 of the canonical JSON {"announcement", "scheme", "values"}.
Hash derive_seed(const Hash& announcement_id, std::span<const SourceValue> values);

// §6, §10: a revealed chain link `next` must hash to the previous link.
Status check_chain_link(ByteView previous, ByteView next);
// §10: the key of substitution k when a chain link is revealed for it.
Hash substitution_seed(const Hash& seed, std::uint64_t k, ByteView link);

}  // namespace fairdraw
