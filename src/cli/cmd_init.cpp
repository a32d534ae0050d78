#include <openssl/crypto.h>

#include <iostream>

#include "cli.h"
#include "fairdraw/log.h"

namespace fairdraw::cli {

void add_init_command(CLI::App& app, Globals& globals) {
    struct Options {
        std::string dir = ".";
        std::string origin;
    };
    auto options = std::make_shared<Options>();
    auto* cmd = app.add_subcommand("init", "Create a workspace: database, signing key and log")
                    ->footer("Example:\n  fairdraw init district-2026 --origin fairdraw.example-district.gov.cn/log");
    cmd->add_option("DIR", options->dir, "Folder for the workspace (created if missing; default: current folder)");
    cmd->add_option("--origin", options->origin,
                    "The log's name, written on every signed checkpoint (e.g. fairdraw.example-district.gov.cn/log); "
                    "without it a placeholder local.fairdraw.invalid/<random> is used");
    cmd->callback([options, &globals] {
        globals.exit_code = run([&]() -> Status {
            FD_ASSIGN(std::string passphrase, read_passphrase(globals));
            auto created = Workspace::init(options->dir, InitOptions{options->origin, passphrase, resolve_actor(globals)});
            OPENSSL_cleanse(passphrase.data(), passphrase.size());
            if (!created) return std::move(created).error();
            Workspace ws = std::move(created).value();
            FD_ASSIGN(VerifierKey key, tlog::verifier_key(ws));
            std::cout << "created workspace " << ws.dir().string() << " (schema " << ws.schema_version() << ")\n"
                      << "log origin:   " << key.name << "\n"
                      << "verifier key: " << key.text() << "\n";
            if (options->origin.empty())
                std::cerr << "fairdraw: hint: the log has a placeholder origin; for a log you publish, create the "
                             "workspace with --origin NAME (e.g. fairdraw.example-district.gov.cn/log)\n";
            return {};
        });
    });
}

}  // namespace fairdraw::cli
