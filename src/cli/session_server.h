// session_server.h — the live session over HTTP (docs/SPEC.md §13, docs/session.md).
//
// One process, one mutex around the session and its workspace. Anyone who can
// reach the address reads the projector page and the state; every change (a
// value typed or confirmed, the draw, the reveal) needs the operator's token,
// compared in constant time, else 403. Request bodies are limited to
// k_max_request bytes; nothing from a request names a file or reaches a shell:
// the server only serves the pages compiled into the binary.
#pragma once

#include <cstddef>
#include <string>

#include "fairdraw/session.h"

namespace fairdraw::cli {

inline constexpr std::size_t k_max_request = 64 * 1024;

struct ServerOptions {
    std::string bind = "127.0.0.1";
    int port = 8765;  // 0: any free port
};

// Serves until the process ends. Prints the two URLs (and the token) to
// standard output once listening. Returns an environment error if it cannot listen.
Status serve_session(Workspace& workspace, Session& session, const ServerOptions& options);

}  // namespace fairdraw::cli
