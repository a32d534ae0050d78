#include <iostream>

#include "cli.h"
#include "snapshot_output.h"

namespace fairdraw::cli {

void add_lists_command(CLI::App& app, Globals& globals) {
    auto json = std::make_shared<bool>(false);
    auto* cmd =
        app.add_subcommand("lists", "List the directory snapshots in the workspace")
            ->footer(
                "Examples:\n"
                "  fairdraw lists\n"
                "  fairdraw lists --json\n"
                "\n"
                "Each line shows the kind, rows, root, source file and import time; a snapshot is\n"
                "named elsewhere by its root, a unique prefix of at least 8 hex digits, or "
                "'latest'.");
    cmd->add_flag("--json", *json, "Print every recorded attribute as JSON");
    cmd->callback([json, &globals] {
        globals.exit_code = run([&]() -> Status {
            FD_ASSIGN(Workspace ws, open_workspace(globals));
            FD_ASSIGN(auto snapshots, list_snapshots(ws));
            if (*json) {
                Json out = Json::array();
                for (const auto& s : snapshots) out.push_back(snapshot_json(s));
                std::cout << Json{{"snapshots", out}}.dump(2) << "\n";
                return {};
            }
            if (snapshots.empty()) {
                std::cout
                    << "no snapshots yet; import one with 'fairdraw import enterprises FILE'\n";
                return {};
            }
            for (const auto& s : snapshots) {
                std::cout << kind_name(s.kind) << "  " << s.rows << " rows  " << to_hex(s.root)
                          << "  " << s.source_file << "  " << s.created << "\n";
                const Json& record = s.import_record;
                if (record.is_object() && record.contains("accepted_codes"))
                    for (const auto& a : record["accepted_codes"])
                        std::cout << "    accepted code " << a.value("code", "") << ": "
                                  << a.value("reason", "") << "\n";
                if (record.is_object() && record.value("legacy_codes", 0) > 0)
                    std::cout << "    " << record.value("legacy_codes", 0)
                              << " legacy 15-digit registration numbers, flagged\n";
            }
            return {};
        });
    });
}

}  // namespace fairdraw::cli
