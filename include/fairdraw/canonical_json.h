// canonical_json.h — the one JSON form fairdraw hashes and signs.
//
// Log entries, plans, announcements, draw results and snapshot rows are
// hashed as canonical JSON (docs/SPEC.md §2): UTF-8, no insignificant
// whitespace, object members sorted by key (keys are printable ASCII), strings
// escaped minimally (only '"', '\\' and U+0000..U+001F, with the short forms
// \b \f \n \r \t and \u00xx otherwise), integers in decimal within ±(2^53−1),
// no floating-point numbers. This is the output of Python's
// json.dumps(v, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
// for such values, which is how the independent verifier produces it.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "fairdraw/result.h"

namespace fairdraw {

using Json = nlohmann::json;

// Fails (bad_input) on floats, integers beyond ±(2^53−1), non-ASCII or
// control characters in keys, and strings that are not valid UTF-8.
Result<std::string> canonical_json(const Json& value);

// Parses JSON text; errors name `source` and the byte offset.
Result<Json> parse_json(std::string_view text, const std::string& source);

// True if `text` is exactly the canonical form of the JSON it holds.
bool is_canonical_json(std::string_view text);

// Escapes one string the canonical way, without the surrounding quotes; for
// writers that build canonical JSON directly (snapshot rows) for speed.
void append_json_string(std::string& out, std::string_view utf8);

}  // namespace fairdraw
