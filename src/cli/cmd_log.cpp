// fairdraw log show | checkpoint | verify | annotate | export | verify-export
#include <fstream>
#include <iostream>
#include <iterator>

#include "cli.h"
#include "fairdraw/log.h"

namespace fairdraw::cli {
namespace {

std::string b64(const Hash& h) {
    return to_base64(ByteView(h));
}

void print_entry(const tlog::Entry& entry) {
    auto parsed = parse_json(entry.data, "entry");
    if (!parsed || !parsed->is_object()) {
        std::cout << entry.index << "  " << entry.data << "\n";
        return;
    }
    const Json& e = *parsed;
    auto payload = canonical_json(e.value("payload", Json::object()));
    std::cout << entry.index << "  " << e.value("time", "") << "  " << e.value("actor", "") << "  "
              << e.value("type", "") << "  " << (payload ? *payload : std::string("{}")) << "\n";
}

void add_show(CLI::App& log, Globals& globals) {
    struct Options {
        std::uint64_t from = 0;
        bool json = false;
    };
    auto o = std::make_shared<Options>();
    auto* cmd = log.add_subcommand("show", "List the log's entries (each re-hashed as it is read)")
                    ->footer(
                        "Example:\n  fairdraw log show --from 10\n  fairdraw log show --json > "
                        "entries.jsonl");
    cmd->add_option("--from", o->from, "First entry to list (0-based index; default 0)");
    cmd->add_flag("--json", o->json,
                  "One entry per line, exactly the canonical JSON that is hashed");
    cmd->callback([o, &globals] {
        globals.exit_code = run([&]() -> Status {
            FD_ASSIGN(auto ws, open_workspace(globals));
            return tlog::for_each_entry(ws, o->from, [&](const tlog::Entry& entry) -> Status {
                if (o->json)
                    std::cout << entry.data << "\n";
                else
                    print_entry(entry);
                return {};
            });
        });
    });
}

void add_checkpoint(CLI::App& log, Globals& globals) {
    auto json = std::make_shared<bool>(false);
    auto* cmd =
        log.add_subcommand("checkpoint", "Print the latest signed checkpoint (a C2SP signed note)")
            ->footer("Example:\n  fairdraw log checkpoint > checkpoint-2026-11-20.txt");
    cmd->add_flag("--json", *json, "Origin, size, root and the signed note as JSON");
    cmd->callback([json, &globals] {
        globals.exit_code = run([&]() -> Status {
            FD_ASSIGN(auto ws, open_workspace(globals));
            FD_ASSIGN(auto latest, tlog::latest_checkpoint(ws));
            if (*json) {
                const auto& cp = latest.checkpoint;
                std::cout << Json{{"origin", cp.origin},
                                  {"tree_size", cp.size},
                                  {"root_hash", b64(cp.root)},
                                  {"checkpoint", latest.note}}
                                 .dump(2)
                          << "\n";
            } else {
                std::cout << latest.note;
            }
            return {};
        });
    });
}

void add_verify(CLI::App& log, Globals& globals) {
    auto json = std::make_shared<bool>(false);
    auto* cmd =
        log.add_subcommand(
               "verify",
               "Re-hash every entry, rebuild the tree, check every signed checkpoint and the "
               "checkpoint file; exit 1 naming the first problem")
            ->footer("Example:\n  fairdraw log verify");
    cmd->add_flag("--json", *json, "Report as JSON");
    cmd->callback([json, &globals] {
        globals.exit_code = run([&]() -> Status {
            FD_ASSIGN(auto ws, open_workspace(globals));
            FD_ASSIGN(auto report, tlog::verify(ws));
            std::string file_state = "missing";
            if (report.checkpoint_file)
                file_state =
                    report.checkpoint_file->size == report.entries
                        ? "the same tree"
                        : "an older tree of size " + std::to_string(report.checkpoint_file->size) +
                              ", which the database extends (it is rewritten by the next change)";
            if (*json) {
                std::cout << Json{{"verified", true},
                                  {"entries", report.entries},
                                  {"checkpoints", report.checkpoints},
                                  {"tree_size", report.latest.size},
                                  {"root_hash", b64(report.latest.root)},
                                  {"checkpoint_file", file_state}}
                                 .dump(2)
                          << "\n";
            } else {
                std::cout << "log verified: " << report.entries << " entries, "
                          << report.checkpoints << " signed checkpoints, all consistent\n"
                          << "latest checkpoint: size " << report.latest.size << ", root "
                          << b64(report.latest.root) << "\n"
                          << "checkpoint file: " << file_state << "\n";
            }
            return {};
        });
    });
}

void add_annotate(CLI::App& log, Globals& globals) {
    auto text = std::make_shared<std::string>();
    auto* cmd =
        log.add_subcommand("annotate", "Record an operator's remark in the log")
            ->footer(
                "Example:\n  fairdraw log annotate \"draw postponed to 14:00: notary delayed\"");
    cmd->add_option("TEXT", *text, "The remark (UTF-8, at most 4096 bytes)")->required();
    cmd->callback([text, &globals] {
        globals.exit_code = run([&]() -> Status {
            FD_ASSIGN(auto ws, open_workspace(globals));
            FD_ASSIGN(std::uint64_t index, tlog::annotate(ws, *text));
            std::cout << "logged entry " << index << "\n";
            return {};
        });
    });
}

void add_export(CLI::App& log, Globals& globals) {
    auto dir = std::make_shared<std::string>();
    auto* cmd =
        log.add_subcommand(
               "export",
               "Write the log for offline verification: entries.jsonl, checkpoint, verifier.key")
            ->footer(
                "Example:\n  fairdraw log export log-2026-11-20\n  fairdraw log verify-export "
                "log-2026-11-20");
    cmd->add_option("DIR", *dir, "New (or empty) folder to write")->required();
    cmd->callback([dir, &globals] {
        globals.exit_code = run([&]() -> Status {
            FD_ASSIGN(auto ws, open_workspace(globals));
            FD_ASSIGN(auto exported, tlog::export_log(ws, *dir));
            std::cout << "exported " << exported.checkpoint.size
                      << " entries and the checkpoint signed over them to " << *dir << "\n";
            return {};
        });
    });
}

Result<std::string> read_argument_file(const std::string& file, const std::string& what) {
    std::ifstream in(file, std::ios::binary);
    if (!in) return Error::bad_input("cannot read " + what + " " + file);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

void add_verify_export(CLI::App& log, Globals& globals) {
    struct Options {
        std::string dir;
        std::string since;
        std::string key;
        bool json = false;
    };
    auto o = std::make_shared<Options>();
    auto* cmd =
        log.add_subcommand(
               "verify-export",
               "Verify an exported log offline, optionally against a checkpoint saved earlier")
            ->footer(
                "Example:\n  fairdraw log verify-export log-2026-11-20 --since "
                "checkpoint-2026-06-01.txt \\\n"
                "      --key 'fairdraw.example-district.gov.cn/log+1a2b3c4d+AU...'");
    cmd->add_option("DIR", o->dir, "Folder written by 'fairdraw log export'")->required();
    cmd->add_option("--since", o->since,
                    "A signed checkpoint of this log saved earlier: the export must extend it");
    cmd->add_option("--key", o->key,
                    "The verifier key you trust (the key text, or a file holding it)");
    cmd->add_flag("--json", o->json, "Report as JSON");
    cmd->callback([o, &globals] {
        globals.exit_code = run([&]() -> Status {
            std::optional<std::string> since;
            if (!o->since.empty()) {
                FD_ASSIGN(since, read_argument_file(o->since, "the saved checkpoint"));
            }
            std::optional<VerifierKey> trusted;
            if (!o->key.empty()) {
                std::string text = o->key;
                if (std::ifstream in(o->key, std::ios::binary); in) {
                    text.assign(std::istreambuf_iterator<char>(in), {});
                    if (!text.empty() && text.back() == '\n') text.pop_back();
                }
                auto key = parse_verifier_key(text);
                if (!key) return std::move(key).error().context("--key");
                trusted = *key;
            }
            FD_ASSIGN(auto report, tlog::verify_export(o->dir, since, trusted));
            if (o->json) {
                Json out{{"verified", true},
                         {"entries", report.entries},
                         {"tree_size", report.checkpoint.size},
                         {"root_hash", b64(report.checkpoint.root)},
                         {"verifier_key", report.key.text()}};
                if (report.since) out["consistent_with_size"] = report.since->size;
                std::cout << out.dump(2) << "\n";
            } else {
                std::cout << "export verified: " << report.entries << " entries, signed by "
                          << report.key.text() << "\n"
                          << "checkpoint: size " << report.checkpoint.size << ", root "
                          << b64(report.checkpoint.root) << "\n";
                if (report.since)
                    std::cout << "consistent with the saved checkpoint of size "
                              << report.since->size << "\n";
            }
            return {};
        });
    });
}

}  // namespace

void add_log_command(CLI::App& app, Globals& globals) {
    auto* log =
        app.add_subcommand("log", "The append-only signed log: show, verify, prove, export");
    log->require_subcommand(1);
    add_show(*log, globals);
    add_checkpoint(*log, globals);
    add_verify(*log, globals);
    add_log_proof_commands(*log, globals);
    add_annotate(*log, globals);
    add_export(*log, globals);
    add_verify_export(*log, globals);
}

}  // namespace fairdraw::cli
