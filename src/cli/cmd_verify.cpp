// fairdraw verify: check a published bundle without a workspace;
// fairdraw check: one enterprise's questions about it (docs/SPEC.md §12.5, §12.6).
#include <iostream>

#include "cli.h"
#include "fairdraw/bundle.h"

namespace fairdraw::cli {
namespace {

void add_verify(CLI::App& app, Globals& globals) {
    struct Options {
        std::string dir, key, since;
        bool json = false;
    };
    auto o = std::make_shared<Options>();
    auto* cmd = app.add_subcommand("verify", "Check a published bundle (no workspace needed)")
                    ->footer(
                        "Examples:\n"
                        "  fairdraw verify bundle/\n"
                        "  fairdraw verify bundle/ --key verifier.key --since saved-checkpoint\n"
                        "\n"
                        "Prints each check and its outcome, one line each. Exit code 0: every check\n"
                        "passed; 1: a check failed (the line says which file and item differ); 2: the\n"
                        "bundle cannot be read, or a usage error.");
    cmd->add_option("BUNDLE", o->dir, "The bundle folder")->required();
    cmd->add_option("--key", o->key, "The log's verifier key, as text or a file holding it");
    cmd->add_option("--since", o->since, "A checkpoint of the log saved earlier: check the bundle extends it");
    cmd->add_flag("--json", o->json, "Print the checks as JSON");
    cmd->callback([o, &globals] {
        globals.exit_code = run([&]() -> Status {
            VerifyRequest request;
            if (!o->key.empty()) request.key = o->key;
            if (!o->since.empty()) request.since = o->since;
            FD_ASSIGN(BundleVerification report, verify_bundle(o->dir, request));
            if (o->json)
                std::cout << verification_json(report).dump(2) << "\n";
            else
                std::cout << verification_text(report);
            if (!report.ok()) return Error::verification_failed("the bundle " + o->dir + " does not verify");
            return {};
        });
    });
}

void add_check(CLI::App& app, Globals& globals) {
    struct Options {
        std::string dir, code;
        bool json = false;
    };
    auto o = std::make_shared<Options>();
    auto* cmd = app.add_subcommand("check", "Answer one enterprise's questions from a published bundle")
                    ->footer(
                        "Example:\n"
                        "  fairdraw check bundle/ --entity 91330106MA2xxxxxxx\n"
                        "\n"
                        "Verifies the bundle, then says whether the enterprise is in the snapshot (with\n"
                        "its inclusion proof), in the population, its stratum and ticket, whether it was\n"
                        "drawn, its team and the substitutions concerning it.");
    cmd->add_option("BUNDLE", o->dir, "The bundle folder")->required();
    cmd->add_option("--entity", o->code, "The enterprise's unified social credit code")->required();
    cmd->add_flag("--json", o->json, "Print the answers as JSON");
    cmd->callback([o, &globals] {
        globals.exit_code = run([&]() -> Status {
            FD_ASSIGN(EntityCheck c, check_entity(o->dir, o->code));
            if (o->json)
                std::cout << entity_check_json(c).dump(2) << "\n";
            else
                std::cout << entity_check_text(c);
            return {};
        });
    });
}

}  // namespace

void add_verify_commands(CLI::App& app, Globals& globals) {
    add_verify(app, globals);
    add_check(app, globals);
}

}  // namespace fairdraw::cli
