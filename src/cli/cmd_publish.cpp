// fairdraw publish: write a draw's bundle, notice and drawn list (docs/SPEC.md §12).
#include <iostream>

#include "cli.h"
#include "fairdraw/bundle.h"

namespace fairdraw::cli {

void add_publish_command(CLI::App& app, Globals& globals) {
    struct Options {
        std::string draw, out;
        bool full = false, json = false;
    };
    auto o = std::make_shared<Options>();
    auto* cmd =
        app.add_subcommand("publish", "Write a draw's verifiable bundle with its notice (HTML), CSV and JSON")
            ->footer(
                "Examples:\n"
                "  fairdraw publish latest --out bundle/\n"
                "  fairdraw publish latest --full --out audit-bundle/\n"
                "\n"
                "The public bundle keeps the plan's confidential fields sealed and opens them only\n"
                "for the drawn entities; --full writes the rows in clear, for auditors. The bundle is\n"
                "verified before it is moved into place, and the publication is recorded in the log.\n"
                "An existing non-empty --out is refused unless it already holds this bundle.");
    cmd->add_option("DRAW", o->draw, "Which draw: announcement, result id or prefix, or latest")->required();
    cmd->add_option("--out", o->out, "The folder to write (new or empty)")->required();
    cmd->add_flag("--full", o->full, "Write canonical rows in clear (an auditor's bundle)");
    cmd->add_flag("--json", o->json, "Print the outcome as JSON");
    cmd->callback([o, &globals] {
        globals.exit_code = run([&]() -> Status {
            FD_ASSIGN(Workspace ws, open_workspace(globals));
            PublishRequest request{o->draw, o->out, o->full ? BundleKind::full : BundleKind::public_rows};
            FD_ASSIGN(PublishReport r, publish_bundle(ws, request));
            const std::string notice = (r.dir / "notice.html").string();
            if (o->json) {
                std::cout << Json{{"bundle", r.dir.string()},
                                  {"kind", std::string(bundle_kind_name(r.kind))},
                                  {"result", to_hex(r.result_id)},
                                  {"manifest_sha256", to_hex(r.manifest)},
                                  {"already_published", r.already_published},
                                  {"log_index", r.already_published ? Json(nullptr) : Json(r.log_index)},
                                  {"notice", notice}}
                                 .dump(2)
                          << "\n";
                return {};
            }
            if (r.already_published) {
                std::cout << r.dir.string() << " already holds this " << bundle_kind_name(r.kind)
                          << " bundle (manifest " << to_hex(r.manifest) << "); nothing written\n";
                return {};
            }
            std::cout << "published the " << bundle_kind_name(r.kind) << " bundle of draw "
                      << to_hex(r.result_id) << " to " << r.dir.string() << "\n"
                      << "  manifest SHA-256 " << to_hex(r.manifest) << " (log entry " << r.log_index
                      << ", draw.publish)\n"
                      << "  notice (公示): " << notice << "\n"
                      << "  drawn list: " << (r.dir / "drawn.csv").string() << ", "
                      << (r.dir / "drawn.json").string() << "\n"
                      << "  anyone can check it: fairdraw verify " << r.dir.string() << "\n";
            return {};
        });
    });
}

}  // namespace fairdraw::cli
