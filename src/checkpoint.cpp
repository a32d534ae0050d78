#include "fairdraw/checkpoint.h"

#include <cstring>

#include "fairdraw/note.h"

namespace fairdraw {
namespace {

Error malformed(const std::string& why) {
    return Error::verification_failed("malformed checkpoint: " + why);
}

Result<std::uint64_t> parse_size(std::string_view text) {
    if (text.empty()) return malformed("line 2 (tree size) is empty");
    if (text.size() > 1 && text[0] == '0')
        return malformed("line 2 (tree size) has a leading zero");
    std::uint64_t value = 0;
    for (char c : text) {
        if (c < '0' || c > '9') return malformed("line 2 (tree size) is not a decimal number");
        auto digit = static_cast<std::uint64_t>(c - '0');
        if (value > (UINT64_MAX - digit) / 10) return malformed("line 2 (tree size) is too large");
        value = value * 10 + digit;
    }
    return value;
}

}  // namespace

std::string Checkpoint::text() const {
    std::string out =
        origin + "\n" + std::to_string(size) + "\n" + to_base64(ByteView(root)) + "\n";
    for (const auto& line : extensions) out += line + "\n";
    return out;
}

Result<Checkpoint> parse_checkpoint(std::string_view text) {
    if (text.empty() || text.back() != '\n')
        return malformed("the text does not end with a newline");
    std::vector<std::string_view> lines;
    std::size_t start = 0;
    while (start < text.size()) {
        auto end = text.find('\n', start);
        lines.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    if (lines.size() < 3)
        return malformed("expected at least 3 lines (origin, tree size, root hash), found " +
                         std::to_string(lines.size()));
    Checkpoint cp;
    if (lines[0].empty()) return malformed("line 1 (origin) is empty");
    cp.origin = std::string(lines[0]);
    FD_ASSIGN(cp.size, parse_size(lines[1]));
    auto root = from_base64(lines[2]);
    if (!root) return malformed("line 3 (root hash) is not base64: " + root.error().message);
    if (root->size() != k_hash_size)
        return malformed("line 3 (root hash) is " + std::to_string(root->size()) +
                         " bytes, a SHA-256 hash is 32");
    std::memcpy(cp.root.data(), root->data(), k_hash_size);
    for (std::size_t i = 3; i < lines.size(); ++i) {
        if (lines[i].empty())
            return malformed("line " + std::to_string(i + 1) + " (extension) is empty");
        cp.extensions.emplace_back(lines[i]);
    }
    return cp;
}

Result<std::string> sign_checkpoint(const Checkpoint& checkpoint, const SigningKey& key) {
    if (checkpoint.origin != key.name())
        return Error::bad_input("the checkpoint origin '" + checkpoint.origin +
                                "' is not the key name '" + key.name() + "'");
    if (!checkpoint.extensions.empty())
        return Error::bad_input("fairdraw writes no checkpoint extension lines");
    return note::sign(checkpoint.text(), key);
}

Result<Checkpoint> open_checkpoint(std::string_view signed_note, const VerifierKey& key) {
    FD_ASSIGN(std::string text, note::open(signed_note, key));
    FD_ASSIGN(Checkpoint cp, parse_checkpoint(text));
    if (cp.origin != key.name)
        return Error::verification_failed("the checkpoint is for the log '" + cp.origin +
                                          "', expected '" + key.name + "'");
    if (!cp.extensions.empty())
        return Error::verification_failed(
            "the checkpoint has " + std::to_string(cp.extensions.size()) +
            " extension line(s); fairdraw defines none, so it cannot say what they mean");
    return cp;
}

Result<Checkpoint> open_own_checkpoint(std::string_view signed_note, const SigningKey& key) {
    auto parsed = note::parse(signed_note);
    if (parsed) {
        const VerifierKey& v = key.verifier_key();
        for (const auto& sig : parsed->signatures) {
            if (sig.name != v.name || sig.key_id != v.id) continue;
            auto fresh = key.sign(as_bytes(parsed->text));
            if (!fresh || *fresh != sig.signature) break;
            auto cp = parse_checkpoint(parsed->text);
            if (!cp || cp->origin != v.name || !cp->extensions.empty()) break;
            return cp;
        }
    }
    return open_checkpoint(signed_note, key.verifier_key());
}

}  // namespace fairdraw
