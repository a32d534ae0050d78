// log_entry.h — checks of a stored log entry's form (docs/SPEC.md §4.2).
#pragma once

#include <cstdint>
#include <string_view>

#include "fairdraw/result.h"

namespace fairdraw::detail {

// The quick check made for every entry on every read of the whole log: the
// entry starts with {"actor":", its index member equals its position, and it
// ends with ,"v":1}. In canonical JSON a '"' inside a string is escaped, so the
// first ","index": after the actor is the member separator.
Status check_entry_envelope(std::string_view data, std::uint64_t index);

// The full check made on exported entries: canonical JSON (docs/SPEC.md §2),
// an object with exactly actor, index, payload, time, type and v, of the
// documented types, index equal to its position and v equal to 1.
Status check_entry(std::string_view data, std::uint64_t index);

}  // namespace fairdraw::detail
