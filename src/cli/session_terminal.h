// session_terminal.h — the live session without a browser (`fairdraw session --no-browser`).
//
// The same steps as the web pages, as prompts on standard output and lines
// read from standard input: each source's value (re-asked after a refusal,
// which is logged as on the operator page), the draw, then one entity per
// Enter, then the result hash, the signed checkpoint and the verification
// text of the QR code.
#pragma once

#include <istream>
#include <ostream>

#include "fairdraw/session.h"

namespace fairdraw::cli {

// Runs the session; input ending before the draw is a usage error (nothing drawn).
Status run_terminal_session(Workspace& workspace, Session& session, std::istream& in, std::ostream& out);

}  // namespace fairdraw::cli
