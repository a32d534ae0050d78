// The bundle's file list, manifest and shared helpers (docs/SPEC.md §12.1, §12.2).
#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include "bundle_internal.h"

namespace fairdraw {

std::string_view bundle_kind_name(BundleKind kind) {
    return kind == BundleKind::full ? "full" : "public";
}

bool BundleVerification::ok() const {
    return std::none_of(checks.begin(), checks.end(),
                        [](const BundleCheck& c) { return c.outcome == CheckOutcome::failed; });
}

}  // namespace fairdraw

namespace fairdraw::detail {

std::string snapshot_file(DirectoryKind kind) { return std::string(kind_name(kind)) + ".jsonl"; }

std::vector<std::string> bundle_files(BundleKind kind, bool conflicts) {
    std::vector<std::string> out = {k_announcement_file,   k_result_file,
                                    k_substitutions_file,  snapshot_file(DirectoryKind::enterprises),
                                    snapshot_file(DirectoryKind::inspectors),
                                    k_log_key_file,        k_log_checkpoint_file,
                                    k_log_proofs_file,     k_log_consistency_file,
                                    k_notice_file,         k_drawn_csv_file,
                                    k_drawn_json_file};
    if (conflicts) out.push_back(snapshot_file(DirectoryKind::conflicts));
    if (kind == BundleKind::public_rows) out.push_back(k_openings_file);
    std::sort(out.begin(), out.end());
    return out;
}

Result<std::string> read_text_file(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) return Error::bad_input("cannot read " + file.string());
    std::ostringstream text;
    text << in.rdbuf();
    if (in.bad()) return Error::bad_input("cannot read " + file.string());
    return text.str();
}

Result<std::pair<std::uint64_t, Hash>> hash_file(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) return Error::bad_input("cannot read " + file.string());
    Sha256 hash;
    std::vector<char> buffer(std::size_t{1} << 20);
    std::uint64_t size = 0;
    while (in) {
        in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
        const auto n = static_cast<std::size_t>(in.gcount());
        if (n == 0) break;
        hash.update(std::string_view(buffer.data(), n));
        size += n;
    }
    if (in.bad()) return Error::bad_input("cannot read " + file.string());
    return std::pair<std::uint64_t, Hash>{size, hash.finish()};
}

Status write_text_file(const std::filesystem::path& file, std::string_view text) {
    std::error_code ec;
    std::filesystem::create_directories(file.parent_path(), ec);
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    out.close();
    if (!out) return Error::environment("cannot write " + file.string());
    return {};
}

std::string manifest_json(const Manifest& manifest) {
    Json files = Json::array();
    for (const auto& f : manifest.files)
        files.push_back(Json{{"bytes", f.bytes}, {"path", f.path}, {"sha256", to_hex(f.sha256)}});
    Json doc = {{"files", files},
                {"format", std::string(k_bundle_format)},
                {"kind", std::string(bundle_kind_name(manifest.kind))},
                {"result", to_hex(manifest.result)}};
    return canonical_json(doc).value();
}

Result<Manifest> parse_manifest(std::string_view text) {
    auto bad = [](const std::string& what) {
        return Error::bad_input(std::string(k_manifest_file) + ": " + what,
                                "a bundle is the folder fairdraw publish writes (docs/SPEC.md §12.2)");
    };
    FD_ASSIGN(Json doc, parse_json(text, k_manifest_file));
    if (!is_canonical_json(text)) return bad("not canonical JSON");
    if (!doc.is_object() || doc.size() != 4 || !doc.contains("files") || !doc.contains("format") ||
        !doc.contains("kind") || !doc.contains("result"))
        return bad("expected exactly the members files, format, kind and result");
    if (doc["format"] != std::string(k_bundle_format))
        return bad("format: expected " + std::string(k_bundle_format) + ", found " +
                   doc["format"].dump());
    Manifest m;
    if (doc["kind"] == "public")
        m.kind = BundleKind::public_rows;
    else if (doc["kind"] == "full")
        m.kind = BundleKind::full;
    else
        return bad("kind: expected \"public\" or \"full\", found " + doc["kind"].dump());
    if (!doc["result"].is_string()) return bad("result: expected a hex result id");
    auto result = hash_from_hex(doc["result"].get<std::string>());
    if (!result) return bad("result: expected 64 lower-case hex digits");
    m.result = *result;
    if (!doc["files"].is_array()) return bad("files: expected an array");
    std::size_t n = 0;
    for (const auto& f : doc["files"]) {
        ++n;
        const std::string item = "files item " + std::to_string(n);
        if (!f.is_object() || f.size() != 3 || !f.contains("bytes") || !f.contains("path") ||
            !f.contains("sha256") || !f["bytes"].is_number_unsigned() || !f["path"].is_string() ||
            !f["sha256"].is_string())
            return bad(item + ": expected {\"bytes\", \"path\", \"sha256\"}");
        auto hash = hash_from_hex(f["sha256"].get<std::string>());
        if (!hash) return bad(item + ": sha256 is not 64 hex digits");
        ManifestFile file{f["path"].get<std::string>(), f["bytes"].get<std::uint64_t>(), *hash};
        if (!m.files.empty() && !(m.files.back().path < file.path))
            return bad(item + ": paths must be sorted and unique");
        m.files.push_back(std::move(file));
    }
    return m;
}

std::vector<std::string> fields_used_by_draw(const Plan& plan) {
    std::set<std::string> used = {"status"};
    if (plan.strata.field) used.insert(std::string(field_name(*plan.strata.field)));
    const Population& p = plan.population;
    if (!p.industry.empty()) used.insert("industry");
    if (!p.region.empty()) used.insert("region");
    if (!p.entity_type.empty()) used.insert("entity_type");
    if (!p.jurisdiction.empty()) used.insert("jurisdiction");
    if (plan.repeat.within_days != 0 || plan.repeat.annual_cap != 0) used.insert("last_inspected");
    if (plan.recusal.not_own_region) used.insert("region");
    return {used.begin(), used.end()};
}

std::vector<CurrentEntity> current_entities(const DrawResult& result,
                                            const std::vector<SubstitutionRecord>& substitutions) {
    std::vector<CurrentEntity> out;
    for (const auto& e : result.selected) out.push_back(CurrentEntity{e, false});
    for (const auto& s : substitutions) {
        if (s.request.kind == SubstitutionKind::entity) {
            std::erase_if(out, [&](const CurrentEntity& c) { return c.entity.code == s.request.code; });
            if (s.replacement) out.push_back(CurrentEntity{*s.replacement, true});
            continue;
        }
        for (const auto& refill : s.refills)
            for (auto& c : out)
                if (c.entity.code == refill.code && refill.position < c.entity.team.size())
                    c.entity.team[refill.position] = refill.seat;
    }
    std::sort(out.begin(), out.end(), [](const CurrentEntity& a, const CurrentEntity& b) {
        if (a.entity.ticket != b.entity.ticket) return a.entity.ticket < b.entity.ticket;
        return a.entity.code < b.entity.code;
    });
    return out;
}

std::string spreadsheet_text(std::string_view text) {
    if (!text.empty() && (text[0] == '=' || text[0] == '+' || text[0] == '-' || text[0] == '@' ||
                          text[0] == '\t' || text[0] == '\r'))
        return "'" + std::string(text);
    return std::string(text);
}

std::string counted(std::uint64_t n, std::string_view noun) {
    return std::to_string(n) + " " + std::string(noun) + (n == 1 ? "" : "s");
}

std::string html_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default: out += c;
        }
    }
    return out;
}

}  // namespace fairdraw::detail
