// bundle_replay.h — a bundle's data as verification reads it, and the replay (docs/SPEC.md §12.5).
#pragma once

#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "bundle_internal.h"
#include "fairdraw/draw_record.h"

namespace fairdraw::detail {

struct BundleData {
    BundleKind kind = BundleKind::public_rows;
    Manifest manifest;
    StoredAnnouncement announcement;
    DrawResult result;
    std::string result_document;
    Hash result_id{};
    std::vector<std::string> substitution_lines;
    std::vector<SubstitutionRecord> substitutions;
    std::map<DirectoryKind, bool> rows_ok;

    // The drawn entities (selected, then replacements) and the rows kept for the replay.
    std::vector<std::string> drawn;
    std::set<std::string, std::less<>> drawn_set;
    bool complete_replay = false;
    EnterpriseTable enterprises;  // every row for a complete replay
    std::vector<Inspector> inspectors;
    std::vector<Conflict> conflicts;
    std::map<std::string, std::string, std::less<>> drawn_rows;  // code → row as in the bundle
    std::map<std::string, std::map<std::string, std::string>> opened;  // code → field → value
    bool openings_ok = true;
};

// Takes each snapshot line: keeps what the replay needs and returns the row's
// ID (valid until the next call; an enterprise's points into the line).
class RowSink {
  public:
    explicit RowSink(BundleData& data) : m_data(data) {}
    Result<std::string_view> add(DirectoryKind kind, std::uint64_t index, std::string_view line);

  private:
    BundleData& m_data;
    std::string m_id;
};
// Decides complete or restricted replay (§12.5 step 11) and returns the sink.
RowSink row_sink(BundleData& data);

// §12.5 step 9; each failure goes to `fail`.
void check_openings(BundleData& data, std::string_view text,
                    const std::function<void(const std::string&)>& fail);

// §12.5 step 11: the replay's check lines.
std::vector<BundleCheck> replay(BundleData& data);

// The first place where two JSON values differ, e.g. `selected[3].team[1].inspector:
// expected "RS0012", found "RS0013"`; empty when equal.
std::string first_difference(const Json& expected, const Json& found, const std::string& path = "");

// Verifies a bundle and keeps its data (for fairdraw check).
Result<BundleData> load_verified_bundle(const std::filesystem::path& dir, BundleVerification& report);

}  // namespace fairdraw::detail
