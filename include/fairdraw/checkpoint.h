// checkpoint.h — C2SP tlog-checkpoint: the signed statement of a log's tree head.
//
// A checkpoint's note text is three lines: the log's origin, the tree size in
// decimal without leading zeros, and the base64 RFC 6962 root hash; any further
// non-empty lines are extension lines (c2sp.org/tlog-checkpoint). fairdraw
// signs it as a signed note with the key named by the origin. fairdraw defines
// no extension lines and writes none; opening a checkpoint refuses one that
// has any, because a verifier could not know what it was asked to trust.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "fairdraw/hash.h"
#include "fairdraw/key.h"

namespace fairdraw {

struct Checkpoint {
    std::string origin;
    std::uint64_t size = 0;
    Hash root{};
    std::vector<std::string> extensions;

    std::string text() const;  // "<origin>\n<size>\n<base64 root>\n" then extension lines
    bool operator==(const Checkpoint&) const = default;
};

// Parses a checkpoint's note text (syntax only). Errors are verification_failed.
Result<Checkpoint> parse_checkpoint(std::string_view text);

// The signed note of `checkpoint` (no extension lines allowed) by `key`, whose
// name must be the checkpoint's origin.
Result<std::string> sign_checkpoint(const Checkpoint& checkpoint, const SigningKey& key);

// Opens a signed checkpoint of the log whose key is `key`: a valid signature
// by key, origin equal to the key's name, no extension lines.
Result<Checkpoint> open_checkpoint(std::string_view signed_note, const VerifierKey& key);

// The same, for the holder of the private key: Ed25519 signatures are
// deterministic (RFC 8032 §5.1.6), so a signature line equal to a fresh
// signature of the text proves the key signed it, at a third of the cost of a
// verification. Anything else falls back to open_checkpoint (and its errors).
Result<Checkpoint> open_own_checkpoint(std::string_view signed_note, const SigningKey& key);

}  // namespace fairdraw
