// fairdraw session: the live public draw of an announcement (docs/SPEC.md §13, docs/session.md).
#include <iostream>

#include "cli.h"
#include "fairdraw/session.h"
#include "session_server.h"
#include "session_terminal.h"

namespace fairdraw::cli {

void add_session_command(CLI::App& app, Globals& globals) {
    struct Options {
        std::string ref;
        std::string bind = "127.0.0.1";
        std::string port = "8765";
        bool no_browser = false;
    };
    auto o = std::make_shared<Options>();
    auto* cmd =
        app.add_subcommand("session", "Run the live public draw of an announcement (projector and operator pages)")
            ->footer(
                "Examples:\n"
                "  fairdraw session latest                  # http://127.0.0.1:8765/ and the operator URL\n"
                "  fairdraw session latest --port 0         # any free port\n"
                "  fairdraw session latest --no-browser     # prompts in this terminal instead\n"
                "\n"
                "Prints the projector page's URL and the operator page's URL with its token. The\n"
                "witnesses read their values aloud, the operator types and confirms them; a value\n"
                "that does not match its source is refused and logged. The draw is the same as\n"
                "'fairdraw draw' with these values and happens once: a restarted session shows the\n"
                "recorded result. See docs/session.md for the room checklist.");
    cmd->add_option("ANNOUNCEMENT", o->ref,
                    "The announcement: id, prefix of at least 8 hex digits, latest, or its JSON file")
        ->required();
    cmd->add_option("--port", o->port, "TCP port to listen on, 0 for any free port (default 8765)");
    cmd->add_option("--bind", o->bind,
                    "Address to listen on (default 127.0.0.1, this machine only; 0.0.0.0 for the room's network)");
    cmd->add_flag("--no-browser", o->no_browser, "Run the session as prompts in this terminal (values from stdin)");
    cmd->callback([o, &globals] {
        globals.exit_code = run([&]() -> Status {
            FD_ASSIGN(std::int64_t port, parse_whole_number(o->port, "--port", 0, 65535));
            FD_ASSIGN(Workspace ws, open_workspace(globals));
            FD_ASSIGN(StoredAnnouncement a, find_announcement(ws, o->ref));
            FD_ASSIGN(Session session, Session::open(ws, a));
            if (o->no_browser) return run_terminal_session(ws, session, std::cin, std::cout);
            return serve_session(ws, session, ServerOptions{o->bind, static_cast<int>(port)});
        });
    });
}

}  // namespace fairdraw::cli
