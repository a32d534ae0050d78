// fairdraw plan check: what the directories say about a plan, before any randomness exists.
#include <iostream>

#include "cli.h"
#include "draw_output.h"
#include "snapshot_options.h"

namespace fairdraw::cli {

void add_plan_command(CLI::App& app, Globals& globals) {
    auto* plan = app.add_subcommand("plan", "Work with inspection plans (抽查任务)");
    plan->require_subcommand(1);
    struct Options {
        std::string file;
        SnapshotRefs refs;
        bool json = false;
    };
    auto o = std::make_shared<Options>();
    auto* cmd =
        plan->add_subcommand("check",
                             "Check a plan against the snapshots before announcing it: pool, "
                             "counts, eligible inspectors, and why a draw would be impossible")
            ->footer(
                "Example:\n"
                "  fairdraw plan check lists/sample/plan.json --enterprises latest \\\n"
                "      --inspectors latest --conflicts latest\n"
                "\n"
                "Nothing is written. Exit 0: the plan can be drawn; 2: it cannot (the errors say\n"
                "which entities or departments cause it and why), or the plan file is invalid.");
    cmd->add_option("PLAN", o->file, "The plan file (JSON, docs/SPEC.md §5)")->required();
    add_snapshot_options(cmd, o->refs);
    cmd->add_flag("--json", o->json, "Print the check as JSON");
    cmd->callback([o, &globals] {
        globals.exit_code = run([&]() -> Status {
            FD_ASSIGN(std::string text, read_input_file(o->file, "plan"));
            FD_ASSIGN(Workspace ws, open_workspace(globals));
            FD_ASSIGN(PlanReport report, check_plan_in_workspace(ws, text, o->file, o->refs));
            if (o->json)
                std::cout << plan_report_json(report).dump(2) << "\n";
            else
                std::cout << plan_report_text(report, o->file);
            if (!report.check.ok())
                return Error::bad_input("the plan cannot be drawn from these directories: " +
                                            std::to_string(report.check.errors.size()) +
                                            (report.check.errors.size() == 1 ? " problem" : " problems"),
                                        "change the plan or the directories; nothing was written");
            return {};
        });
    });
}

}  // namespace fairdraw::cli
