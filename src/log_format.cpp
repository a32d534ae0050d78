// Text and JSON forms of proofs (docs/SPEC.md §4.7), and offline checking of a tlog-proof.
#include "fairdraw/log.h"
#include "fairdraw/merkle.h"
#include "log_entry.h"

namespace fairdraw::tlog {
namespace {

std::string b64(const Hash& h) {
    return to_base64(ByteView(h));
}

Json b64_list(const std::vector<Hash>& hashes) {
    Json out = Json::array();
    for (const auto& h : hashes) out.push_back(b64(h));
    return out;
}

Error malformed(const std::string& why) {
    return Error::verification_failed("malformed tlog-proof: " + why);
}

Result<std::uint64_t> parse_decimal(std::string_view text) {
    if (text.empty() || text.size() > 19 || (text.size() > 1 && text[0] == '0'))
        return malformed("the index is not a decimal number without leading zeros");
    std::uint64_t value = 0;
    for (char c : text) {
        if (c < '0' || c > '9') return malformed("the index is not a decimal number");
        value = value * 10 + static_cast<std::uint64_t>(c - '0');
    }
    return value;
}

}  // namespace

std::string tlog_proof_text(const InclusionProof& proof) {
    std::string out(k_tlog_proof_header);
    out += "\nextra " + to_base64(as_bytes(proof.entry)) + "\n";
    out += "index " + std::to_string(proof.index) + "\n";
    for (const auto& h : proof.path) out += b64(h) + "\n";
    out += "\n" + proof.checkpoint.note;
    return out;
}

Json inclusion_proof_json(const InclusionProof& proof) {
    return Json{{"index", proof.index},
                {"entry", proof.entry},
                {"leaf_hash", b64(merkle::leaf_hash(proof.entry))},
                {"tree_size", proof.checkpoint.checkpoint.size},
                {"root_hash", b64(proof.checkpoint.checkpoint.root)},
                {"inclusion_path", b64_list(proof.path)},
                {"checkpoint", proof.checkpoint.note}};
}

std::string consistency_proof_text(const ConsistencyProof& proof) {
    std::string out = "old-size " + std::to_string(proof.old_checkpoint.checkpoint.size) + "\n";
    out += "old-root " + b64(proof.old_checkpoint.checkpoint.root) + "\n";
    out += "new-size " + std::to_string(proof.new_checkpoint.checkpoint.size) + "\n";
    out += "new-root " + b64(proof.new_checkpoint.checkpoint.root) + "\n";
    for (const auto& h : proof.path) out += b64(h) + "\n";
    return out;
}

Json consistency_proof_json(const ConsistencyProof& proof) {
    return Json{{"old_size", proof.old_checkpoint.checkpoint.size},
                {"old_root", b64(proof.old_checkpoint.checkpoint.root)},
                {"new_size", proof.new_checkpoint.checkpoint.size},
                {"new_root", b64(proof.new_checkpoint.checkpoint.root)},
                {"consistency_path", b64_list(proof.path)},
                {"old_checkpoint", proof.old_checkpoint.note},
                {"new_checkpoint", proof.new_checkpoint.note}};
}

Result<InclusionProof> verify_tlog_proof(std::string_view text, const VerifierKey& key) {
    auto next_line = [&](std::string_view& line) {
        auto end = text.find('\n');
        if (end == std::string_view::npos) return false;
        line = text.substr(0, end);
        text.remove_prefix(end + 1);
        return true;
    };
    std::string_view line;
    if (!next_line(line) || line != k_tlog_proof_header)
        return malformed("the first line is not " + std::string(k_tlog_proof_header));
    if (!next_line(line)) return malformed("it ends after the first line");
    InclusionProof proof;
    if (line.substr(0, 6) != "extra ")
        return malformed("there is no extra line holding the log entry");
    auto entry = from_base64(line.substr(6));
    if (!entry) return malformed("the extra line is not base64: " + entry.error().message);
    proof.entry = std::string(as_text(*entry));
    if (!next_line(line) || line.substr(0, 6) != "index ")
        return malformed("there is no index line");
    FD_ASSIGN(proof.index, parse_decimal(line.substr(6)));
    while (true) {
        if (!next_line(line))
            return malformed("no blank line separates the proof from the checkpoint");
        if (line.empty()) break;
        auto hash = from_base64(line);
        if (!hash || hash->size() != k_hash_size)
            return malformed("proof line " + std::to_string(proof.path.size() + 1) +
                             " is not a base64 SHA-256 hash");
        Hash h{};
        std::copy(hash->begin(), hash->end(), h.begin());
        proof.path.push_back(h);
    }
    proof.checkpoint.note = std::string(text);
    FD_ASSIGN(proof.checkpoint.checkpoint, open_checkpoint(proof.checkpoint.note, key));
    const Checkpoint& cp = proof.checkpoint.checkpoint;
    FD_TRY(detail::check_entry(proof.entry, proof.index));
    if (proof.index >= cp.size)
        return Error::verification_failed("entry " + std::to_string(proof.index) +
                                          " is not in the signed tree of size " +
                                          std::to_string(cp.size));
    FD_TRY(merkle::verify_inclusion(merkle::leaf_hash(proof.entry), proof.index, cp.size,
                                    proof.path, cp.root));
    return proof;
}

}  // namespace fairdraw::tlog
