// session_state.h — what the session pages show, as one JSON object (docs/session.md).
//
// The projector, operator and record pages are static; they poll this state
// and render it. It holds only what is public: the announcement, the values
// as typed and confirmed, and the result as far as it has been revealed.
#pragma once

#include <map>
#include <string>

#include "fairdraw/session.h"

namespace fairdraw::cli {

// What the operator is typing, by source, shown on the projector before it is confirmed.
using Typing = std::map<std::string, std::string, std::less<>>;

struct SessionView {
    std::string announcement_checkpoint;  // signed note covering the announcement's entry
    std::string draw_checkpoint;          // signed note covering the draw's entry (once drawn)
    std::string verification;             // the QR text (SPEC §13.2), once drawn
};

// Reads the signed checkpoints and the QR text the pages show (after a draw, again).
Result<SessionView> session_view(Workspace& workspace, const Session& session);

Json session_state(const Session& session, const SessionView& view, const Typing& typing);

}  // namespace fairdraw::cli
