// The drawn list for spreadsheets (drawn.csv) and as JSON (drawn.json), docs/SPEC.md §12.7.
//
// Directory text is data: a name beginning with = + - @ (or TAB, CR) would be
// a formula in Excel or LibreOffice, so such a cell gets a leading ' (shown
// as text). The CSV is UTF-8 with a byte order mark and CRLF line ends, which
// Excel on Chinese Windows opens without asking for the encoding.
#include "bundle_internal.h"

namespace fairdraw::detail {
namespace {

std::string csv_cell(std::string_view text) {
    const std::string safe = spreadsheet_text(text);
    if (safe.find_first_of(",\"\r\n") == std::string::npos) return safe;
    std::string out = "\"";
    for (char c : safe) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

std::string join(const std::vector<std::string>& parts) {
    std::string out;
    for (const auto& p : parts) out += (out.empty() ? "" : "；") + p;
    return out;
}

const Inspector* inspector_of(const NoticeInput& in, const std::string& id) {
    auto it = in.inspectors.find(id);
    return it == in.inspectors.end() ? nullptr : &it->second;
}

std::string stratum_name(const NoticeInput& in, std::uint32_t stratum) {
    return stratum < in.result.strata.size() ? in.result.strata[stratum].name : std::string();
}

}  // namespace

std::string drawn_csv(const NoticeInput& in) {
    std::string out = "\xEF\xBB\xBF";
    out += "序号 No.,统一社会信用代码 Code,企业名称 Name,分层 Stratum,检查人员 Inspectors,执法证号 "
           "Certificates,部门 Departments\r\n";
    std::size_t n = 0;
    for (const auto& c : in.current) {
        std::vector<std::string> names, certificates, departments;
        for (const auto& seat : c.entity.team) {
            const Inspector* i = inspector_of(in, seat.inspector);
            names.push_back(i ? i->name : seat.inspector);
            certificates.push_back(i ? i->certificate_no : "");
            departments.push_back(i ? i->department : "");
        }
        auto e = in.entities.find(c.entity.code);
        const std::string name = e == in.entities.end() ? "" : e->second.name;
        out += std::to_string(++n) + "," + csv_cell(c.entity.code) + "," + csv_cell(name) + "," +
               csv_cell(stratum_name(in, c.entity.stratum)) + "," + csv_cell(join(names)) + "," +
               csv_cell(join(certificates)) + "," + csv_cell(join(departments)) + "\r\n";
    }
    return out;
}

std::string drawn_json(const NoticeInput& in) {
    Json entities = Json::array();
    for (const auto& c : in.current) {
        Json team = Json::array();
        for (const auto& seat : c.entity.team) {
            const Inspector* i = inspector_of(in, seat.inspector);
            team.push_back(Json{{"inspector", seat.inspector},
                                {"name", i ? i->name : ""},
                                {"certificate_no", i ? i->certificate_no : ""},
                                {"department", i ? i->department : ""}});
        }
        auto e = in.entities.find(c.entity.code);
        entities.push_back(Json{{"code", c.entity.code},
                                {"name", e == in.entities.end() ? "" : e->second.name},
                                {"stratum", stratum_name(in, c.entity.stratum)},
                                {"team", team}});
    }
    Json subs = Json::array();
    for (const auto& s : in.substitutions)
        subs.push_back(Json{{"number", s.number},
                            {"kind", s.request.kind == SubstitutionKind::entity ? "entity" : "inspector"},
                            {"code", s.request.code.empty() ? Json(nullptr) : Json(s.request.code)},
                            {"inspector", s.request.inspector.empty() ? Json(nullptr) : Json(s.request.inspector)},
                            {"reason", s.request.reason}});
    const Json doc = {{"format", "fairdraw-drawn-v1"},
                      {"result", to_hex(in.result_id)},
                      {"entities", entities},
                      {"substitutions", subs}};
    return canonical_json(doc).value();
}

}  // namespace fairdraw::detail
