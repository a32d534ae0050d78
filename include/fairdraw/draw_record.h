// draw_record.h — revealing the values, drawing, and recording it (docs/SPEC.md §6–§10).
//
// This is the one path every draw takes, from the command line or a live
// session. perform_draw() checks each revealed value against its announced
// source and canonicalises it, derives the seed, loads the announced
// snapshots (re-computing their roots: rows that do not give the announced
// root are never drawn from), runs the draw (draw.h) and records the outcome
// with its log entry in one Workspace::change().
//
// One draw per announcement: the outcome, a result or the explanation why no
// draw exists ("impossible"), is recorded once. The same canonical values
// again return the recorded outcome and change nothing; other values are
// refused. A refused attempt — before the announced time, a value that does
// not match its source, different values after a draw — is itself recorded
// as a "draw.refused" log entry, and then returned as a bad_input error: the
// entry is the only change. A call that does not name every announced source
// exactly once is a usage error and changes nothing.
//
// substitute() never trusts stored state: it replays the draw from the
// announcement and the recorded values, checks the replay gives the recorded
// result and substitution records byte for byte, applies the earlier
// substitutions and then the new one (§10), and records it ("draw.substitute").
// A chain link that does not hash to the previous link is refused and logged
// like a wrong draw value.
//
// Draws are named by their announcement (any form find_announcement takes) or
// by their result id (in full or a unique prefix of at least 8 hex digits),
// or "latest".
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "fairdraw/announcement.h"
#include "fairdraw/draw.h"
#include "fairdraw/seed.h"
#include "fairdraw/workspace.h"

namespace fairdraw {

inline constexpr const char* k_draw_result_entry = "draw.result";
inline constexpr const char* k_draw_impossible_entry = "draw.impossible";
inline constexpr const char* k_draw_refused_entry = "draw.refused";
inline constexpr const char* k_draw_substitute_entry = "draw.substitute";
inline constexpr std::string_view k_draw_impossible_format = "fairdraw-draw-impossible-v1";

// One value as typed, for the announced source named `source`.
struct TypedValue {
    std::string source;
    std::string text;
    friend bool operator==(const TypedValue&, const TypedValue&) = default;
};

// Checks one typed value against the announced source of that name and
// returns its canonical value (§6), or a precise bad_input error. Pure: a web
// form can check each value as it is typed.
Result<std::string> check_value(const StoredAnnouncement& announcement, std::string_view source,
                                std::string_view typed);

enum class DrawOutcome { result, impossible };

struct StoredDraw {
    Hash announcement{};
    DrawOutcome outcome = DrawOutcome::result;
    std::optional<Hash> result_id;     // with DrawOutcome::result
    std::string document;              // the result document (§9.10), or the impossible record
    std::vector<TypedValue> given;     // as typed, in announced order
    std::vector<SourceValue> values;   // canonical, in announced order
    std::uint64_t log_index = 0;       // of its draw.result or draw.impossible entry
    std::string time;                  // of that entry
    bool recorded_before = false;      // perform_draw: the same values returned the recorded outcome
    // The result document read into its structure, when at hand: perform_draw
    // fills it for a draw it has just made (otherwise use parse_draw_result).
    std::optional<DrawResult> result;
};

struct DrawLabels;

// Draws (see the opening paragraph). `values` must name every announced source
// once. With `labels`, also fills in the names of the selected entities and of
// the inspectors (from the rows the draw loaded, or read for a recorded outcome).
Result<StoredDraw> perform_draw(Workspace& workspace, const StoredAnnouncement& announcement,
                                std::span<const TypedValue> values, DrawLabels* labels = nullptr);

// The recorded outcome of an announcement, if any.
Result<std::optional<StoredDraw>> draw_of(Workspace& workspace, const Hash& announcement);
// ref: an announcement (as find_announcement), a result id or unique prefix (≥ 8 hex), or "latest".
Result<StoredDraw> find_draw(Workspace& workspace, std::string_view ref);

// Reads a draw result document (§9.10) back into its structure.
Result<DrawResult> parse_draw_result(std::string_view document);
// Reads a substitution record (§10) back into its structure.
Result<SubstitutionRecord> parse_substitution(std::string_view record);

struct StoredSubstitution {
    Hash draw{};  // result id
    std::uint64_t number = 0;
    std::string record;  // canonical substitution document (§10)
    SubstitutionRecord parsed;
    std::uint64_t log_index = 0;
    std::string time;
};

// The substitutions of a draw result, in order.
Result<std::vector<StoredSubstitution>> substitutions_of(Workspace& workspace, const Hash& result_id);

// Applies and records the next substitution of a draw (see the opening paragraph).
Result<StoredSubstitution> substitute(Workspace& workspace, const StoredDraw& draw,
                                      const SubstitutionRequest& request);

// The teams of a draw after all its recorded substitutions, by code.
Result<std::vector<HistoryTeam>> current_teams(Workspace& workspace, const StoredDraw& draw);

// Names for showing a draw to people: enterprise names and regions, inspector
// names and departments, read from the announced snapshots.
struct EntityLabel {
    std::string name, region;
};
struct InspectorLabel {
    std::string name, department;
};
struct DrawLabels {
    std::map<std::string, EntityLabel, std::less<>> entities;
    std::map<std::string, InspectorLabel, std::less<>> inspectors;
};
// Labels of the given enterprise codes and of every inspector of the announcement's snapshot.
Result<DrawLabels> draw_labels(Workspace& workspace, const StoredAnnouncement& announcement,
                               std::span<const std::string> codes);

}  // namespace fairdraw
