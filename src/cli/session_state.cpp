// The state the session pages render.
#include "session_state.h"

#include "fairdraw/log.h"

namespace fairdraw::cli {

namespace {

Json snapshot_json(const AnnouncedSnapshot& s) {
    return {{"root", to_hex(s.root)}, {"public_root", to_hex(s.public_root)}, {"rows", s.rows}};
}

Json announcement_json(const StoredAnnouncement& a, const SessionView& view) {
    Json items = Json::array();
    for (const auto& i : a.plan.items)
        items.push_back({{"id", i.id}, {"name", i.name}, {"category", i.category}});
    Json strata = Json::array();
    for (const auto& s : a.plan.strata.groups) strata.push_back(s.name);
    return {{"id", to_hex(a.id)},
            {"title", a.plan.title},
            {"department", a.plan.department},
            {"items", items},
            {"window", a.plan.window.start + " – " + a.plan.window.end},
            {"announced", a.announced},
            {"not_before", a.not_before},
            {"log_index", a.log_index},
            {"checkpoint", view.announcement_checkpoint},
            {"snapshots",
             {{"enterprises", snapshot_json(a.enterprises)},
              {"inspectors", snapshot_json(a.inspectors)},
              {"conflicts", a.conflicts ? snapshot_json(*a.conflicts) : Json(nullptr)}}}};
}

Json entity_json(const Session& session, const DrawnEntity& e) {
    const auto& labels = session.labels();
    const auto& result = *session.result();
    Json team = Json::array();
    for (const auto& seat : e.team) {
        const auto it = labels.inspectors.find(seat.inspector);
        team.push_back({{"id", seat.inspector},
                        {"name", it == labels.inspectors.end() ? "" : it->second.name},
                        {"department", it == labels.inspectors.end() ? "" : it->second.department}});
    }
    const auto it = labels.entities.find(e.code);
    return {{"code", e.code},
            {"name", it == labels.entities.end() ? "" : it->second.name},
            {"region", it == labels.entities.end() ? "" : it->second.region},
            {"stratum", e.stratum < result.strata.size() ? result.strata[e.stratum].name : ""},
            {"ticket", to_hex(e.ticket)},
            {"team", team}};
}

const char* phase_word(SessionPhase p) {
    switch (p) {
        case SessionPhase::collecting:
            return "collecting";
        case SessionPhase::drawn:
            return "drawn";
        case SessionPhase::impossible:
            return "impossible";
    }
    return "collecting";
}

}  // namespace

Result<SessionView> session_view(Workspace& workspace, const Session& session) {
    SessionView view;
    FD_ASSIGN(tlog::SignedCheckpoint announced,
              tlog::checkpoint_at(workspace, session.announcement().log_index + 1));
    view.announcement_checkpoint = announced.note;
    if (session.draw()) {
        FD_ASSIGN(tlog::SignedCheckpoint drawn, tlog::checkpoint_at(workspace, session.draw()->log_index + 1));
        view.draw_checkpoint = drawn.note;
    }
    if (session.result()) {
        FD_ASSIGN(view.verification, session.verification_text(workspace));
    }
    return view;
}

Json session_state(const Session& session, const SessionView& view, const Typing& typing) {
    Json sources = Json::array();
    for (const auto& s : session.sources()) {
        const auto t = typing.find(s.name);
        sources.push_back({{"name", s.name},
                           {"kind", s.kind},
                           {"description", s.description ? Json(*s.description) : Json(nullptr)},
                           {"typing", t == typing.end() ? Json(nullptr) : Json(t->second)},
                           {"typed", s.canonical ? Json(s.typed) : Json(nullptr)},
                           {"canonical", s.canonical ? Json(*s.canonical) : Json(nullptr)}});
    }
    Json state = {{"format", "fairdraw-session-state-v1"},
                  {"version", session.version()},
                  {"phase", phase_word(session.phase())},
                  {"announcement", announcement_json(session.announcement(), view)},
                  {"sources", sources}};
    if (const auto& d = session.draw()) {
        state["draw"] = {{"log_index", d->log_index}, {"time", d->time}};
        if (d->outcome == DrawOutcome::impossible) {
            const Json record = Json::parse(d->document, nullptr, false);
            state["draw"]["message"] =
                record.is_object() ? record.value("message", std::string()) : std::string();
        }
    }
    if (const auto& r = session.result()) {
        Json strata = Json::array();
        for (const auto& s : r->strata) strata.push_back({{"name", s.name}, {"pool", s.pool}, {"count", s.count}});
        Json shown = Json::array();
        for (std::size_t i = 0; i < session.revealed() && i < r->selected.size(); ++i)
            shown.push_back(entity_json(session, r->selected[i]));
        const bool complete = session.revealed() >= r->selected.size();
        state["draw"]["seed"] = to_hex(r->seed);
        state["draw"]["pool"] = r->pool.size;
        state["draw"]["strata"] = strata;
        state["draw"]["total"] = r->selected.size();
        state["draw"]["revealed"] = session.revealed();
        state["draw"]["entities"] = shown;
        state["draw"]["complete"] = complete;
        if (complete) {
            state["draw"]["result_id"] = to_hex(*session.draw()->result_id);
            state["draw"]["checkpoint"] = view.draw_checkpoint;
            state["draw"]["verification"] = view.verification;
        }
    }
    return state;
}

}  // namespace fairdraw::cli
