// session.h — the live public draw: values entered one by one, one draw, a paced reveal
// (docs/SPEC.md §13).
//
// A Session follows one announcement through a public draw in a room: each
// announced source's value is entered as a witness reads it out, checked at
// once against its source (check_value) and either confirmed or refused; a
// refused value is recorded in the log ("session.value_refused", the value
// hashed as draw.refused hashes it), so that a room cannot quietly try values
// until one pleases. When every source is confirmed, draw() calls perform_draw,
// the one path of every draw, so the outcome is the same bytes as
// `fairdraw draw` with the same values. Then the result is revealed entity by
// entity; the pace is the room's, not part of the record.
//
// The session holds no state that matters beyond the workspace: opening a
// session for an announcement that was drawn before (a restarted server, a
// crash in the middle of the reveal) loads the recorded outcome and never
// draws again. Values entered but not yet drawn live in memory only and are
// entered again after a restart.
//
// This is independent of HTTP and of the terminal: src/cli/ puts a web server
// or prompts in front of it. It is not thread-safe; the server holds one mutex
// around the session and its workspace.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fairdraw/announcement.h"
#include "fairdraw/draw_record.h"
#include "fairdraw/workspace.h"

namespace fairdraw {

inline constexpr const char* k_session_value_refused_entry = "session.value_refused";
inline constexpr std::string_view k_session_qr_format = "fairdraw-verify-v1";

enum class SessionPhase {
    collecting,  // values are being entered
    drawn,       // a result is recorded
    impossible,  // the values were valid but no draw exists (recorded)
};

struct SessionSource {
    std::string name;
    std::string kind;  // numbers, text, hex, witness, secret
    std::optional<std::string> description;
    std::string typed;                     // as confirmed (empty until then)
    std::optional<std::string> canonical;  // set once confirmed
};

class Session {
  public:
    // Opens the session of an announcement; loads its recorded outcome, if any.
    static Result<Session> open(Workspace& workspace, const StoredAnnouncement& announcement);

    const StoredAnnouncement& announcement() const { return m_announcement; }
    SessionPhase phase() const { return m_phase; }
    const std::vector<SessionSource>& sources() const { return m_sources; }
    // The recorded outcome, once drawn (or impossible).
    const std::optional<StoredDraw>& draw() const { return m_draw; }
    const std::optional<DrawResult>& result() const { return m_result; }
    const DrawLabels& labels() const { return m_labels; }
    // Entities shown so far, in selected order (all of them for a recorded draw).
    std::size_t revealed() const { return m_revealed; }
    // Bumped at every change a page should show.
    std::uint64_t version() const { return m_version; }

    // Checks `typed` against the source `name` and confirms it, returning the
    // canonical value. A value that does not match is refused: recorded as
    // session.value_refused, then returned as bad_input saying why and which
    // log entry records it. Refused too (without a log entry): an unknown
    // source, and any value once the draw is made. Confirming a source again
    // with another valid value replaces it (a misheard digit is corrected
    // before the draw, in front of the room).
    Result<std::string> enter_value(Workspace& workspace, std::string_view name, std::string_view typed);

    // Draws with the confirmed values through perform_draw (once: a session
    // already drawn returns without calling it). Every source must be
    // confirmed. A refusal by perform_draw (e.g. before the announced time) is
    // returned as its error.
    Status draw_now(Workspace& workspace);

    // Reveals the next `count` entities (all with count 0); returns how many are shown.
    std::size_t reveal(std::size_t count);

    // The text encoded in the QR code after the draw (SPEC §13.2), from the
    // signed checkpoint covering the draw's entry.
    Result<std::string> verification_text(Workspace& workspace) const;

  private:
    Status load_recorded(Workspace& workspace, const StoredDraw& draw);

    StoredAnnouncement m_announcement;
    SessionPhase m_phase = SessionPhase::collecting;
    std::vector<SessionSource> m_sources;
    std::optional<StoredDraw> m_draw;
    std::optional<DrawResult> m_result;
    DrawLabels m_labels;
    std::size_t m_revealed = 0;
    std::uint64_t m_version = 1;
};

}  // namespace fairdraw
