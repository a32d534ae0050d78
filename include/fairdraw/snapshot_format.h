// snapshot_format.h — what identifies a directory snapshot (docs/SPEC.md §3), as pure functions.
//
// A snapshot is the set of a directory's canonical rows. Its root is the
// RFC 6962 Merkle tree hash over the rows sorted by ID, each row's leaf being
// SHA-256(0x00 ‖ canonical row bytes). IDs compare as byte strings (the
// conflicts ID contains a 0x00 byte between inspector and entity); two rows
// with one ID are refused. The root therefore does not depend on the file's
// row order, column order, encoding, byte order mark or line endings.
#pragma once

#include <span>
#include <string_view>

#include "fairdraw/directory_reader.h"
#include "fairdraw/hash.h"

namespace fairdraw {

// The version of the canonical row encoding and root rule; recorded with every snapshot.
inline constexpr int k_snapshot_format = 1;

// True when ID a sorts before ID b: byte-wise, unsigned, a prefix first.
inline bool id_less(std::string_view a, std::string_view b) {
    return a.compare(b) < 0;
}

// The problem reported for a second row with an ID already seen at `first`.
Problem duplicate_id_problem(DirectoryKind kind, const std::string& source, std::string_view id,
                             RowPlace first, RowPlace second);

// The root over rows in any order; fails on duplicate IDs, naming both places.
Result<Hash> snapshot_root(DirectoryKind kind, std::span<const DirectoryRow> rows,
                           const std::string& source);

}  // namespace fairdraw
