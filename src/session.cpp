// The live session's state: values confirmed one by one, the draw through
// perform_draw, the reveal (docs/SPEC.md §13).
#include "fairdraw/session.h"

#include "draw_record_internal.h"
#include "fairdraw/log.h"

namespace fairdraw {

namespace {

const char* kind_word(SourceKind kind) {
    switch (kind) {
        case SourceKind::numbers:
            return "numbers";
        case SourceKind::text:
            return "text";
        case SourceKind::hex:
            return "hex";
        case SourceKind::witness:
            return "witness";
        case SourceKind::secret:
            return "secret";
    }
    return "text";
}

const Source* find_source(const StoredAnnouncement& a, std::string_view name) {
    for (const auto& s : a.sources)
        if (s.name == name) return &s;
    return nullptr;
}

// Records a refused value in its own change; returns the error for the operator.
Error record_value_refusal(Workspace& ws, const StoredAnnouncement& a, const Source& source,
                           std::string_view typed, const Error& why) {
    Json payload = {{"announcement", to_hex(a.id)},
                    {"source", source.name},
                    {"value", detail::logged_value(typed, source.kind == SourceKind::secret)},
                    {"reason", detail::loggable_text(why.message)},
                    {"problems", detail::refusal_details(why)}};
    std::uint64_t index = 0;
    const Status logged = ws.change([&](Change& change) -> Status {
        FD_ASSIGN(index, change.log(k_session_value_refused_entry, payload));
        return {};
    });
    if (!logged)
        return Error::environment(why.message + "; recording the refused value failed too: " +
                                  logged.error().message);
    Error out = why;
    out.kind = ErrorKind::bad_input;
    out.message = "refused: " + why.message + " (recorded in log entry " + std::to_string(index) + ")";
    return out;
}

}  // namespace

Result<Session> Session::open(Workspace& workspace, const StoredAnnouncement& announcement) {
    Session s;
    s.m_announcement = announcement;
    for (const auto& src : announcement.sources)
        s.m_sources.push_back(SessionSource{src.name, kind_word(src.kind), src.description, {}, {}});
    FD_ASSIGN(auto recorded, draw_of(workspace, announcement.id));
    if (recorded) {
        FD_TRY(s.load_recorded(workspace, *recorded));
        s.m_revealed = s.m_result ? s.m_result->selected.size() : 0;
    }
    return s;
}

Status Session::load_recorded(Workspace& workspace, const StoredDraw& draw) {
    for (std::size_t i = 0; i < m_sources.size() && i < draw.values.size(); ++i) {
        m_sources[i].canonical = draw.values[i].value;
        m_sources[i].typed = i < draw.given.size() ? draw.given[i].text : draw.values[i].value;
    }
    if (draw.outcome == DrawOutcome::impossible) {
        m_phase = SessionPhase::impossible;
    } else {
        if (draw.result) {
            m_result = draw.result;
        } else {
            FD_ASSIGN(DrawResult parsed, parse_draw_result(draw.document));
            m_result = std::move(parsed);
        }
        if (m_labels.entities.empty()) {
            std::vector<std::string> codes;
            for (const auto& e : m_result->selected) codes.push_back(e.code);
            FD_ASSIGN(m_labels, draw_labels(workspace, m_announcement, codes));
        }
        m_phase = SessionPhase::drawn;
    }
    m_draw = draw;
    ++m_version;
    return {};
}

Result<std::string> Session::enter_value(Workspace& workspace, std::string_view name,
                                         std::string_view typed) {
    if (m_phase != SessionPhase::collecting)
        return Error::bad_input("the draw is already recorded (log entry " +
                                    std::to_string(m_draw->log_index) + "); no value can change",
                                "the page shows the recorded result");
    const Source* source = find_source(m_announcement, name);
    if (!source)
        return Error::bad_input("no announced source is named '" + detail::loggable_text(name) + "'",
                                "the sources are listed on the operator page, in announced order");
    auto canonical = check_value(m_announcement, name, typed);
    if (!canonical) return record_value_refusal(workspace, m_announcement, *source, typed, canonical.error());
    for (auto& s : m_sources)
        if (s.name == name) {
            s.typed = std::string(typed);
            s.canonical = *canonical;
        }
    ++m_version;
    return *canonical;
}

Status Session::draw_now(Workspace& workspace) {
    if (m_phase != SessionPhase::collecting) return {};
    std::vector<TypedValue> values;
    for (const auto& s : m_sources) {
        if (!s.canonical)
            return Error::bad_input("no value confirmed for source '" + s.name + "'",
                                    "enter and confirm every source's value before the draw");
        values.push_back(TypedValue{s.name, s.typed});
    }
    DrawLabels labels;
    FD_ASSIGN(StoredDraw d, perform_draw(workspace, m_announcement, values, &labels));
    m_labels = std::move(labels);
    FD_TRY(load_recorded(workspace, d));
    m_revealed = 0;
    return {};
}

std::size_t Session::reveal(std::size_t count) {
    if (!m_result) return 0;
    const std::size_t total = m_result->selected.size();
    const std::size_t before = m_revealed;
    m_revealed = count == 0 ? total : std::min(total, m_revealed + count);
    if (m_revealed != before) ++m_version;
    return m_revealed;
}

Result<std::string> Session::verification_text(Workspace& workspace) const {
    if (!m_draw || !m_draw->result_id)
        return Error::bad_input("nothing to verify yet: no draw result is recorded");
    FD_ASSIGN(tlog::SignedCheckpoint cp, tlog::checkpoint_at(workspace, m_draw->log_index + 1));
    const std::string body = cp.checkpoint.text();
    // The checkpoint text's third line is the base64 root hash.
    std::size_t first = body.find('\n');
    std::size_t second = body.find('\n', first + 1);
    std::size_t third = body.find('\n', second + 1);
    const std::string root = body.substr(second + 1, third - second - 1);
    std::string out;
    out += std::string(k_session_qr_format) + "\n";
    out += "origin " + cp.checkpoint.origin + "\n";
    out += "announcement " + to_hex(m_announcement.id) + "\n";
    out += "result " + to_hex(*m_draw->result_id) + "\n";
    out += "seed " + to_hex(m_result->seed) + "\n";
    out += "entry " + std::to_string(m_draw->log_index) + "\n";
    out += "checkpoint " + std::to_string(cp.checkpoint.size) + " " + root + "\n";
    return out;
}

}  // namespace fairdraw
