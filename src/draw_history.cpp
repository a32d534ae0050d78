// The announcement's "history" (docs/SPEC.md §6): earlier draws' final teams.
#include "draw_internal.h"
#include "json_reader.h"

namespace fairdraw {

using detail::JsonReader;

Result<std::vector<HistoryDraw>> parse_history(const Json& history, const std::string& file) {
    JsonReader in(file);
    std::vector<HistoryDraw> out;
    if (!history.is_array()) {
        in.problem("history", "must be a list", "a list of earlier draws", detail::show(history));
        return in.error("history");
    }
    for (std::size_t d = 0; d < history.size(); ++d) {
        const std::string path = JsonReader::index("history", d);
        const Json& draw = history[d];
        if (!in.object(draw, path, {"result", "window_start", "teams"})) continue;
        HistoryDraw h;
        if (auto id = in.string(JsonReader::member(draw, "result"), path + ".result", true)) {
            auto parsed = hash_from_hex(*id);
            if (!parsed || to_hex(*parsed) != *id)
                in.problem(path + ".result", "is not a result id", "64 lower-case hex digits",
                           "\"" + *id + "\"");
            h.result = *id;
        }
        if (auto day = in.date(JsonReader::member(draw, "window_start"), path + ".window_start"))
            h.window_start = format_days(*day);
        const Json* teams = JsonReader::member(draw, "teams");
        if (teams == nullptr || !teams->is_array()) {
            in.problem(path + ".teams", "must be a list", "[[code, [inspector id, …]], …]",
                       teams ? detail::show(*teams) : "");
            continue;
        }
        for (std::size_t t = 0; t < teams->size(); ++t) {
            const Json& team = (*teams)[t];
            const std::string tp = JsonReader::index(path + ".teams", t);
            if (!team.is_array() || team.size() != 2 || !team[0].is_string() ||
                !team[1].is_array()) {
                in.problem(tp, "is not a team", "[code, [inspector id, …]]", detail::show(team));
                continue;
            }
            HistoryTeam ht;
            ht.code = in.string(&team[0], tp + "[0]", true).value_or("");
            if (auto ids = in.strings(&team[1], tp + "[1]")) ht.inspectors = *ids;
            h.teams.push_back(std::move(ht));
        }
        out.push_back(std::move(h));
    }
    if (!in.ok()) return in.error("history");
    return out;
}

Json history_to_json(std::span<const HistoryDraw> history) {
    Json out = Json::array();
    for (const auto& draw : history) {
        Json teams = Json::array();
        for (const auto& team : draw.teams)
            teams.push_back(Json::array({team.code, team.inspectors}));
        out.push_back(
            {{"result", draw.result}, {"window_start", draw.window_start}, {"teams", teams}});
    }
    return out;
}

}  // namespace fairdraw
