// fairdraw draw: reveal the values and draw once (docs/SPEC.md §7–§9);
// fairdraw result: show a recorded draw with its substitutions.
#include <iostream>

#include "cli.h"
#include "draw_output.h"

namespace fairdraw::cli {
namespace {

// "SOURCE=VALUE": SOURCE is the longest announced source name followed by '='
// (names may hold '='); otherwise the text before the first '='.
Result<std::vector<TypedValue>> split_values(const StoredAnnouncement& a,
                                             const std::vector<std::string>& given) {
    std::vector<TypedValue> out;
    for (const auto& text : given) {
        std::size_t best = 0;
        for (const auto& s : a.sources)
            if (s.name.size() > best && text.size() > s.name.size() &&
                text.compare(0, s.name.size(), s.name) == 0 && text[s.name.size()] == '=')
                best = s.name.size();
        if (best == 0) {
            best = text.find('=');
            if (best == std::string::npos || best == 0)
                return Error::bad_input("--value '" + text + "': expected SOURCE=VALUE",
                                        "e.g. --value '公证员 王某=384615'; nothing was recorded");
        }
        out.push_back(TypedValue{text.substr(0, best), text.substr(best + 1)});
    }
    return out;
}

Error impossible_error(const StoredDraw& d) {
    Error e = Error::bad_input("no draw is possible for announcement " + to_hex(d.announcement) +
                               " (recorded in log entry " + std::to_string(d.log_index) + ")");
    const Json record = Json::parse(d.document, nullptr, false);
    if (record.is_object() && record.contains("message") && record["message"].is_string())
        e.message += ": " + record["message"].get<std::string>();
    if (record.is_object() && record.contains("problems") && record["problems"].is_array())
        for (const auto& p : record["problems"]) {
            Problem problem;
            problem.field = p.value("field", "");
            problem.message = p.value("message", "");
            problem.expected = p.value("expected", "");
            problem.found = p.value("found", "");
            problem.hint = p.value("hint", "");
            e.details.push_back(std::move(problem));
        }
    e.hint = "nothing was drawn; a new draw needs a new announcement (with --reason) of a plan "
             "that can be drawn";
    return e;
}

Status print_result(Workspace& ws, const StoredAnnouncement& a, const StoredDraw& d,
                    const DrawLabels& labels) {
    std::optional<DrawResult> parsed;
    if (!d.result) {
        FD_ASSIGN(parsed, parse_draw_result(d.document));
    }
    const DrawResult& result = d.result ? *d.result : *parsed;
    FD_ASSIGN(auto subs, substitutions_of(ws, *d.result_id));
    std::vector<std::string> missing;
    for (const auto& s : subs)
        if (s.parsed.replacement && !labels.entities.count(s.parsed.replacement->code))
            missing.push_back(s.parsed.replacement->code);
    DrawLabels all = labels;
    if (!missing.empty()) {
        FD_ASSIGN(DrawLabels more, draw_labels(ws, a, missing));
        all.entities.merge(more.entities);
    }
    std::cout << draw_text(a, d, result, all, subs);
    return {};
}

void add_draw(CLI::App& app, Globals& globals) {
    struct Options {
        std::string ref;
        std::vector<std::string> values;
        bool json = false;
    };
    auto o = std::make_shared<Options>();
    auto* cmd =
        app.add_subcommand("draw", "Reveal the announced sources' values and draw (once per announcement)")
            ->footer(
                "Example:\n"
                "  fairdraw draw latest --value '福彩3D 第2026320期=3 5 8' \\\n"
                "      --value '公证员 王某=384615' --value '企业代表 李某=007912' \\\n"
                "      --value \"操作员=$(fairdraw secret link operator.secret --round 0)\"\n"
                "\n"
                "Every announced source needs exactly one --value. The draw is refused before the\n"
                "announced not-before time and when a value does not match its source; a refused\n"
                "attempt is recorded in the log. The same values again show the recorded result;\n"
                "other values are refused: an announcement is drawn once.");
    cmd->add_option("ANNOUNCEMENT", o->ref,
                    "The announcement: id, prefix of at least 8 hex digits, latest, or its JSON file")
        ->required();
    cmd->add_option("--value", o->values, "SOURCE=VALUE for each announced source (repeatable)")
        ->allow_extra_args(false)
        ->type_name("SOURCE=VALUE");
    cmd->add_flag("--json", o->json, "Print the draw result document (canonical JSON)");
    cmd->callback([o, &globals] {
        globals.exit_code = run([&]() -> Status {
            FD_ASSIGN(Workspace ws, open_workspace(globals));
            FD_ASSIGN(StoredAnnouncement a, find_announcement(ws, o->ref));
            FD_ASSIGN(auto typed, split_values(a, o->values));
            DrawLabels labels;
            FD_ASSIGN(StoredDraw d, perform_draw(ws, a, typed, o->json ? nullptr : &labels));
            if (d.outcome == DrawOutcome::impossible) {
                if (o->json) std::cout << d.document << "\n";
                return impossible_error(d);
            }
            if (d.recorded_before)
                std::cerr << "fairdraw: note: this announcement was drawn before with the same "
                             "values (log entry "
                          << d.log_index << "); showing the recorded result, nothing changed\n";
            if (o->json) {
                std::cout << d.document << "\n";
                return {};
            }
            return print_result(ws, a, d, labels);
        });
    });
}

void add_result(CLI::App& app, Globals& globals) {
    struct Options {
        std::string ref;
        bool json = false;
    };
    auto o = std::make_shared<Options>();
    auto* cmd = app.add_subcommand("result", "Show a recorded draw, its substitutions and the current teams")
                    ->footer(
                        "Examples:\n"
                        "  fairdraw result latest\n"
                        "  fairdraw result 9c1e5f0a --json\n"
                        "\n"
                        "DRAW is its announcement (as for 'fairdraw draw'), its result id or a prefix\n"
                        "of at least 8 hex digits, or 'latest'. Nothing is written.");
    cmd->add_option("DRAW", o->ref, "Which draw")->required();
    cmd->add_flag("--json", o->json,
                  "Print the result document, the substitution records and the current teams");
    cmd->callback([o, &globals] {
        globals.exit_code = run([&]() -> Status {
            FD_ASSIGN(Workspace ws, open_workspace(globals));
            FD_ASSIGN(StoredDraw d, find_draw(ws, o->ref));
            if (d.outcome == DrawOutcome::impossible) {
                if (o->json) std::cout << d.document << "\n";
                return impossible_error(d);
            }
            FD_ASSIGN(StoredAnnouncement a, find_announcement(ws, to_hex(d.announcement)));
            if (o->json) {
                FD_ASSIGN(auto subs, substitutions_of(ws, *d.result_id));
                FD_ASSIGN(auto teams, current_teams(ws, d));
                Json records = Json::array();
                for (const auto& s : subs) records.push_back(Json::parse(s.record));
                Json current = Json::array();
                for (const auto& t : teams) current.push_back(Json::array({t.code, t.inspectors}));
                std::cout << Json{{"announcement", to_hex(d.announcement)},
                                  {"result_id", to_hex(*d.result_id)},
                                  {"log_index", d.log_index},
                                  {"result", Json::parse(d.document)},
                                  {"substitutions", records},
                                  {"teams", current}}
                                 .dump(2)
                          << "\n";
                return {};
            }
            FD_ASSIGN(DrawResult result, parse_draw_result(d.document));
            std::vector<std::string> codes;
            for (const auto& e : result.selected) codes.push_back(e.code);
            FD_ASSIGN(auto subs, substitutions_of(ws, *d.result_id));
            for (const auto& s : subs)
                if (s.parsed.replacement) codes.push_back(s.parsed.replacement->code);
            FD_ASSIGN(DrawLabels labels, draw_labels(ws, a, codes));
            std::cout << draw_text(a, d, result, labels, subs);
            return {};
        });
    });
}

}  // namespace

void add_draw_commands(CLI::App& app, Globals& globals) {
    add_draw(app, globals);
    add_result(app, globals);
}

}  // namespace fairdraw::cli
