// bundle_internal.h — what writing, verifying and reading bundles share (docs/SPEC.md §12).
//
// File names, the manifest, small file helpers, the state of a draw after
// its substitutions, and the inputs of the human-readable files.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <memory>
#include <vector>

#include "fairdraw/announcement.h"
#include "fairdraw/bundle.h"
#include "fairdraw/draw.h"
#include "fairdraw/records.h"

namespace fairdraw::detail {

inline constexpr const char* k_manifest_file = "manifest.json";
inline constexpr const char* k_announcement_file = "announcement.json";
inline constexpr const char* k_result_file = "result.json";
inline constexpr const char* k_substitutions_file = "substitutions.jsonl";
inline constexpr const char* k_openings_file = "openings.jsonl";
inline constexpr const char* k_log_key_file = "log/verifier.key";
inline constexpr const char* k_log_checkpoint_file = "log/checkpoint";
inline constexpr const char* k_log_proofs_file = "log/proofs.jsonl";
inline constexpr const char* k_log_consistency_file = "log/consistency.jsonl";
inline constexpr const char* k_notice_file = "notice.html";
inline constexpr const char* k_drawn_csv_file = "drawn.csv";
inline constexpr const char* k_drawn_json_file = "drawn.json";
std::string snapshot_file(DirectoryKind kind);  // "enterprises.jsonl", …

// The files a bundle of this kind holds (§12.1), sorted, without the manifest.
std::vector<std::string> bundle_files(BundleKind kind, bool conflicts);

Result<std::string> read_text_file(const std::filesystem::path& file);
// Size and SHA-256 of a file, read in pieces (bundles hold files of hundreds of MB).
Result<std::pair<std::uint64_t, Hash>> hash_file(const std::filesystem::path& file);
Status write_text_file(const std::filesystem::path& file, std::string_view text);

// A file's lines (without their newline), read in large pieces on a second
// thread that also computes the file's size and SHA-256.
class LineReader {
  public:
    explicit LineReader(const std::filesystem::path& file);
    ~LineReader();
    LineReader(const LineReader&) = delete;
    LineReader& operator=(const LineReader&) = delete;
    // The next line; valid until the next call. False at the end.
    bool next(std::string_view& line);
    bool unterminated() const { return m_unterminated; }
    // Reads the rest, and returns the whole file's size and SHA-256.
    Result<std::pair<std::uint64_t, Hash>> finish();

  private:
    struct Shared;
    bool next_chunk();
    std::shared_ptr<Shared> m_shared;
    std::thread m_thread;
    std::string m_buffer;
    std::size_t m_pos = 0;
    bool m_unterminated = false;
};

struct ManifestFile {
    std::string path;
    std::uint64_t bytes = 0;
    Hash sha256{};
};
struct Manifest {
    BundleKind kind = BundleKind::public_rows;
    Hash result{};
    std::vector<ManifestFile> files;
};
std::string manifest_json(const Manifest& manifest);
Result<Manifest> parse_manifest(std::string_view text);

// The fields the draw reads (§12.5 step 11): a public bundle whose plan uses
// a sealed one can only be replayed restricted to the drawn entities.
std::vector<std::string> fields_used_by_draw(const Plan& plan);

// An entity of the draw with its current team, after the substitutions.
struct CurrentEntity {
    DrawnEntity entity;
    bool replacement = false;  // came in by an entity substitution
};
// The current entities in current selected order (ticket, code), §10.
std::vector<CurrentEntity> current_entities(const DrawResult& result,
                                            const std::vector<SubstitutionRecord>& substitutions);

// Everything the notice, the CSV and drawn.json show.
struct NoticeInput {
    const StoredAnnouncement& announcement;
    const DrawResult& result;
    Hash result_id{};
    const std::vector<SubstitutionRecord>& substitutions;
    std::vector<CurrentEntity> current;
    std::map<std::string, Enterprise, std::less<>> entities;  // drawn ones, with opened values
    std::map<std::string, Inspector, std::less<>> inspectors;
    BundleKind kind = BundleKind::public_rows;
    std::string checkpoint_note;
    std::string verifier_key;
};
std::string notice_html(const NoticeInput& input);
std::string drawn_csv(const NoticeInput& input);
std::string drawn_json(const NoticeInput& input);

// A cell safe in spreadsheets: a leading =, +, -, @, TAB or CR gets a '.
std::string spreadsheet_text(std::string_view text);
// "1 record", "2 records".
std::string counted(std::uint64_t n, std::string_view noun);
// HTML text: & < > " ' escaped.
std::string html_escape(std::string_view text);

}  // namespace fairdraw::detail
