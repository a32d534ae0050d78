// cli.h — what every subcommand of the fairdraw binary shares.
//
// The binary only parses arguments and calls the library. Each subcommand
// lives in its own file (cmd_*.cpp) with one add_*_command() function that
// registers its options and a callback. Messages follow one rule set:
//   fairdraw: error: <what happened, lower case, no final period>
//   fairdraw: hint: <how to fix it>
// on standard error; results go to standard output (text, or JSON with --json).
#pragma once

#include <CLI/CLI.hpp>
#include <string>

#include "fairdraw/result.h"
#include "fairdraw/workspace.h"

namespace fairdraw::cli {

struct Globals {
    std::string workspace;        // --workspace DIR; empty means the current folder
    std::string actor;            // --actor NAME
    std::string passphrase_file;  // --passphrase-file FILE
    int exit_code = k_exit_ok;
};

// Prints an error (and its problems and hints) to standard error; returns its exit code.
int report(const Error& error);
// Runs a command body, turning its failure into a printed error and exit code.
int run(const std::function<Status()>& body);

Result<Workspace> open_workspace(const Globals& globals);
std::string resolve_actor(const Globals& globals);
Result<std::string> read_passphrase(const Globals& globals);

void add_init_command(CLI::App& app, Globals& globals);
void add_import_command(CLI::App& app, Globals& globals);
void add_lists_command(CLI::App& app, Globals& globals);
void add_log_command(CLI::App& app, Globals& globals);
void add_log_proof_commands(CLI::App& log, Globals& globals);  // cmd_log_prove.cpp, under 'log'
void add_key_command(CLI::App& app, Globals& globals);
void add_rfc3797_command(CLI::App& app, Globals& globals);
void add_plan_command(CLI::App& app, Globals& globals);
void add_announce_commands(CLI::App& app, Globals& globals);  // announce, announcement
void add_draw_commands(CLI::App& app, Globals& globals);      // draw, result
void add_substitute_command(CLI::App& app, Globals& globals);
void add_secret_command(CLI::App& app, Globals& globals);
void add_publish_command(CLI::App& app, Globals& globals);
void add_verify_commands(CLI::App& app, Globals& globals);  // verify, check
void add_session_command(CLI::App& app, Globals& globals);

// A whole number typed for `option`: decimal digits only (no sign, no leading
// zero, so "010" is neither octal nor ten), from min to max.
Result<std::int64_t> parse_whole_number(const std::string& text, const std::string& option,
                                        std::int64_t min, std::int64_t max);
// Prints each warning as "fairdraw: warning: …" (and its hint) on standard error.
void report_warnings(const std::vector<Problem>& warnings);

}  // namespace fairdraw::cli
