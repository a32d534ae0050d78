// fairdraw secret new | link: the operator's committed secret and its hash chain
// (docs/SPEC.md §6, §10), so that nobody computes hashes by hand.
#include <iostream>

#include "cli.h"
#include "fairdraw/secret_file.h"

namespace fairdraw::cli {
namespace {

void add_new(CLI::App& secret, Globals& globals) {
    struct Options {
        std::string chain = "1";
        std::string name = "操作员";
        std::string out;
    };
    auto o = std::make_shared<Options>();
    auto* cmd =
        secret.add_subcommand("new", "Create a random secret in an owner-only file and print its commitment")
            ->footer(
                "Example:\n"
                "  fairdraw secret new --chain 5 --out operator.secret\n"
                "\n"
                "Prints the commitment H^n(secret) and the --source argument for 'fairdraw\n"
                "announce'. Keep the file private until the draw; it is never overwritten. With\n"
                "--chain N, substitutions 1 to N-1 each reveal one more link of the chain.");
    cmd->add_option("--chain", o->chain, "Links of the hash chain (1 to 1000; default 1)")->type_name("N");
    cmd->add_option("--name", o->name, "The source's name in the announcement (default 操作员)")
        ->type_name("NAME");
    cmd->add_option("--out", o->out, "The secret file to create")->required()->type_name("FILE");
    cmd->callback([o, &globals] {
        globals.exit_code = run([&]() -> Status {
            FD_ASSIGN(std::int64_t chain, parse_whole_number(o->chain, "--chain", 1, k_max_chain));
            if (o->name.empty() || o->name.find(':') != std::string::npos)
                return Error::bad_input("--name must be non-empty and hold no ':'");
            FD_ASSIGN(SecretFile file, SecretFile::generate(chain));
            FD_TRY(file.save(o->out));
            const std::string commitment = to_hex(file.commitment());
            std::cout << "secret file  " << o->out << " (owner-only; keep it private until the draw)\n"
                      << "chain        " << chain << (chain == 1 ? " link" : " links") << "\n"
                      << "commitment   " << commitment << "\n"
                      << "announce with:\n  --source 'secret:" << o->name << ":sha256=" << commitment;
            if (chain > 1) std::cout << ":chain=" << chain;
            std::cout << "'\nat the draw: --value \"" << o->name << "=$(fairdraw secret link " << o->out
                      << " --round 0)\"\n";
            return {};
        });
    });
}

void add_link(CLI::App& secret, Globals& globals) {
    struct Options {
        std::string file;
        std::string round;
    };
    auto o = std::make_shared<Options>();
    auto* cmd = secret.add_subcommand("link", "Print the value to reveal: at the draw (round 0) or in substitution round K")
                    ->footer(
                        "Examples:\n"
                        "  fairdraw secret link operator.secret --round 0    # the draw's value\n"
                        "  fairdraw secret link operator.secret --round 1    # substitution 1's --link\n"
                        "\n"
                        "Prints only the hex value and a newline, for use in $(…).");
    cmd->add_option("FILE", o->file, "The secret file from 'fairdraw secret new'")->required();
    cmd->add_option("--round", o->round, "0 for the draw, K for substitution K")
        ->required()
        ->type_name("K");
    cmd->callback([o, &globals] {
        globals.exit_code = run([&]() -> Status {
            FD_ASSIGN(std::int64_t round, parse_whole_number(o->round, "--round", 0, k_max_chain));
            FD_ASSIGN(SecretFile file, SecretFile::load(o->file));
            FD_ASSIGN(Bytes link, file.link(round));
            std::cout << to_hex(link) << "\n";
            return {};
        });
    });
}

}  // namespace

void add_secret_command(CLI::App& app, Globals& globals) {
    auto* secret = app.add_subcommand("secret", "The operator's committed secret and its hash chain");
    secret->require_subcommand(1);
    add_new(*secret, globals);
    add_link(*secret, globals);
}

}  // namespace fairdraw::cli
