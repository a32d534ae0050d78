// The draw: revealed values checked, the draw run once, its outcome recorded
// (docs/SPEC.md §6–§9); refusals recorded too.
#include "fairdraw/draw_record.h"

#include <map>
#include <set>

#include "draw_inputs.h"
#include "draw_record_internal.h"
#include "utf8_scan.h"

namespace fairdraw {

using detail::draw_database_error;

namespace detail {

constexpr std::size_t k_max_logged_value = 1024;

std::string logged_value(std::string_view typed, bool secret) {
    if (!secret && typed.size() <= k_max_logged_value && canonical_json(Json(std::string(typed))))
        return std::string(typed);
    return "sha256:" + to_hex(sha256(typed));
}

Json logged_values(const StoredAnnouncement& a, std::span<const TypedValue> values) {
    Json out = Json::array();
    for (const auto& v : values) {
        bool secret = false;
        for (const auto& s : a.sources)
            if (s.name == v.source && s.kind == SourceKind::secret) secret = true;
        out.push_back(Json::array({logged_value(v.source, false), logged_value(v.text, secret)}));
    }
    return out;
}

std::string loggable_text(std::string_view text) {
    std::string out;
    std::size_t pos = 0;
    while (pos < text.size()) {
        const std::size_t start = pos;
        char32_t cp = 0;
        if (next_code_point(text, pos, cp)) {
            out.append(text.substr(start, pos - start));
        } else {
            out += "\xEF\xBF\xBD";  // U+FFFD for each byte that is not UTF-8
            pos = start + 1;
        }
    }
    return out;
}

Json refusal_details(const Error& why) {
    Json out = Json::array();
    for (const auto& p : why.details) out.push_back(loggable_text(p.render()));
    return out;
}

Error record_refusal(Workspace& ws, const Error& why, Json payload) {
    payload["reason"] = loggable_text(why.message);
    payload["problems"] = refusal_details(why);
    std::uint64_t index = 0;
    Status logged = ws.change([&](Change& change) -> Status {
        FD_ASSIGN(index, change.log(k_draw_refused_entry, payload));
        return {};
    });
    if (!logged)
        return Error::environment(why.message + "; recording the refused attempt failed too: " +
                                  logged.error().message);
    Error out = why;
    out.kind = ErrorKind::bad_input;
    out.message = "refused: " + why.message + " (recorded in log entry " + std::to_string(index) + ")";
    return out;
}

Result<StoredDraw> stored_draw(SQLite::Database& db, const DrawRow& row) {
    StoredDraw d;
    d.announcement = row.announcement;
    d.outcome = row.outcome == "result" ? DrawOutcome::result : DrawOutcome::impossible;
    d.result_id = row.result_id;
    d.document = row.document;
    d.log_index = row.log_index;
    d.time = entry_time(db, row.log_index);
    const Json given = Json::parse(row.values_given, nullptr, false);
    const Json values = Json::parse(row.values_canonical, nullptr, false);
    auto pairs = [](const Json& list, auto each) {
        if (!list.is_array()) return false;
        for (const auto& p : list) {
            if (!p.is_array() || p.size() != 2 || !p[0].is_string() || !p[1].is_string()) return false;
            each(p[0].get<std::string>(), p[1].get<std::string>());
        }
        return true;
    };
    const bool ok =
        pairs(given, [&](std::string n, std::string v) { d.given.push_back({std::move(n), std::move(v)}); }) &&
        pairs(values, [&](std::string n, std::string v) { d.values.push_back({std::move(n), std::move(v)}); });
    if (!ok)
        return Error::verification_failed("the stored draw of announcement " +
                                          to_hex(row.announcement) + " is damaged");
    return d;
}

Result<StoredAnnouncement> announcement_of(Workspace& ws, const Hash& id) {
    return find_announcement(ws, to_hex(id));
}

}  // namespace detail

namespace {

using detail::DrawRow;

// The typed values in announced order, or a usage error naming every unknown,
// repeated and missing source (nothing is recorded for it).
Result<std::vector<TypedValue>> in_announced_order(const StoredAnnouncement& a,
                                                   std::span<const TypedValue> values) {
    std::map<std::string, const TypedValue*, std::less<>> given;
    std::vector<Problem> problems;
    std::string names;
    for (const auto& s : a.sources) names += (names.empty() ? "" : ", ") + s.name;
    for (const auto& v : values) {
        Problem p;
        p.field = "--value " + v.source;
        const bool known = std::any_of(a.sources.begin(), a.sources.end(),
                                       [&](const Source& s) { return s.name == v.source; });
        if (!known) {
            p.message = "the announcement has no source of this name";
            p.hint = "its sources are: " + names;
            problems.push_back(std::move(p));
        } else if (!given.emplace(v.source, &v).second) {
            p.message = "is given twice";
            problems.push_back(std::move(p));
        }
    }
    std::vector<TypedValue> out;
    for (const auto& s : a.sources) {
        auto it = given.find(s.name);
        if (it != given.end()) {
            out.push_back(*it->second);
            continue;
        }
        Problem p;
        p.field = "--value " + s.name;
        p.message = "no value given for this announced source";
        p.hint = "give every announced source's value: --value '" + s.name + "=…'";
        problems.push_back(std::move(p));
    }
    if (!problems.empty()) {
        const std::size_t n = problems.size();
        return Error::problems("the values do not match the announced sources (" + std::to_string(n) +
                                   (n == 1 ? " problem" : " problems") + "); nothing was recorded",
                               std::move(problems));
    }
    return out;
}

Json values_json(const std::vector<SourceValue>& values) {
    Json out = Json::array();
    for (const auto& v : values) out.push_back(Json::array({v.name, v.value}));
    return out;
}

Json given_json(const std::vector<TypedValue>& values) {
    Json out = Json::array();
    for (const auto& v : values) out.push_back(Json::array({v.source, v.text}));
    return out;
}

Json problems_json(const Error& error) {
    Json out = Json::array();
    for (const auto& p : error.details)
        out.push_back({{"field", p.field},
                       {"message", p.message},
                       {"expected", p.expected},
                       {"found", p.found},
                       {"hint", p.hint}});
    return out;
}

// What to do when the announcement already has an outcome: the recorded
// outcome for the same canonical values, otherwise the reason to refuse.
Result<StoredDraw> against_recorded(SQLite::Database& db, const DrawRow& row,
                                    const Result<std::vector<SourceValue>>& values) {
    FD_ASSIGN(StoredDraw recorded, detail::stored_draw(db, row));
    if (!values) {
        Error why = values.error();
        why.message = "a draw was already made for this announcement (log entry " +
                      std::to_string(row.log_index) + "), and these values do not even match "
                      "the sources: " + why.message;
        return why;
    }
    if (*values == recorded.values) {
        recorded.recorded_before = true;
        return recorded;
    }
    std::vector<Problem> differ;
    for (std::size_t i = 0; i < recorded.values.size() && i < values->size(); ++i)
        if (recorded.values[i].value != (*values)[i].value) {
            Problem p;
            p.field = "source " + recorded.values[i].name;
            p.message = "differs from the value recorded at the draw";
            differ.push_back(std::move(p));
        }
    return Error::problems("a draw was already made for this announcement (log entry " +
                               std::to_string(row.log_index) +
                               ") with other values; an announcement is drawn once",
                           std::move(differ))
        .with_hint("the same values show the recorded result; a new draw needs a new announcement "
                   "with a reason");
}

Error too_early(const StoredAnnouncement& a, UnixSeconds now) {
    return Error::bad_input("the draw may not start before " + a.not_before +
                                " (the announced not-before time); it is " + format_utc(now),
                            "wait until the announced time, when every source's value is public");
}

}  // namespace

Result<std::string> check_value(const StoredAnnouncement& a, std::string_view source,
                                std::string_view typed) {
    for (const auto& s : a.sources) {
        if (s.name != source) continue;
        auto value = canonical_value(s, typed);
        if (!value) return std::move(value).error().context("source " + s.name);
        return value;
    }
    return Error::bad_input("the announcement has no source named " + std::string(source));
}

Result<std::optional<StoredDraw>> draw_of(Workspace& ws, const Hash& announcement) {
    try {
        auto row = detail::draw_by_announcement(ws.db(), announcement);
        if (!row) return std::optional<StoredDraw>();
        FD_ASSIGN(auto d, detail::stored_draw(ws.db(), *row));
        return std::optional<StoredDraw>(std::move(d));
    } catch (const std::exception& e) {
        return draw_database_error(e);
    }
}

namespace {

std::vector<std::string> selected_codes(const StoredDraw& d) {
    std::vector<std::string> out;
    if (d.outcome != DrawOutcome::result) return out;
    auto result = parse_draw_result(d.document);
    if (result)
        for (const auto& e : result->selected) out.push_back(e.code);
    return out;
}

Result<StoredDraw> with_labels(Workspace& ws, const StoredAnnouncement& a, StoredDraw d,
                               DrawLabels* labels) {
    if (labels) {
        FD_ASSIGN(*labels, draw_labels(ws, a, selected_codes(d)));
    }
    return d;
}

}  // namespace

Result<StoredDraw> perform_draw(Workspace& ws, const StoredAnnouncement& a,
                                std::span<const TypedValue> values, DrawLabels* labels) {
    FD_ASSIGN(std::vector<TypedValue> typed, in_announced_order(a, values));
    std::vector<std::string> texts;
    for (const auto& v : typed) texts.push_back(v.text);
    const auto canonical = canonical_values(a.sources, texts);
    const Json refusal = {{"announcement", to_hex(a.id)},
                          {"action", "draw"},
                          {"values", detail::logged_values(a, typed)}};

    // Decides, from what is recorded and the time, whether a draw may be made:
    // returns the recorded outcome, a refusal (recorded by the caller), or nullopt.
    struct Decision {
        std::optional<StoredDraw> recorded;
        std::optional<Error> refuse;
    };
    auto decide = [&](UnixSeconds now) -> Result<Decision> {
        try {
            auto row = detail::draw_by_announcement(ws.db(), a.id);
            if (row) {
                auto against = against_recorded(ws.db(), *row, canonical);
                if (against) return Decision{std::move(*against), std::nullopt};
                if (against.error().kind != ErrorKind::bad_input) return std::move(against).error();
                return Decision{std::nullopt, std::move(against).error()};
            }
            if (now < a.not_before_time) return Decision{std::nullopt, too_early(a, now)};
            if (!canonical) return Decision{std::nullopt, canonical.error()};
            return Decision{};
        } catch (const std::exception& e) {
            return draw_database_error(e);
        }
    };
    FD_ASSIGN(Decision before, decide(now_seconds()));
    if (before.recorded) return with_labels(ws, a, std::move(*before.recorded), labels);
    if (before.refuse) return detail::record_refusal(ws, *before.refuse, refusal);

    // The draw itself, from rows that give the announced roots.
    FD_ASSIGN(auto snapshots, detail::announced_snapshots(ws, a));
    FD_ASSIGN(auto loaded, detail::load_directories(ws, snapshots, a.plan, nullptr));
    const DrawInput input{a.id, *canonical, secret_chain(a.sources, *canonical)};
    auto drawn = Draw::run(a.plan, loaded.view(), a.history, input);
    if (!drawn && drawn.error().kind != ErrorKind::bad_input) return std::move(drawn).error();

    detail::DrawRow row;
    row.announcement = a.id;
    row.values_given = given_json(typed).dump();
    row.values_canonical = *canonical_json(values_json(*canonical));
    Json payload;
    const char* entry = nullptr;
    const Hash seed = derive_seed(a.id, *canonical);
    if (drawn) {
        const DrawResult& r = drawn->result();
        if (labels) {
            std::vector<std::string> codes;
            for (const auto& e : r.selected) codes.push_back(e.code);
            *labels = detail::labels_from(loaded, codes);
        }
        row.outcome = "result";
        row.document = draw_result_json(r);
        row.result_id = sha256(row.document);
        Json strata = Json::array();
        for (const auto& s : r.strata)
            strata.push_back({{"name", s.name}, {"pool", s.pool}, {"count", s.count}});
        entry = k_draw_result_entry;
        payload = {{"announcement", to_hex(a.id)},
                   {"result", to_hex(*row.result_id)},
                   {"seed", to_hex(seed)},
                   {"pool", r.pool.size},
                   {"selected", r.selected.size()},
                   {"strata", strata}};
    } else {
        if (labels) *labels = detail::labels_from(loaded, {});
        const Error& why = drawn.error();
        row.outcome = "impossible";
        Json record = {{"format", k_draw_impossible_format},
                       {"announcement", to_hex(a.id)},
                       {"seed", to_hex(seed)},
                       {"values", values_json(*canonical)},
                       {"message", why.message},
                       {"problems", problems_json(why)}};
        FD_ASSIGN(row.document, canonical_json(record));
        entry = k_draw_impossible_entry;
        payload = {{"announcement", to_hex(a.id)},
                   {"record", to_hex(sha256(row.document))},
                   {"seed", to_hex(seed)},
                   {"message", detail::loggable_text(why.message)},
                   {"problems", detail::refusal_details(why)}};
    }

    std::optional<StoredDraw> raced;
    std::optional<Error> refuse;
    Status stored = ws.change([&](Change& change) -> Status {
        FD_ASSIGN(Decision now, decide(change.time()));  // another process may have drawn meanwhile
        if (now.recorded || now.refuse) {
            raced = std::move(now.recorded);
            refuse = std::move(now.refuse);
            return {};
        }
        FD_ASSIGN(row.log_index, change.log(entry, payload));
        detail::insert_draw(change.db(), row);
        return {};
    });
    if (!stored) return std::move(stored).error();
    if (raced) return with_labels(ws, a, std::move(*raced), labels);
    if (refuse) return detail::record_refusal(ws, *refuse, refusal);
    try {
        FD_ASSIGN(StoredDraw out, detail::stored_draw(ws.db(), row));
        if (drawn) out.result = drawn->result();
        return out;
    } catch (const std::exception& e) {
        return draw_database_error(e);
    }
}

Result<StoredDraw> find_draw(Workspace& ws, std::string_view ref) {
    try {
        if (ref == "latest") {
            auto row = detail::latest_draw(ws.db());
            if (!row)
                return Error::bad_input("there is no draw in this workspace yet",
                                        "draw with 'fairdraw draw ANNOUNCEMENT --value …'");
            return detail::stored_draw(ws.db(), *row);
        }
        const bool hex = ref.size() >= 8 && ref.size() <= 64 &&
                         ref.find_first_not_of("0123456789abcdefABCDEF") == std::string_view::npos;
        std::vector<DrawRow> found;
        std::set<std::string> seen;
        std::optional<std::string> undrawn;
        auto add_announcement = [&](const Hash& id) {
            auto row = detail::draw_by_announcement(ws.db(), id);
            if (!row) {
                undrawn = to_hex(id);
                return;
            }
            if (seen.insert(to_hex(row->announcement)).second) found.push_back(*row);
        };
        if (hex) {
            for (const auto& a : detail::announcements_by_prefix(ws.db(), std::string(ref)))
                add_announcement(a.id);
            for (auto& row : detail::draws_by_result_prefix(ws.db(), std::string(ref)))
                if (seen.insert(to_hex(row.announcement)).second) found.push_back(std::move(row));
        } else {
            FD_ASSIGN(auto a, find_announcement(ws, ref));
            add_announcement(a.id);
        }
        if (found.size() > 1)
            return Error::bad_input("'" + std::string(ref) + "' matches " +
                                        std::to_string(found.size()) + " draws",
                                    "give more hex digits");
        if (found.empty()) {
            if (undrawn)
                return Error::bad_input("announcement " + *undrawn + " has not been drawn yet",
                                        "draw it with 'fairdraw draw " + undrawn->substr(0, 16) +
                                            " --value …'");
            return Error::bad_input(
                "no draw or announcement matches '" + std::string(ref) + "'",
                "name a draw by its announcement or its result id (at least 8 hex digits), or 'latest'");
        }
        return detail::stored_draw(ws.db(), found.front());
    } catch (const std::exception& e) {
        return draw_database_error(e);
    }
}

}  // namespace fairdraw
