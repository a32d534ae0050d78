// snapshot_options.h — the --enterprises/--inspectors/--conflicts options of plan check and announce.
#pragma once

#include "cli.h"
#include "fairdraw/announcement.h"

namespace fairdraw::cli {

inline void add_snapshot_options(CLI::App* cmd, SnapshotRefs& refs) {
    cmd->add_option("--enterprises", refs.enterprises,
                    "Enterprise snapshot: root, prefix of at least 8 hex digits, or latest")
        ->required()
        ->type_name("SNAP");
    cmd->add_option("--inspectors", refs.inspectors, "Inspector snapshot (as --enterprises)")
        ->required()
        ->type_name("SNAP");
    cmd->add_option("--conflicts", refs.conflicts,
                    "Declared-conflicts snapshot (as --enterprises), or 'none'; required when the "
                    "workspace holds any")
        ->type_name("SNAP");
}

// Reads a plan or source file given on the command line.
Result<std::string> read_input_file(const std::string& path, const char* what);

}  // namespace fairdraw::cli
