// The readable summary of an announcement, and the files published for it.
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <sstream>

#include "announcement_doc.h"
#include "fairdraw/announcement.h"

namespace fairdraw {
namespace {

using detail::safe_text;

// "任务 Task" padded to one column width (a CJK character takes two columns).
std::string label(std::string_view zh, std::string_view en) {
    std::size_t width = en.size() + 1;
    for (std::size_t i = 0; i < zh.size(); ++i)
        if ((static_cast<unsigned char>(zh[i]) & 0xc0) != 0x80) width += 2;  // one per character
    std::string out = std::string(zh) + " " + std::string(en);
    return out + std::string(width < 22 ? 22 - width : 1, ' ');
}

const char* rounding_name(Rounding r) {
    switch (r) {
        case Rounding::floor:
            return "floor 向下取整";
        case Rounding::half_up:
            return "half_up 四舍五入";
        case Rounding::ceil:
            break;
    }
    return "ceil 向上取整";
}

std::string join(const std::vector<std::string>& items, const char* separator = "、") {
    std::string out;
    for (const auto& item : items) out += (out.empty() ? "" : separator) + safe_text(item);
    return out;
}

void snapshot_lines(std::ostream& out, const char* label, const AnnouncedSnapshot& s) {
    out << "  " << label << "  " << s.rows << " rows\n"
        << "      root         " << to_hex(s.root) << "\n";
    if (s.sealed.empty()) {
        out << "      public root  = root (nothing sealed)\n";
    } else {
        out << "      public root  " << to_hex(s.public_root) << "\n"
            << "      sealed 密封字段  " << join(s.sealed, ", ") << "\n";
    }
}

std::string source_line(const Source& s) {
    std::ostringstream out;
    out << safe_text(s.name) << "  [" ;
    switch (s.kind) {
        case SourceKind::numbers:
            out << "numbers 开奖号码] " << s.count << " numbers";
            if (s.min || s.max)
                out << " in [" << (s.min ? std::to_string(*s.min) : "0") << ", "
                    << (s.max ? std::to_string(*s.max) : "∞") << "]";
            break;
        case SourceKind::text:
            out << "text 公开文本]";
            break;
        case SourceKind::hex:
            out << "hex 公开随机数]";
            if (s.bytes) out << " " << *s.bytes << " bytes";
            break;
        case SourceKind::witness:
            out << "witness 现场见证人] " << s.digits << " digits";
            break;
        case SourceKind::secret:
            out << "secret 操作员密钥] SHA-256 " << to_hex(s.sha256);
            if (s.chain > 1) out << ", hash chain of " << s.chain;
            break;
    }
    if (s.expected) out << "; expected 预计公布 " << *s.expected;
    if (s.description) out << "; " << safe_text(*s.description);
    return out.str();
}

void plan_lines(std::ostream& out, const Plan& p) {
    out << label("任务", "Task") << safe_text(p.title) << "\n"
        << label("发起部门", "Lead") << safe_text(p.department) << "\n";
    if (!p.cooperating_departments.empty())
        out << label("配合部门", "With") << join(p.cooperating_departments) << "\n";
    out << label("检查期间", "Window") << p.window.start << " – " << p.window.end << "\n"
        << "检查事项 Items\n";
    for (const auto& item : p.items)
        out << "  " << safe_text(item.id) << "  " << safe_text(item.name) << " ["
            << safe_text(item.category) << "]\n      依据 basis: " << safe_text(item.legal_basis)
            << "\n";
    out << label("分层", "Strata")
        << (p.strata.field ? std::string(field_name(*p.strata.field)) : std::string("(none)"))
        << ", rounding " << rounding_name(p.rounding)
        << (p.strata.unmatched == Unmatched::exclude ? ", unmatched rows excluded" : "") << "\n";
    for (const auto& g : p.strata.groups) {
        out << "  " << safe_text(g.name);
        if (!g.values.empty()) out << " (" << join(g.values, ", ") << ")";
        if (g.ratio) out << "  ratio " << g.ratio->text();
        if (g.count) out << "  count " << *g.count;
        if (g.min) out << "  min " << *g.min;
        if (g.max) out << "  max " << *g.max;
        out << "\n";
    }
    if (p.minimum_total_ratio) out << "  minimum total ratio " << p.minimum_total_ratio->text() << "\n";
    out << label("重复检查", "Repeat");
    if (p.repeat.within_days == 0 && p.repeat.annual_cap == 0) out << "no rule";
    if (p.repeat.within_days > 0) out << "not inspected within " << p.repeat.within_days << " days";
    if (p.repeat.within_days > 0 && p.repeat.annual_cap > 0) out << "; ";
    if (p.repeat.annual_cap > 0) out << "at most " << p.repeat.annual_cap << " a year";
    out << "\n" << label("检查组", "Team") << p.team.size << " inspectors";
    if (p.team.composition) {
        out << ":";
        for (const auto& [dept, n] : *p.team.composition) out << " " << safe_text(dept) << " ×" << n;
    }
    if (p.team.workload_cap) out << "; at most " << *p.team.workload_cap << " entities each";
    out << "\n" << label("资格", "Eligibility") << "status " << join(p.eligibility.status, ", ");
    if (!p.eligibility.departments.empty()) out << "; departments " << join(p.eligibility.departments);
    if (!p.eligibility.specialties.empty()) out << "; specialties " << join(p.eligibility.specialties);
    out << "\n" << label("回避", "Recusal") << "declared conflicts";
    if (p.recusal.not_own_region) out << "; not in own region 不检查本人片区";
    if (p.recusal.not_last_inspector) out << "; not the last inspector 不连续检查同一对象";
    out << "\n";
    if (!p.confidential.empty()) out << label("密封", "Confidential") << join(p.confidential, ", ") << "\n";
}

Status write_new(const std::filesystem::path& file, const std::string& text) {
    const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        return Error::environment("cannot create " + file.string() + ": " + std::strerror(errno));
    bool ok = true;
    std::size_t written = 0;
    while (ok && written < text.size()) {
        const ssize_t n = ::write(fd, text.data() + written, text.size() - written);
        if (n < 0 && errno == EINTR) continue;
        ok = n > 0;
        if (ok) written += static_cast<std::size_t>(n);
    }
    ok = ::close(fd) == 0 && ok;
    if (!ok) return Error::environment("cannot write " + file.string() + ": " + std::strerror(errno));
    return {};
}

}  // namespace

std::string announcement_text(const StoredAnnouncement& a) {
    std::ostringstream out;
    out << "抽查公告 Draw announcement (" << k_announcement_format << ")\n"
        << label("公告编号", "Id") << to_hex(a.id) << "\n"
        << label("公告时间", "Announced") << a.announced << "\n"
        << label("最早抽取", "Not before") << a.not_before << "\n"
        << label("算法", "Algorithm") << k_draw_algorithm << "\n"
        << label("日志", "Log") << safe_text(a.origin);
    if (a.log_index > 0) out << ", entry " << a.log_index;
    out << "\n";
    if (a.reason) out << label("原因", "Reason") << safe_text(*a.reason) << "\n";
    out << "\n";
    plan_lines(out, a.plan);
    out << label("计划", "Plan SHA-256") << to_hex(a.plan_sha256) << "\n\n名录快照 Snapshots\n";
    snapshot_lines(out, "市场主体 enterprises", a.enterprises);
    snapshot_lines(out, "执法人员 inspectors ", a.inspectors);
    if (a.conflicts)
        snapshot_lines(out, "回避关系 conflicts  ", *a.conflicts);
    else
        out << "  回避关系 conflicts   none declared\n";
    out << "\n" << label("既往抽查", "History") << a.history.size() << " earlier draws";
    for (const auto& h : a.history) out << "\n  " << h.result << " (window from " << h.window_start << ")";
    out << "\n\n随机源 Randomness sources, in this order\n";
    for (std::size_t i = 0; i < a.sources.size(); ++i)
        out << "  " << (i + 1) << ". " << source_line(a.sources[i]) << "\n";
    out << "\nThe seed is SHA-256 of the announcement id and these values (docs/SPEC.md §7).\n"
        << "Check: SHA-256 of " << announcement_file_stem(a.id) << ".json is the id above.\n";
    return out.str();
}

std::string announcement_file_stem(const Hash& id) {
    return "announcement-" + to_hex(id).substr(0, 16);
}

Result<std::vector<std::filesystem::path>> write_announcement_files(
    const StoredAnnouncement& a, const std::filesystem::path& dir) {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) return Error::environment("cannot create folder " + dir.string() + ": " + ec.message());
    const std::string stem = announcement_file_stem(a.id);
    std::vector<std::filesystem::path> out{dir / (stem + ".json"), dir / (stem + ".txt")};
    FD_TRY(write_new(out[0], a.document));
    FD_TRY(write_new(out[1], announcement_text(a)));
    return out;
}

}  // namespace fairdraw
