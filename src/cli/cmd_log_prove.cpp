// fairdraw log prove-inclusion | prove-consistency
#include <iostream>

#include "cli.h"
#include "fairdraw/log.h"

namespace fairdraw::cli {

void add_log_proof_commands(CLI::App& log, Globals& globals) {
    struct Inclusion {
        std::uint64_t index = 0;
        std::uint64_t size = 0;
        bool json = false;
    };
    auto inc = std::make_shared<Inclusion>();
    auto* prove =
        log.add_subcommand("prove-inclusion",
                           "Prove that entry N is in a signed tree (text: a c2sp.org/tlog-proof)")
            ->footer(
                "Example:\n  fairdraw log prove-inclusion 7 > entry-7.tlog-proof\n"
                "  fairdraw log prove-inclusion 7 --size 9 --json");
    prove->add_option("N", inc->index, "Entry index (0-based)")->required();
    auto* size_option = prove->add_option("--size", inc->size,
                                          "A signed tree size (default: the latest checkpoint)");
    prove->add_flag("--json", inc->json, "The proof as JSON");
    prove->callback([inc, size_option, &globals] {
        globals.exit_code = run([&]() -> Status {
            FD_ASSIGN(auto ws, open_workspace(globals));
            std::optional<std::uint64_t> size;
            if (size_option->count() > 0) size = inc->size;
            std::uint64_t indices[] = {inc->index};
            FD_ASSIGN(auto proofs, tlog::prove_inclusion(ws, indices, size));
            if (inc->json)
                std::cout << tlog::inclusion_proof_json(proofs.front()).dump(2) << "\n";
            else
                std::cout << tlog::tlog_proof_text(proofs.front());
            return {};
        });
    });

    struct Consistency {
        std::uint64_t old_size = 0;
        std::uint64_t new_size = 0;
        bool json = false;
    };
    auto con = std::make_shared<Consistency>();
    auto* consistent =
        log.add_subcommand("prove-consistency",
                           "Prove that the signed tree of size NEW extends the one of size OLD")
            ->footer("Example:\n  fairdraw log prove-consistency 5 12 --json");
    consistent->add_option("OLD", con->old_size, "An earlier signed tree size")->required();
    consistent->add_option("NEW", con->new_size, "A later signed tree size")->required();
    consistent->add_flag("--json", con->json, "The proof and both signed checkpoints as JSON");
    consistent->callback([con, &globals] {
        globals.exit_code = run([&]() -> Status {
            FD_ASSIGN(auto ws, open_workspace(globals));
            FD_ASSIGN(auto proof, tlog::prove_consistency(ws, con->old_size, con->new_size));
            if (con->json)
                std::cout << tlog::consistency_proof_json(proof).dump(2) << "\n";
            else
                std::cout << tlog::consistency_proof_text(proof);
            return {};
        });
    });
}

}  // namespace fairdraw::cli
