#include <iostream>

#include "cli.h"
#include "progress.h"
#include "snapshot_output.h"

namespace fairdraw::cli {
namespace {

struct ImportArgs {
    std::string kind;
    std::string file;
    std::vector<std::string> maps;
    std::vector<std::string> drops;
    std::vector<std::string> accepts;
    std::string encoding;
    std::size_t max_errors = 100;
    bool json = false;
};

// "COLUMN=field": split at the last '=' (field names have none); "CODE=REASON": at the first.
Result<std::pair<std::string, std::string>> split_pair(const std::string& text,
                                                       const std::string& option, bool at_last) {
    const auto pos = at_last ? text.rfind('=') : text.find('=');
    if (pos == std::string::npos || pos == 0 || pos + 1 == text.size())
        return Error::bad_input(
            option + " '" + text + "': expected " + (at_last ? "COLUMN=field" : "CODE=REASON"),
            at_last ? "e.g. --map '纳税人识别号=code'"
                    : "e.g. --accept '91350100M000100Y4Z=code on the 2015 licence, confirmed by "
                      "phone'");
    return std::make_pair(text.substr(0, pos), text.substr(pos + 1));
}

Result<ImportOptions> build_options(const ImportArgs& args) {
    ImportOptions options;
    for (const auto& m : args.maps) {
        FD_ASSIGN(auto pair, split_pair(m, "--map", true));
        options.directory.maps.push_back(ColumnMap{pair.first, pair.second});
    }
    options.directory.drops = args.drops;
    for (const auto& a : args.accepts) {
        FD_ASSIGN(auto pair, split_pair(a, "--accept", false));
        options.directory.accepted.push_back(
            AcceptedCode{std::string(trim_value(pair.first)), pair.second});
    }
    if (!args.encoding.empty()) {
        options.encoding = parse_encoding_name(args.encoding);
        if (!options.encoding)
            return Error::bad_input(
                "--encoding " + args.encoding + ": not an encoding fairdraw reads",
                "use utf-8, gb18030 or gbk");
    }
    if (args.max_errors == 0) return Error::bad_input("--max-errors must be at least 1");
    options.max_errors = args.max_errors;
    return options;
}

}  // namespace

void add_import_command(CLI::App& app, Globals& globals) {
    auto args = std::make_shared<ImportArgs>();
    auto* cmd =
        app.add_subcommand("import", "Import a directory (CSV or JSON) as an immutable snapshot")
            ->footer(
                "Examples:\n"
                "  fairdraw import enterprises 市场主体名录.csv\n"
                "  fairdraw import inspectors staff.csv --drop 身份证号 --drop 手机号\n"
                "  fairdraw import enterprises list.csv --map '纳税人识别号=code' \\\n"
                "      --accept '91350100M000100Y4Z=matches the paper licence, checked "
                "2026-11-02'\n"
                "\n"
                "KIND is enterprises, inspectors or conflicts. Column names are matched to fields "
                "by the\n"
                "names in docs/SPEC.md §3; other columns are kept under \"extra\". Importing the "
                "same\n"
                "content again (any row order, encoding or line ending) changes nothing.");
    cmd->add_option("KIND", args->kind, "enterprises, inspectors or conflicts")
        ->required()
        ->check(CLI::IsMember({"enterprises", "inspectors", "conflicts"}));
    cmd->add_option("FILE", args->file, "The CSV (UTF-8, GBK/GB18030) or .json file")->required();
    cmd->add_option("--map", args->maps, "Read COLUMN as FIELD: --map 'COLUMN=field' (repeatable)")
        ->allow_extra_args(false);
    cmd->add_option("--drop", args->drops,
                    "Leave COLUMN out of the snapshot (repeatable; recorded in the log)")
        ->allow_extra_args(false);
    cmd->add_option("--accept", args->accepts,
                    "Take a credit code that fails its check as it is: --accept 'CODE=REASON' "
                    "(repeatable; logged)")
        ->allow_extra_args(false);
    cmd->add_option("--encoding", args->encoding,
                    "The file's encoding: utf-8, gb18030 or gbk (default: detect)");
    cmd->add_option("--max-errors", args->max_errors,
                    "Problems shown in full before the rest are only counted")
        ->capture_default_str();
    cmd->add_flag("--json", args->json, "Print the import summary as JSON");
    cmd->callback([args, &globals] {
        globals.exit_code = run([&]() -> Status {
            FD_ASSIGN(ImportOptions options, build_options(*args));
            FD_ASSIGN(Workspace ws, open_workspace(globals));
            ProgressLine progress;
            options.progress = [&progress](const ImportProgress& p) { progress.update(p); };
            auto report = import_directory(ws, *parse_kind(args->kind), args->file, options);
            progress.clear();
            if (!report) return std::move(report).error();
            if (args->json)
                std::cout << import_report_json(*report).dump(2) << "\n";
            else
                std::cout << import_report_text(*report);
            return {};
        });
    });
}

}  // namespace fairdraw::cli
