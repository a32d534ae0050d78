// log verify-export: offline verification of an export folder with nothing else.
#include <fstream>

#include "fairdraw/log.h"
#include "log_common.h"
#include "log_entry.h"

namespace fairdraw::tlog {
namespace {

namespace fs = std::filesystem;

Error wrong(const std::string& message) {
    return Error::verification_failed(message);
}

Result<std::string> required_file(const fs::path& file) {
    FD_ASSIGN(auto text, detail::read_small_file(file));
    if (!text) return wrong(file.string() + " is missing from the export");
    return std::move(*text);
}

Status check_first_entry(std::string_view data, const VerifierKey& key) {
    auto parsed = parse_json(data, "entry 0");
    if (!parsed) return wrong(parsed.error().message);
    const Json& e = *parsed;
    if (e.value("type", "") != "workspace.init")
        return wrong("entry 0 is not the workspace.init entry");
    const Json& payload = e["payload"];
    std::string recorded = payload.is_object() ? payload.value("verifier_key", "") : "";
    if (recorded != key.text())
        return wrong("entry 0 records the log's key as '" + recorded +
                     "', not the export's verifier key " + key.text());
    return {};
}

// Reads entries.jsonl, one canonical entry per line, and rebuilds the tree.
class EntryReader {
  public:
    EntryReader(const fs::path& file, const Checkpoint& signed_tree,
                const std::optional<Checkpoint>& since, const VerifierKey& key)
        : m_file(file), m_signed(signed_tree), m_since(since), m_key(key) {}

    Status run() {
        std::ifstream in(m_file, std::ios::binary);
        if (!in) return wrong(m_file.string() + " is missing from the export");
        std::string line;
        while (std::getline(in, line)) {
            std::uint64_t idx = m_builder.size();
            std::string where = m_file.filename().string() + " line " + std::to_string(idx + 1);
            if (in.eof())
                return wrong(where + " does not end with a newline: the file is truncated");
            if (idx >= m_signed.size)
                return wrong(m_file.filename().string() + " has more entries than the " +
                             std::to_string(m_signed.size) + " the checkpoint signs");
            if (auto ok = detail::check_entry(line, idx); !ok)
                return wrong(where + ": " + ok.error().message);
            if (idx == 0) FD_TRY(check_first_entry(line, m_key));
            m_builder.add(merkle::leaf_hash(line));
            if (m_since && m_since->size == m_builder.size() && m_since->root != m_builder.root())
                return wrong("the export is not consistent with the saved checkpoint (size " +
                             std::to_string(m_since->size) + "): its first " +
                             std::to_string(m_since->size) +
                             " entries do not hash to the root signed then, so the log was "
                             "rewritten after it");
        }
        if (in.bad()) return Error::environment("cannot read " + m_file.string());
        if (m_builder.size() < m_signed.size)
            return wrong(m_file.filename().string() + " has " + std::to_string(m_builder.size()) +
                         " entries, the checkpoint signs " + std::to_string(m_signed.size) +
                         ": the export is truncated");
        if (m_builder.root() != m_signed.root)
            return wrong("the entries of " + m_file.filename().string() +
                         " do not hash to the root the checkpoint signs: an entry was changed, "
                         "replaced or reordered");
        return {};
    }
    std::uint64_t count() const { return m_builder.size(); }

  private:
    fs::path m_file;
    const Checkpoint& m_signed;
    const std::optional<Checkpoint>& m_since;
    const VerifierKey& m_key;
    merkle::RootBuilder m_builder;
};

}  // namespace

Result<ExportReport> verify_export(const fs::path& dir, const std::optional<std::string>& since,
                                   const std::optional<VerifierKey>& trusted_key) {
    ExportReport report;
    FD_ASSIGN(std::string key_text, required_file(dir / k_export_verifier_key));
    if (!key_text.empty() && key_text.back() == '\n') key_text.pop_back();
    auto key = parse_verifier_key(key_text);
    if (!key) return wrong((dir / k_export_verifier_key).string() + ": " + key.error().message);
    report.key = *key;
    if (trusted_key && *trusted_key != report.key)
        return wrong("the export's verifier key " + report.key.text() +
                     " is not the key you trust (" + trusted_key->text() + ")");
    FD_ASSIGN(std::string note, required_file(dir / k_export_checkpoint));
    auto signed_tree = open_checkpoint(note, report.key);
    if (!signed_tree)
        return wrong((dir / k_export_checkpoint).string() + ": " + signed_tree.error().message);
    report.checkpoint = *signed_tree;
    if (report.checkpoint.size == 0)
        return wrong((dir / k_export_checkpoint).string() +
                     " signs an empty tree, which fairdraw never signs");
    if (since) {
        auto saved = open_checkpoint(*since, report.key);
        if (!saved)
            return wrong("the saved checkpoint is not a valid checkpoint of this log: " +
                         saved.error().message);
        if (saved->size > report.checkpoint.size)
            return wrong("the saved checkpoint signs " + std::to_string(saved->size) +
                         " entries, the export only " + std::to_string(report.checkpoint.size) +
                         ": the log was rolled back or forked after the saved checkpoint");
        report.since = *saved;
    }
    EntryReader entries(dir / k_export_entries, report.checkpoint, report.since, report.key);
    FD_TRY(entries.run());
    report.entries = entries.count();
    return report;
}

}  // namespace fairdraw::tlog
