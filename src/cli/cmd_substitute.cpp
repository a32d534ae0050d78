// fairdraw substitute: replace an inspector or an entity by the next candidate
// in the seeded order (docs/SPEC.md §10). The operator never chooses.
#include <iostream>

#include "cli.h"
#include "draw_output.h"

namespace fairdraw::cli {

void add_substitute_command(CLI::App& app, Globals& globals) {
    struct Options {
        std::string ref, inspector, team, entity, reason, link;
        bool json = false;
    };
    auto o = std::make_shared<Options>();
    auto* cmd =
        app.add_subcommand("substitute",
                           "Replace a recused, absent or invalid inspector, or a deregistered "
                           "entity, by the next eligible candidate in the seeded order")
            ->footer(
                "Examples:\n"
                "  fairdraw substitute latest --inspector RS0012 --team 913301067XXXXXXXXX \\\n"
                "      --reason '回避: 近亲属在该单位任职' --link \"$(fairdraw secret link op.secret --round 1)\"\n"
                "  fairdraw substitute latest --inspector RS0012 --reason '病假，整个检查期间不在岗'\n"
                "  fairdraw substitute latest --entity 92330106MA2XXXXXXX --reason '已注销'\n"
                "\n"
                "--inspector ID --team CODE: the inspector leaves that entity's team;\n"
                "--inspector ID alone: the inspector leaves every team of the draw;\n"
                "--entity CODE: the entity is replaced by the next one of its stratum.\n"
                "When the announcement has a secret with a hash chain, substitution k needs link k\n"
                "of it (--link); a wrong link is refused and recorded in the log.");
    cmd->add_option("DRAW", o->ref, "The draw: its announcement, result id, or latest")->required();
    auto* inspector = cmd->add_option("--inspector", o->inspector, "The inspector who steps aside")
                          ->type_name("ID");
    auto* team = cmd->add_option("--team", o->team, "Only from the team of this entity")
                     ->type_name("CODE")
                     ->needs(inspector);
    auto* entity = cmd->add_option("--entity", o->entity, "The entity to replace")->type_name("CODE");
    entity->excludes(inspector);
    entity->excludes(team);
    cmd->add_option("--reason", o->reason, "Why (recorded in the log and the published record)")
        ->required()
        ->type_name("TEXT");
    cmd->add_option("--link", o->link, "The next link of the announced secret's hash chain (hex)")
        ->type_name("HEX");
    cmd->add_flag("--json", o->json, "Print the substitution record");
    cmd->callback([o, &globals, inspector, entity] {
        globals.exit_code = run([&]() -> Status {
            if (inspector->count() == 0 && entity->count() == 0)
                return Error::bad_input("say who or what is replaced: --inspector ID or --entity CODE");
            SubstitutionRequest request;
            request.kind = entity->count() > 0 ? SubstitutionKind::entity : SubstitutionKind::inspector;
            request.code = request.kind == SubstitutionKind::entity ? o->entity : o->team;
            request.inspector = o->inspector;
            request.reason = o->reason;
            if (!o->link.empty()) {
                auto link = from_hex(o->link);
                if (!link)
                    return Error::bad_input("--link: expected hex digits (an even number), found \"" +
                                                o->link + "\"",
                                            "print the link with 'fairdraw secret link FILE --round K'");
                request.link = *link;
            }
            FD_ASSIGN(Workspace ws, open_workspace(globals));
            FD_ASSIGN(StoredDraw d, find_draw(ws, o->ref));
            FD_ASSIGN(StoredSubstitution s, substitute(ws, d, request));
            if (o->json) {
                std::cout << s.record << "\n";
                return {};
            }
            FD_ASSIGN(StoredAnnouncement a, find_announcement(ws, to_hex(d.announcement)));
            std::vector<std::string> codes;
            if (!request.code.empty()) codes.push_back(request.code);
            if (s.parsed.replacement) codes.push_back(s.parsed.replacement->code);
            for (const auto& f : s.parsed.refills) codes.push_back(f.code);
            FD_ASSIGN(DrawLabels labels, draw_labels(ws, a, codes));
            std::cout << "替换 Substitution recorded\n" << substitution_text(s, labels);
            return {};
        });
    });
}

}  // namespace fairdraw::cli
