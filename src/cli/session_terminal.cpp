// The live session as prompts and plain output.
#include "session_terminal.h"

#include <string>

#include "session_state.h"

namespace fairdraw::cli {

namespace {

void print_entity(std::ostream& out, std::size_t number, const Json& e) {
    out << number << ". " << e["name"].get<std::string>() << "  " << e["code"].get<std::string>() << "  ["
        << e["stratum"].get<std::string>() << "]\n   检查组 team:";
    for (const auto& m : e["team"])
        out << " " << m["name"].get<std::string>() << "（" << m["id"].get<std::string>() << "）";
    out << "\n";
}

void print_error(std::ostream& out, const Error& e) {
    out << "拒绝 refused: " << e.message << "\n";
    for (const auto& p : e.details) out << "  " << p.render() << "\n";
    if (!e.hint.empty()) out << "  提示 hint: " << e.hint << "\n";
}

}  // namespace

Status run_terminal_session(Workspace& ws, Session& session, std::istream& in, std::ostream& out) {
    const auto& a = session.announcement();
    out << "现场抽取 Live public draw\n" << announcement_text(a) << "\n";
    std::string line;
    if (session.phase() == SessionPhase::collecting) {
        for (const auto& source : a.sources) {
            for (;;) {
                out << "数值 value for '" << source.name << "': " << std::flush;
                if (!std::getline(in, line))
                    return Error::bad_input("the input ended before every value was entered; nothing was drawn",
                                            "run 'fairdraw session --no-browser' again and enter each value");
                auto canonical = session.enter_value(ws, source.name, line);
                if (canonical) {
                    out << "已确认 confirmed: " << source.name << " = " << *canonical << "\n";
                    break;
                }
                if (canonical.error().kind != ErrorKind::bad_input) return canonical.error();
                print_error(out, canonical.error());
            }
        }
        out << "按回车开始抽取 Press Enter to draw: " << std::flush;
        if (!std::getline(in, line))
            return Error::bad_input("the input ended before the draw; nothing was drawn");
        FD_TRY(session.draw_now(ws));
    } else {
        out << "此公告已抽取，显示记录的结果 This announcement was drawn before; showing the recorded "
               "outcome (log entry "
            << session.draw()->log_index << ")\n";
    }
    if (session.phase() == SessionPhase::impossible) {
        FD_ASSIGN(SessionView view, session_view(ws, session));
        const Json state = session_state(session, view, {});
        out << "无法抽取 no draw is possible: " << state["draw"].value("message", std::string()) << "\n";
        return Error::bad_input("no draw is possible for this announcement (recorded in log entry " +
                                std::to_string(session.draw()->log_index) + ")");
    }
    out << "种子 seed: " << to_hex(session.result()->seed) << "\n";
    FD_ASSIGN(SessionView view, session_view(ws, session));
    const std::size_t total = session.result()->selected.size();
    std::size_t printed = 0;
    const auto print_revealed = [&] {
        const Json state = session_state(session, view, {});
        const auto& shown = state["draw"]["entities"];
        for (; printed < shown.size(); ++printed) print_entity(out, printed + 1, shown[printed]);
    };
    print_revealed();
    bool paced = true;
    while (session.revealed() < total) {
        if (paced) {
            out << "按回车揭示下一家 Press Enter for the next one: " << std::flush;
            if (!std::getline(in, line)) paced = false;  // no more input: show the rest
        }
        session.reveal(paced ? 1 : 0);
        print_revealed();
    }
    const Json state = session_state(session, view, {});
    out << "结果哈希 result SHA-256: " << state["draw"]["result_id"].get<std::string>() << "\n"
        << "日志条目 log entry: " << session.draw()->log_index << "\n"
        << "签名检查点 signed checkpoint:\n"
        << view.draw_checkpoint << "验证数据 verification data (QR text):\n"
        << view.verification;
    return {};
}

}  // namespace fairdraw::cli
