#include "snapshot_output.h"

namespace fairdraw::cli {
namespace {

std::string join(const std::vector<std::string>& names) {
    std::string out;
    for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
    return out;
}

std::string place_text(RowPlace place) {
    return place.item != 0 ? "item " + std::to_string(place.item)
                           : "line " + std::to_string(place.line);
}

}  // namespace

Json snapshot_json(const SnapshotInfo& info) {
    return Json{{"id", info.id},
                {"kind", kind_name(info.kind)},
                {"root", to_hex(info.root)},
                {"rows", info.rows},
                {"source",
                 {{"file", info.source_file},
                  {"sha256", to_hex(info.source_sha256)},
                  {"bytes", info.source_bytes},
                  {"encoding", info.encoding}}},
                {"created", info.created},
                {"log_index", info.log_index},
                {"format", info.format},
                {"import", info.import_record}};
}

Json import_report_json(const ImportReport& report) {
    Json legacy = Json::array();
    for (const auto& l : report.legacy_examples) {
        Json entry{{"code", l.code}};
        if (l.place.item != 0)
            entry["item"] = l.place.item;
        else
            entry["line"] = l.place.line;
        legacy.push_back(entry);
    }
    Json accepted = Json::array();
    for (const auto& a : report.accepted)
        accepted.push_back({{"code", a.code}, {"reason", a.reason}});
    return Json{{"already_imported", report.already_imported},
                {"snapshot", snapshot_json(report.snapshot)},
                {"extra_columns", report.extra_columns},
                {"dropped_columns", report.dropped_columns},
                {"accepted_codes", accepted},
                {"legacy_codes", report.legacy_codes},
                {"legacy_examples", legacy},
                {"blank_rows", report.blank_rows}};
}

std::string import_report_text(const ImportReport& report) {
    const SnapshotInfo& s = report.snapshot;
    const std::string kind(kind_name(s.kind));
    if (report.already_imported)
        return "already imported as " + kind + " snapshot " + to_hex(s.root) + " (" +
               std::to_string(s.rows) + " rows, from " + s.source_file + " at " + s.created +
               "): nothing changed\n";
    std::string out = "imported " + kind + " snapshot " + to_hex(s.root) + "\n";
    out += "  rows:            " + std::to_string(s.rows) + "\n";
    out += "  source:          " + s.source_file + " (" + s.encoding + ", " +
           std::to_string(s.source_bytes) + " bytes, sha256 " + to_hex(s.source_sha256) + ")\n";
    out += "  log entry:       " + std::to_string(s.log_index) + "\n";
    if (report.legacy_codes > 0) {
        out += "  legacy codes:    " + std::to_string(report.legacy_codes) +
               " 15-digit registration numbers (注册号), accepted and flagged\n";
        for (const auto& l : report.legacy_examples)
            out += "                     " + place_text(l.place) + ": " + l.code + "\n";
        if (report.legacy_codes > report.legacy_examples.size())
            out += "                     … and " +
                   std::to_string(report.legacy_codes - report.legacy_examples.size()) + " more\n";
    }
    for (const auto& a : report.accepted)
        out += "  accepted code:   " + a.code + " (reason: " + a.reason + ")\n";
    if (!report.extra_columns.empty())
        out += "  extra columns:   " + join(report.extra_columns) +
               " (kept in each row under \"extra\")\n";
    if (!report.dropped_columns.empty())
        out += "  dropped columns: " + join(report.dropped_columns) + "\n";
    if (report.blank_rows > 0)
        out += "  empty rows:      " + std::to_string(report.blank_rows) + " skipped\n";
    return out;
}

}  // namespace fairdraw::cli
