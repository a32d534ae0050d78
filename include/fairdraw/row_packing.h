// row_packing.h — the packed form in which canonical rows are sorted and stored.
//
// A canonical row (docs/SPEC.md §3.3) is a JSON object whose keys come from a
// short fixed list: the kind's field names and "extra", in byte order. Its
// packed form keeps only what varies: for each key of the list, in order,
// the value (empty when the field is absent), or for "extra" the
// [column, value] pairs as `column 0x1E value` joined by 0x1D, each followed
// by one 0x1F byte. Values and column names never contain bytes below 0x20
// (directory.h refuses them), so the packing is unambiguous, and rebuilding
// the canonical JSON from it is exact. Packed rows are about half the size of
// their JSON, which halves what an import sorts, spills and writes.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "fairdraw/directory.h"

namespace fairdraw {

inline constexpr char k_packed_end = '\x1F';   // ends each key's part
inline constexpr char k_packed_pair = '\x1E';  // between an extra column's name and value
inline constexpr char k_packed_next = '\x1D';  // between extra pairs
inline constexpr std::string_view k_extra_key = "extra";

class RowPacking {
  public:
    // keys: the canonical row's possible keys in byte order; "extra" holds pairs.
    explicit RowPacking(std::vector<std::string> keys);
    static RowPacking for_kind(DirectoryKind kind);

    const std::vector<std::string>& keys() const { return m_keys; }

    // Appends the canonical JSON of a packed row; false (and `out` undefined)
    // when `packed` is not a packed row for these keys.
    bool append_canonical(std::string_view packed, std::string& out) const;

  private:
    std::vector<std::string> m_keys;
    std::vector<std::string> m_members;  // "\"key\":" for each key
    std::size_t m_extra;                 // index of "extra" in m_keys, or m_keys.size()
};

// Appends `text` escaped as a canonical JSON string body (docs/SPEC.md §2).
void append_json_escaped(std::string& out, std::string_view text);

}  // namespace fairdraw
