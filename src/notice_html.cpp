// The public notice (公示) of a draw: one self-contained HTML page, printable on A4
// (docs/SPEC.md §12.7).
//
// Chinese first, English alongside. No scripts, fonts, images or style sheets
// from elsewhere: the page must read the same offline and in ten years. Every
// text from the directories or the plan goes through html_escape(), so a name
// holding markup is shown as the characters it is. The two charts are inline
// SVG drawn from the result's numbers.
#include <algorithm>
#include <map>

#include "bundle_internal.h"

namespace fairdraw::detail {
namespace {

using std::to_string;

std::string esc(std::string_view text) { return html_escape(text); }

std::string source_kind(SourceKind k) {
    switch (k) {
        case SourceKind::numbers: return "开奖号码 lottery numbers";
        case SourceKind::text: return "公开文本 published text";
        case SourceKind::hex: return "信标 beacon";
        case SourceKind::witness: return "见证人 witness";
        case SourceKind::secret: return "操作员承诺 committed secret";
    }
    return "";
}

// A horizontal bar chart: one row per label with one or two bars.
std::string bar_chart(const std::string& title, const std::vector<std::string>& labels,
                      const std::vector<std::uint64_t>& first, const std::vector<std::uint64_t>& second,
                      const std::string& first_name, const std::string& second_name) {
    const std::uint64_t top = std::max<std::uint64_t>(
        1, std::max(first.empty() ? 0 : *std::max_element(first.begin(), first.end()),
                    second.empty() ? 0 : *std::max_element(second.begin(), second.end())));
    const int row = second.empty() ? 18 : 30, left = 170, width = 380;
    const int height = 30 + row * static_cast<int>(labels.size()) + 10;
    std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"600\" height=\"" +
                      to_string(height) + "\" viewBox=\"0 0 600 " + to_string(height) + "\"><title>" +
                      esc(title) + "</title>";
    svg += "<text x=\"0\" y=\"14\" font-size=\"12\">" + esc(title) + "</text>";
    svg += "<rect x=\"" + to_string(left) + "\" y=\"20\" width=\"10\" height=\"8\" fill=\"#9bb\"/><text x=\"" +
           to_string(left + 14) + "\" y=\"28\" font-size=\"10\">" + esc(first_name) + "</text>";
    if (!second.empty())
        svg += "<rect x=\"" + to_string(left + 150) + "\" y=\"20\" width=\"10\" height=\"8\" fill=\"#c33\"/><text x=\"" +
               to_string(left + 164) + "\" y=\"28\" font-size=\"10\">" + esc(second_name) + "</text>";
    for (std::size_t i = 0; i < labels.size(); ++i) {
        const int y = 34 + row * static_cast<int>(i);
        auto bar = [&](std::uint64_t v, int dy, const char* color) {
            const int w = static_cast<int>(static_cast<double>(v) * width / static_cast<double>(top));
            svg += "<rect x=\"" + to_string(left) + "\" y=\"" + to_string(y + dy) + "\" width=\"" +
                   to_string(std::max(w, 1)) + "\" height=\"11\" fill=\"" + color + "\"/><text x=\"" +
                   to_string(left + std::max(w, 1) + 4) + "\" y=\"" + to_string(y + dy + 10) +
                   "\" font-size=\"10\">" + to_string(v) + "</text>";
        };
        svg += "<text x=\"0\" y=\"" + to_string(y + 10) + "\" font-size=\"11\">" + esc(labels[i]) + "</text>";
        bar(first[i], 0, "#9bb");
        if (!second.empty()) bar(second[i], 13, "#c33");
    }
    return svg + "</svg>";
}

std::string row(std::initializer_list<std::string> cells) {
    std::string out = "<tr>";
    for (const auto& c : cells) out += "<td>" + c + "</td>";
    return out + "</tr>\n";
}

}  // namespace

std::string notice_html(const NoticeInput& in) {
    const auto& a = in.announcement;
    const auto& p = a.plan;
    const auto& r = in.result;
    std::string h;
    h += "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n";
    h += "<title>" + esc(p.title) + " — 抽查结果公示 Public notice</title>\n";
    h += "<style>\n@page { size: A4; margin: 15mm; }\nbody { font-family: sans-serif; font-size: 10.5pt; "
         "max-width: 180mm; margin: auto; }\ntable { border-collapse: collapse; width: 100%; margin: 4pt 0 10pt; }\n"
         "td, th { border: 1px solid #888; padding: 2pt 4pt; vertical-align: top; text-align: left; }\n"
         ".en { color: #555; font-size: 9pt; }\n.mono { font-family: monospace; font-size: 8pt; "
         "word-break: break-all; }\nh2 { font-size: 12pt; border-bottom: 1px solid #444; }\n"
         "tr, svg { break-inside: avoid; }\n</style>\n</head>\n<body>\n";
    h += "<h1>" + esc(p.title) + "</h1>\n<p>抽查结果公示 <span class=\"en\">Public notice of a random "
         "inspection draw</span></p>\n";

    h += "<h2>任务 <span class=\"en\">Task</span></h2>\n<table>\n";
    h += row({"发起部门 <span class=\"en\">Department</span>", esc(p.department)});
    if (!p.cooperating_departments.empty()) {
        std::string c;
        for (const auto& d : p.cooperating_departments) c += (c.empty() ? "" : "、") + esc(d);
        h += row({"配合部门 <span class=\"en\">Cooperating</span>", c});
    }
    h += row({"检查期间 <span class=\"en\">Window</span>", esc(p.window.start) + " — " + esc(p.window.end)});
    h += row({"公告时间 <span class=\"en\">Announced</span>", esc(a.announced)});
    h += "</table>\n";

    h += "<h2>检查事项与依据 <span class=\"en\">Items and legal basis</span></h2>\n<table>\n";
    h += "<tr><th>编号 ID</th><th>事项 Item</th><th>依据 Legal basis</th><th>类别 Category</th></tr>\n";
    for (const auto& item : p.items)
        h += row({esc(item.id), esc(item.name), esc(item.legal_basis), esc(item.category)});
    h += "</table>\n";

    h += "<h2>抽取范围 <span class=\"en\">Pool</span></h2>\n<table>\n";
    h += row({"名录企业 <span class=\"en\">Directory rows</span>", to_string(r.pool.rows)});
    h += row({"符合范围 <span class=\"en\">In the population</span>", to_string(r.pool.population)});
    h += row({"近期已查排除 <span class=\"en\">Excluded, inspected recently</span>", to_string(r.pool.recent)});
    h += row({"年度上限排除 <span class=\"en\">Excluded, annual cap</span>", to_string(r.pool.annual_cap)});
    h += row({"未归层排除 <span class=\"en\">Excluded, no stratum</span>", to_string(r.pool.unmatched)});
    h += row({"抽取池 <span class=\"en\">Pool</span>", to_string(r.pool.size)});
    h += "</table>\n<table>\n<tr><th>分层 Stratum</th><th>池 Pool</th><th>抽取 Drawn</th><th>截止号 Cut-off</th></tr>\n";
    std::vector<std::string> labels;
    std::vector<std::uint64_t> pools, counts;
    for (const auto& s : r.strata) {
        h += row({esc(s.name), to_string(s.pool), to_string(s.count),
                  "<span class=\"mono\">" + (s.cutoff ? to_hex(*s.cutoff) : std::string("—")) + "</span>"});
        labels.push_back(s.name);
        pools.push_back(s.pool);
        counts.push_back(s.count);
    }
    h += "</table>\n";
    h += bar_chart("各层抽取池与抽取数 Pool and drawn per stratum", labels, pools, counts, "池 pool", "抽取 drawn") + "\n";

    h += "<h2>名录快照 <span class=\"en\">Directory snapshots</span></h2>\n<table>\n";
    h += "<tr><th>名录 Directory</th><th>行数 Rows</th><th>根 Root / 公开根 Public root</th></tr>\n";
    auto snap = [&](const char* name, const AnnouncedSnapshot& s) {
        h += row({name, to_string(s.rows),
                  "<span class=\"mono\">" + to_hex(s.root) + "<br>" + to_hex(s.public_root) + "</span>"});
    };
    snap("企业 Enterprises", a.enterprises);
    snap("执法人员 Inspectors", a.inspectors);
    if (a.conflicts) snap("回避关系 Conflicts", *a.conflicts);
    h += "</table>\n";

    h += "<h2>随机来源与揭示值 <span class=\"en\">Randomness sources and revealed values</span></h2>\n<table>\n";
    h += "<tr><th>来源 Source</th><th>类型 Kind</th><th>揭示值 Value</th></tr>\n";
    for (std::size_t i = 0; i < a.sources.size(); ++i) {
        const std::string value = i < r.values.size() ? r.values[i].value : "";
        h += row({esc(a.sources[i].name) +
                      (a.sources[i].description ? "<br><span class=\"en\">" + esc(*a.sources[i].description) + "</span>" : ""),
                  source_kind(a.sources[i].kind), "<span class=\"mono\">" + esc(value) + "</span>"});
    }
    h += "</table>\n<p>种子 <span class=\"en\">Seed</span>: <span class=\"mono\">" + to_hex(r.seed) + "</span></p>\n";

    h += "<h2>抽取结果 <span class=\"en\">Drawn entities and inspector teams</span></h2>\n<table>\n";
    h += "<tr><th>序号 No.</th><th>企业 Enterprise</th><th>分层 Stratum</th><th>检查人员 Team (姓名 name · 执法证号 "
         "certificate · 部门 department)</th></tr>\n";
    std::map<std::string, std::uint64_t> load;
    std::size_t n = 0;
    for (const auto& c : in.current) {
        auto e = in.entities.find(c.entity.code);
        std::string team;
        for (const auto& seat : c.entity.team) {
            ++load[seat.inspector];
            auto i = in.inspectors.find(seat.inspector);
            team += (team.empty() ? "" : "<br>") +
                    (i == in.inspectors.end()
                         ? esc(seat.inspector)
                         : esc(i->second.name) + " · " + esc(i->second.certificate_no) + " · " + esc(i->second.department));
        }
        h += row({to_string(++n),
                  esc(e == in.entities.end() ? std::string() : e->second.name) + "<br><span class=\"mono\">" +
                      esc(c.entity.code) + "</span>" + (c.replacement ? " <span class=\"en\">(替补 replacement)</span>" : ""),
                  esc(c.entity.stratum < r.strata.size() ? r.strata[c.entity.stratum].name : ""), team});
    }
    h += "</table>\n";
    std::vector<std::string> names;
    std::vector<std::uint64_t> loads;
    for (const auto& [id, count] : load) {
        auto i = in.inspectors.find(id);
        names.push_back(i == in.inspectors.end() ? id : i->second.name);
        loads.push_back(count);
    }
    h += bar_chart("检查人员任务量 Inspectors' workload", names, loads, {}, "家数 entities", "") + "\n";

    h += "<h2>替换 <span class=\"en\">Substitutions</span></h2>\n";
    if (in.substitutions.empty()) {
        h += "<p>无 <span class=\"en\">None</span></p>\n";
    } else {
        h += "<table>\n<tr><th>#</th><th>类型 Kind</th><th>对象 Subject</th><th>理由 Reason</th></tr>\n";
        for (const auto& s : in.substitutions) {
            const bool entity = s.request.kind == SubstitutionKind::entity;
            std::string subject = entity ? esc(s.request.code) : esc(s.request.inspector);
            if (!entity) {
                auto i = in.inspectors.find(s.request.inspector);
                if (i != in.inspectors.end()) subject = esc(i->second.name) + " (" + subject + ")";
                if (!s.request.code.empty()) subject += " — " + esc(s.request.code);
            } else if (s.replacement) {
                subject += " → " + esc(s.replacement->code);
            }
            h += row({to_string(s.number), entity ? "企业替补 entity" : "人员替换 inspector", subject, esc(s.request.reason)});
        }
        h += "</table>\n";
    }

    h += "<h2>如何核验 <span class=\"en\">How to verify</span></h2>\n";
    h += "<p>本公示所在文件夹是可独立核验的数据包。任何人可运行 <span class=\"en\">This notice is part of a bundle "
         "anyone can check offline:</span></p>\n<pre>fairdraw verify BUNDLE --key '" + esc(in.verifier_key) +
         "'\nfairdraw check BUNDLE --entity 统一社会信用代码</pre>\n";
    h += "<p>抽取结果编号 <span class=\"en\">Result id</span>: <span class=\"mono\">" + to_hex(in.result_id) +
         "</span><br>公告编号 <span class=\"en\">Announcement id</span>: <span class=\"mono\">" + to_hex(a.id) +
         "</span><br>数据包 <span class=\"en\">Bundle</span>: " +
         (in.kind == BundleKind::full ? "完整（审计） full (auditor)" : "公开 public") + "</p>\n";
    h += "<p>签名检查点 <span class=\"en\">Signed checkpoint</span>:</p>\n<pre class=\"mono\">" + esc(in.checkpoint_note) + "</pre>\n";
    h += "</body>\n</html>\n";
    return h;
}

}  // namespace fairdraw::detail
