// note.h — C2SP signed notes: text signed by one or more keys.
//
// A signed note is a text ending in a newline, a blank line, then one line per
// signature: U+2014 EM DASH, a space, the key name, a space, and
// base64(4-byte big-endian key ID || signature), then a newline. The text is
// separated from the signatures by the last blank line. Notes are valid UTF-8
// without control characters other than newline (c2sp.org/signed-note).
// Opening a note against a key follows the spec: signatures by other keys are
// ignored, a failing signature by the key rejects the note, and a note without
// a valid signature by the key is rejected.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fairdraw/key.h"

namespace fairdraw::note {

inline constexpr std::string_view k_signature_prefix = "\xE2\x80\x94 ";  // U+2014 EM DASH, space
inline constexpr std::size_t k_max_signatures = 100;  // the spec requires accepting at least 16
inline constexpr std::size_t k_max_note_size = 1 << 20;

struct Signature {
    std::string name;
    std::uint32_t key_id = 0;
    Bytes signature;  // without the key ID

    std::string line() const;  // "— name base64(id || signature)\n"
};

struct Note {
    std::string text;  // ends with a newline
    std::vector<Signature> signatures;
};

// Splits a signed note into text and signature lines, checking the syntax only.
// Errors are verification_failed ("malformed note: ...").
Result<Note> parse(std::string_view message);

// Why `text` cannot be the text of a note (empty when it can).
std::string text_problem(std::string_view text);

// The note `text` signed by `key`: text, blank line, one signature line.
Result<std::string> sign(std::string_view text, const SigningKey& key);

// The text of `message` if it carries a valid signature by `key`.
Result<std::string> open(std::string_view message, const VerifierKey& key);

}  // namespace fairdraw::note
