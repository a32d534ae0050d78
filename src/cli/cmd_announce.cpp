// fairdraw announce: commit to a plan, snapshots and randomness sources (docs/SPEC.md §6);
// fairdraw announcement: show one again, or write its files.
#include <iostream>

#include "cli.h"
#include "snapshot_options.h"

namespace fairdraw::cli {
namespace {

struct AnnounceOptions {
    std::string plan;
    SnapshotRefs refs;
    std::vector<std::string> sources;
    std::string sources_file;
    std::string not_before;
    std::string reason;
    bool reason_given = false;
    std::string out;
    bool json = false;
};

// The sources of --sources FILE, then of each --source, each checked where it was given.
Result<Json> collect_sources(const AnnounceOptions& o) {
    Json all = Json::array();
    std::vector<Problem> problems;
    auto take = [&](const Json& list, const std::string& where, const std::string& path) {
        auto checked = parse_sources(list, where, path);
        if (!checked) {
            for (const auto& p : checked.error().details) problems.push_back(p);
            if (checked.error().details.empty()) {
                Problem p;
                p.file = where;
                p.message = checked.error().message;
                problems.push_back(std::move(p));
            }
        }
        for (const auto& s : list) all.push_back(s);
    };
    if (!o.sources_file.empty()) {
        FD_ASSIGN(std::string text, read_input_file(o.sources_file, "sources"));
        FD_ASSIGN(Json list, parse_json(text, o.sources_file));
        if (!list.is_array())
            return Error::bad_input(o.sources_file + ": expected a JSON list of sources",
                                    "see docs/SPEC.md §6 for the source form");
        take(list, o.sources_file, "sources");
    }
    for (const auto& spec : o.sources) {
        FD_ASSIGN(Json source, parse_source_spec(spec));
        take(Json::array({source}), "--source '" + spec + "'", "source");
    }
    if (!problems.empty()) {
        const std::size_t n = problems.size();
        return Error::problems("the randomness sources: " + std::to_string(n) +
                                   (n == 1 ? " problem" : " problems"),
                               std::move(problems));
    }
    if (all.empty())
        return Error::bad_input("no randomness source given",
                                "give at least one --source, e.g. --source 'witness:公证员:digits=6'");
    return all;
}

std::filesystem::path output_dir(const Workspace& ws, const std::string& out) {
    return out.empty() ? ws.dir() / "announcements" : std::filesystem::path(out);
}

Json files_json(const std::vector<std::filesystem::path>& files) {
    Json out = Json::array();
    for (const auto& f : files) out.push_back(f.string());
    return out;
}

void add_announce(CLI::App& app, Globals& globals) {
    auto o = std::make_shared<AnnounceOptions>();
    auto* cmd =
        app.add_subcommand("announce",
                           "Announce a draw: fix the plan, the snapshots and the randomness "
                           "sources before any of the randomness exists")
            ->footer(
                "Example:\n"
                "  fairdraw announce lists/sample/plan.json --enterprises latest --inspectors latest \\\n"
                "      --conflicts latest --not-before 2026-12-01T21:30:00+08:00 \\\n"
                "      --source 'numbers:福彩3D 第2026320期:count=3:min=0:max=9:expected=2026-12-01T21:15:00+08:00' \\\n"
                "      --source 'witness:公证员 王某:digits=6' --source 'witness:企业代表 李某:digits=6' \\\n"
                "      --source \"secret:操作员:sha256=$(cat commitment.txt):chain=5\"\n"
                "\n"
                "Source kinds: numbers (a lottery draw: count, min, max), text (a published value),\n"
                "hex (a beacon output: bytes), witness (digits typed by a person present),\n"
                "secret (an operator secret committed by its SHA-256, optionally a hash chain; make\n"
                "one with 'fairdraw secret new'). Every source may have description= and\n"
                "expected= (when its value is published; it must be after the announcement and\n"
                "not after --not-before). Writes announcement-<id>.json and .txt into --out.");
    cmd->add_option("PLAN", o->plan, "The plan file (JSON, docs/SPEC.md §5)")->required();
    add_snapshot_options(cmd, o->refs);
    cmd->add_option("--source", o->sources, "A randomness source: 'KIND:NAME[:key=value...]' (repeatable, in order)")
        ->allow_extra_args(false)
        ->type_name("SPEC");
    cmd->add_option("--sources", o->sources_file, "A JSON file with a list of sources in the form of docs/SPEC.md §6 (before any --source)")
        ->type_name("FILE");
    cmd->add_option("--not-before", o->not_before,
                    "Earliest time of the draw: RFC 3339 with an offset, e.g. "
                    "2026-12-01T21:30:00+08:00, or 'now'")
        ->required()
        ->type_name("TIME");
    cmd->add_option("--reason", o->reason, "Why this announcement is made (required to announce a plan again)")
        ->type_name("TEXT")
        ->each([o](const std::string&) { o->reason_given = true; });
    cmd->add_option("--out", o->out, "Folder for the announcement files (default: WORKSPACE/announcements)")
        ->type_name("DIR");
    cmd->add_flag("--json", o->json, "Print the announcement as JSON");
    cmd->callback([o, &globals] {
        globals.exit_code = run([&]() -> Status {
            AnnounceRequest request;
            request.plan_source = o->plan;
            FD_ASSIGN(request.plan_text, read_input_file(o->plan, "plan"));
            request.snapshots = o->refs;
            FD_ASSIGN(request.sources, collect_sources(*o));
            request.not_before = o->not_before;
            if (o->reason_given) request.reason = o->reason;
            FD_ASSIGN(Workspace ws, open_workspace(globals));
            FD_ASSIGN(AnnounceReport report, announce(ws, request));
            const StoredAnnouncement& a = report.announcement;
            auto files = write_announcement_files(a, output_dir(ws, o->out));
            if (!files)
                return Error::environment(
                    "announcement " + to_hex(a.id) + " is recorded (log entry " +
                        std::to_string(a.log_index) + "), but its files could not be written: " +
                        files.error().message,
                    "write them with 'fairdraw announcement " + to_hex(a.id).substr(0, 16) +
                        " --out DIR'");
            report_warnings(report.check.warnings);
            report_warnings(report.warnings);
            if (o->json) {
                std::cout << Json{{"announcement", to_hex(a.id)},
                                  {"log_index", a.log_index},
                                  {"files", files_json(*files)},
                                  {"document", Json::parse(a.document)}}
                                 .dump(2)
                          << "\n";
            } else {
                std::cout << announcement_text(a) << "\nRecorded in log entry " << a.log_index
                          << ". Publish these files before the draw:\n";
                for (const auto& f : *files) std::cout << "  " << f.string() << "\n";
            }
            return {};
        });
    });
}

void add_show(CLI::App& app, Globals& globals) {
    struct Options {
        std::string ref;
        std::string out;
        bool json = false;
    };
    auto o = std::make_shared<Options>();
    auto* cmd = app.add_subcommand("announcement", "Show an announcement again, or write its files")
                    ->footer(
                        "Examples:\n"
                        "  fairdraw announcement latest\n"
                        "  fairdraw announcement 3f2a9c1e --out /srv/www/notices\n"
                        "  fairdraw announcement latest --json > announcement.json\n"
                        "\n"
                        "ANNOUNCEMENT is an id, a prefix of at least 8 hex digits, 'latest', or the\n"
                        "path of an announcement JSON file. --json prints the canonical document\n"
                        "exactly: its SHA-256 is the announcement id.");
    cmd->add_option("ANNOUNCEMENT", o->ref, "Which announcement")->required();
    cmd->add_option("--out", o->out, "Also write announcement-<id>.json and .txt into DIR")
        ->type_name("DIR");
    cmd->add_flag("--json", o->json, "Print the canonical announcement document");
    cmd->callback([o, &globals] {
        globals.exit_code = run([&]() -> Status {
            FD_ASSIGN(Workspace ws, open_workspace(globals));
            FD_ASSIGN(StoredAnnouncement a, find_announcement(ws, o->ref));
            if (!o->out.empty()) {
                FD_ASSIGN(auto files, write_announcement_files(a, o->out));
                for (const auto& f : files) std::cerr << "fairdraw: wrote " << f.string() << "\n";
            }
            if (o->json)
                std::cout << a.document;
            else
                std::cout << announcement_text(a);
            return {};
        });
    });
}

}  // namespace

void add_announce_commands(CLI::App& app, Globals& globals) {
    add_announce(app, globals);
    add_show(app, globals);
}

}  // namespace fairdraw::cli
