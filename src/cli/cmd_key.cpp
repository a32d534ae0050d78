// fairdraw key show
#include <iostream>

#include "cli.h"
#include "fairdraw/log.h"

namespace fairdraw::cli {

void add_key_command(CLI::App& app, Globals& globals) {
    auto* key = app.add_subcommand("key", "The log's signing key");
    key->require_subcommand(1);
    auto json = std::make_shared<bool>(false);
    auto* show =
        key->add_subcommand(
               "show", "Print the verifier key (C2SP note format) that checks the log's signatures")
            ->footer("Example:\n  fairdraw key show > verifier.key");
    show->add_flag("--json", *json, "Name, key ID, public key and verifier key as JSON");
    show->callback([json, &globals] {
        globals.exit_code = run([&]() -> Status {
            FD_ASSIGN(auto ws, open_workspace(globals));
            FD_ASSIGN(VerifierKey vkey, tlog::verifier_key(ws));
            if (*json)
                std::cout << Json{{"name", vkey.name},
                                  {"key_id", vkey.id_hex()},
                                  {"algorithm", "Ed25519"},
                                  {"public_key", to_base64(ByteView(vkey.public_key))},
                                  {"verifier_key", vkey.text()}}
                                 .dump(2)
                          << "\n";
            else
                std::cout << vkey.text() << "\n";
            return {};
        });
    });
}

}  // namespace fairdraw::cli
