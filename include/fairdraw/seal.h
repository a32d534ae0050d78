// seal.h — public rows: snapshot rows with their confidential fields sealed (docs/SPEC.md §6.2).
//
// A published bundle must let anyone check the draw without disclosing
// confidential fields (an enterprise's credit class, the reason of a declared
// conflict). At announcement time a random 32-byte seal key K is drawn and
// kept in the workspace (never in the log). Each confidential field f of a row
// with ID id is replaced, in the row's *public row*, by
//   sealed[f] = hex(SHA-256(s_f ‖ UTF-8 value)),
//   s_f = HMAC-SHA-256(K, canonical JSON ["fairdraw-seal-v1", kind, id, f]),
// with value "" when the row has no such field, so absence is sealed too. The
// public root is the RFC 6962 root over public rows in the snapshot's (ID)
// order; the announcement signs it beside the plain root, before any
// randomness exists. Handing out s_f for one row and field opens that one
// value and nothing else; K opens them all (the full bundle).
//
// Which fields are sealed: for enterprises the plan's `confidential` list, for
// conflicts always `reason`, for inspectors none (their public root is their
// root). Everything here is a pure function of its arguments.
#pragma once

#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "fairdraw/directory.h"
#include "fairdraw/hash.h"
#include "fairdraw/keyed_hash.h"
#include "fairdraw/merkle.h"
#include "fairdraw/plan.h"
#include "fairdraw/result.h"

namespace fairdraw {

inline constexpr std::string_view k_seal_label = "fairdraw-seal-v1";
inline constexpr const char* k_sealed_member = "sealed";

using SealKey = Hash;

// The fields sealed in rows of `kind` under `plan`, in byte order.
std::vector<std::string> sealed_fields(DirectoryKind kind, const Plan& plan);

// s_f of one row and field.
Hash seal_salt(const SealKey& key, DirectoryKind kind, std::string_view id, std::string_view field);
// SHA-256(s_f ‖ value).
Hash sealed_value(const Hash& salt, std::string_view value);

// The public row of a canonical row (§3.3): each field of `fields` removed and
// the member "sealed": {field: hex, ...} added, as canonical JSON. With no
// fields it is the canonical row itself. Fails (bad_input) when the row is not
// a canonical row object or a sealed field is not a string.
Result<std::string> public_row(DirectoryKind kind, std::string_view id,
                               std::string_view canonical_row, std::span<const std::string> fields,
                               const SealKey& key);

// Both roots of a snapshot from its rows in ID order: the plain root (to check
// the rows against the snapshot's identity) and the public root.
class SnapshotRoots {
  public:
    SnapshotRoots(DirectoryKind kind, std::vector<std::string> fields, const SealKey& key);
    Status add(std::string_view id, std::string_view canonical_row);
    Hash root() const { return m_plain.root(); }
    Hash public_root() const;
    std::uint64_t rows() const { return m_plain.size(); }
    const std::vector<std::string>& fields() const { return m_fields; }

  private:
    DirectoryKind m_kind;
    std::vector<std::string> m_fields;
    SealKey m_key;
    std::unique_ptr<KeyedHash> m_mac;
    merkle::RootBuilder m_plain, m_public;
};

}  // namespace fairdraw
