#include "fairdraw/note.h"

#include "utf8_scan.h"

namespace fairdraw::note {
namespace {

Error malformed(const std::string& why) {
    return Error::verification_failed("malformed note: " + why);
}

std::string id_hex(std::uint32_t id) {
    VerifierKey v;
    v.id = id;
    return v.id_hex();
}

Result<Signature> parse_signature_line(std::string_view line, std::size_t number) {
    std::string where = "signature line " + std::to_string(number) + ": ";
    if (line.substr(0, k_signature_prefix.size()) != k_signature_prefix)
        return malformed(where + "does not start with an em dash (U+2014) and a space");
    line.remove_prefix(k_signature_prefix.size());
    auto space = line.find(' ');
    if (space == std::string_view::npos)
        return malformed(where + "expected '<name> <base64 signature>'");
    std::string_view name = line.substr(0, space);
    std::string_view encoded = line.substr(space + 1);
    if (auto problem = key_name_problem(name); !problem.empty())
        return malformed(where + "key name: " + problem);
    auto bytes = from_base64(encoded);
    if (!bytes) return malformed(where + "the signature is not base64: " + bytes.error().message);
    if (bytes->size() < 5)
        return malformed(where + "the signature is shorter than a key ID and one byte");
    Signature sig;
    sig.name = std::string(name);
    sig.key_id = (std::uint32_t{(*bytes)[0]} << 24) | (std::uint32_t{(*bytes)[1]} << 16) |
                 (std::uint32_t{(*bytes)[2]} << 8) | std::uint32_t{(*bytes)[3]};
    sig.signature.assign(bytes->begin() + 4, bytes->end());
    return sig;
}

}  // namespace

std::string Signature::line() const {
    Bytes data{static_cast<std::uint8_t>(key_id >> 24), static_cast<std::uint8_t>(key_id >> 16),
               static_cast<std::uint8_t>(key_id >> 8), static_cast<std::uint8_t>(key_id)};
    data.insert(data.end(), signature.begin(), signature.end());
    return std::string(k_signature_prefix) + name + " " + to_base64(data) + "\n";
}

std::string text_problem(std::string_view text) {
    if (text.size() > k_max_note_size)
        return "it is larger than " + std::to_string(k_max_note_size) + " bytes";
    std::size_t pos = 0;
    std::uint64_t line = 1;
    while (pos < text.size()) {
        char32_t c = 0;
        if (!detail::next_code_point(text, pos, c))
            return "line " + std::to_string(line) + " is not valid UTF-8";
        if (c == U'\n') {
            ++line;
        } else if (c < 0x20) {
            return "line " + std::to_string(line) + " contains a control character";
        }
    }
    return {};
}

Result<Note> parse(std::string_view message) {
    if (auto problem = text_problem(message); !problem.empty()) return malformed(problem);
    if (message.empty() || message.back() != '\n')
        return malformed("it does not end with a newline");
    // The last blank line separates the text from the signatures.
    auto split = message.rfind("\n\n");
    if (split == std::string_view::npos)
        return malformed("no blank line separates the text from the signatures");
    Note note;
    note.text = std::string(message.substr(0, split + 1));
    std::string_view rest = message.substr(split + 2);
    if (rest.empty()) return malformed("there is no signature after the blank line");
    std::size_t number = 0;
    while (!rest.empty()) {
        auto end = rest.find('\n');
        ++number;
        if (number > k_max_signatures)
            return malformed("more than " + std::to_string(k_max_signatures) + " signatures");
        FD_ASSIGN(Signature sig, parse_signature_line(rest.substr(0, end), number));
        note.signatures.push_back(std::move(sig));
        rest.remove_prefix(end + 1);
    }
    return note;
}

Result<std::string> sign(std::string_view text, const SigningKey& key) {
    if (auto problem = text_problem(text); !problem.empty())
        return Error::bad_input("cannot sign a note whose text is not valid: " + problem);
    if (text.empty() || text.back() != '\n')
        return Error::bad_input("cannot sign a note whose text does not end with a newline");
    FD_ASSIGN(Bytes signature, key.sign(as_bytes(text)));
    Signature sig{key.name(), key.verifier_key().id, std::move(signature)};
    return std::string(text) + "\n" + sig.line();
}

Result<std::string> open(std::string_view message, const VerifierKey& key) {
    FD_ASSIGN(Note note, parse(message));
    bool verified = false;
    std::string others;
    for (const auto& sig : note.signatures) {
        if (sig.name != key.name || sig.key_id != key.id) {
            others += (others.empty() ? "" : ", ") + sig.name + "+" + id_hex(sig.key_id);
            continue;
        }
        if (!ed25519_verify(key.public_key, as_bytes(note.text), sig.signature))
            return Error::verification_failed(
                "the signature by " + key.name + "+" + key.id_hex() +
                " does not verify: the note was changed or the signature is damaged");
        verified = true;
    }
    if (!verified)
        return Error::verification_failed("the note is not signed by the key " + key.name + "+" +
                                          key.id_hex() + " (it is signed by " + others + ")");
    return std::move(note.text);
}

}  // namespace fairdraw::note
