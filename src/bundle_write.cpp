// fairdraw publish: write a bundle into a staging folder, verify it, move it
// into place and record the publication (docs/SPEC.md §12).
#include <SQLiteCpp/SQLiteCpp.h>
#include <unistd.h>

#include <fstream>
#include <set>

#include "bundle_internal.h"
#include "draw_inputs.h"
#include "fairdraw/draw_record.h"
#include "fairdraw/log.h"
#include "fairdraw/merkle.h"
#include "fairdraw/seal.h"
#include "fairdraw/snapshot.h"

namespace fairdraw {
namespace {

namespace fs = std::filesystem;

struct Staging {
    fs::path dir;
    bool keep = false;
    ~Staging() {
        std::error_code ec;
        if (!keep && !dir.empty()) fs::remove_all(dir, ec);
    }
};

std::string jsonl(const std::vector<std::string>& lines) {
    std::string out;
    for (const auto& l : lines) out += l + "\n";
    return out;
}

// Writes one snapshot's rows (public or canonical) and checks them against the announcement.
Status write_snapshot(Workspace& ws, const SnapshotInfo& info, const AnnouncedSnapshot& announced,
                      BundleKind kind, const SealKey& key, const fs::path& file,
                      const std::function<void(std::string_view id, std::string_view row)>& each) {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    if (!out) return Error::environment("cannot write " + file.string());
    SnapshotRoots roots(info.kind, announced.sealed, key);
    Status read = for_each_row(ws, info, [&](std::uint64_t, std::string_view id, std::string_view row) -> Status {
        FD_TRY(roots.add(id, row));
        if (kind == BundleKind::full || announced.sealed.empty()) {
            out << row << '\n';
        } else {
            FD_ASSIGN(std::string pub, public_row(info.kind, id, row, announced.sealed, key));
            out << pub << '\n';
        }
        each(id, row);
        return {};
    });
    if (!read) return std::move(read).error();
    if (roots.root() != announced.root || roots.public_root() != announced.public_root ||
        roots.rows() != announced.rows)
        return Error::verification_failed(
            "the " + std::string(kind_name(info.kind)) + " snapshot " + to_hex(info.root) +
                " does not give the announced roots",
            "run 'fairdraw log verify'; the workspace may have been changed outside fairdraw");
    out.close();
    if (!out) return Error::environment("cannot write " + file.string());
    return {};
}

// The entries a bundle proves (§12.4), by index.
Result<std::vector<std::uint64_t>> involved_entries(Workspace& ws, const StoredAnnouncement& a,
                                                    const Hash& result_id) {
    std::vector<std::uint64_t> out;
    std::map<std::string, std::string> roots = {
        {"enterprises", to_hex(a.enterprises.root)}, {"inspectors", to_hex(a.inspectors.root)}};
    if (a.conflicts) roots["conflicts"] = to_hex(a.conflicts->root);
    const std::string announcement = to_hex(a.id), result = to_hex(result_id);
    FD_TRY(tlog::for_each_entry(ws, 0, [&](const tlog::Entry& e) -> Status {
        Json entry = Json::parse(e.data, nullptr, false);
        if (!entry.is_object()) return {};
        const std::string type = entry.value("type", "");
        const Json& p = entry["payload"];
        auto member = [&](const char* name) {
            return p.is_object() && p.contains(name) && p[name].is_string() ? p[name].get<std::string>()
                                                                           : std::string();
        };
        bool take = e.index == 0;
        if (type == k_snapshot_import_entry) {
            auto it = roots.find(member("kind"));
            if (it != roots.end() && it->second == member("root")) {
                take = true;
                roots.erase(it);  // the first import of that root only
            }
        }
        if (type == k_announce_entry && member("announcement") == announcement) take = true;
        if (type == k_draw_result_entry && member("result") == result) take = true;
        if (type == k_draw_substitute_entry && member("draw") == result) take = true;
        if (take) out.push_back(e.index);
        return {};
    }));
    if (!roots.empty())
        return Error::verification_failed("no snapshot.import log entry names the announced " +
                                          roots.begin()->first + " root " + roots.begin()->second);
    return out;
}

Status write_log_part(Workspace& ws, const StoredAnnouncement& a, const Hash& result_id,
                      const fs::path& dir, tlog::SignedCheckpoint& checkpoint) {
    FD_ASSIGN(checkpoint, tlog::latest_checkpoint(ws));
    FD_ASSIGN(VerifierKey key, tlog::verifier_key(ws));
    const std::uint64_t n = checkpoint.checkpoint.size;
    FD_ASSIGN(auto indices, involved_entries(ws, a, result_id));
    FD_ASSIGN(auto proofs, tlog::prove_inclusion(ws, indices, n));
    std::vector<std::string> lines;
    for (const auto& p : proofs) {
        Json path = Json::array();
        for (const auto& h : p.path) path.push_back(to_base64(h));
        FD_ASSIGN(std::string line,
                  canonical_json(Json{{"entry", p.entry}, {"index", p.index}, {"path", path}}));
        lines.push_back(std::move(line));
    }
    FD_TRY(detail::write_text_file(dir / detail::k_log_proofs_file, jsonl(lines)));
    std::vector<std::uint64_t> sizes;
    try {
        SQLite::Statement q(ws.db(), "SELECT size FROM log_checkpoint WHERE size < ? ORDER BY size");
        q.bind(1, static_cast<std::int64_t>(n));
        while (q.executeStep()) sizes.push_back(static_cast<std::uint64_t>(q.getColumn(0).getInt64()));
    } catch (const std::exception& e) {
        return detail::draw_database_error(e);
    }
    lines.clear();
    for (std::uint64_t m : sizes) {
        FD_ASSIGN(auto proof, tlog::prove_consistency(ws, m, n));
        Json path = Json::array();
        for (const auto& h : proof.path) path.push_back(to_base64(h));
        FD_ASSIGN(std::string line, canonical_json(Json{{"old_size", m}, {"path", path}}));
        lines.push_back(std::move(line));
    }
    FD_TRY(detail::write_text_file(dir / detail::k_log_consistency_file, jsonl(lines)));
    FD_TRY(detail::write_text_file(dir / detail::k_log_checkpoint_file, checkpoint.note));
    return detail::write_text_file(dir / detail::k_log_key_file, key.text() + "\n");
}

Result<detail::Manifest> write_manifest(const fs::path& dir, BundleKind kind, const Hash& result_id,
                                        bool conflicts) {
    detail::Manifest m;
    m.kind = kind;
    m.result = result_id;
    for (const auto& path : detail::bundle_files(kind, conflicts)) {
        FD_ASSIGN(auto hashed, detail::hash_file(dir / path));
        m.files.push_back(detail::ManifestFile{path, hashed.first, hashed.second});
    }
    FD_TRY(detail::write_text_file(dir / detail::k_manifest_file, detail::manifest_json(m)));
    return m;
}

// An existing --out: empty (used), the same bundle (nothing to do), or refused.
Result<bool> same_bundle_exists(const fs::path& out, BundleKind kind, const Hash& result_id) {
    std::error_code ec;
    if (!fs::exists(out, ec)) return false;
    if (fs::is_directory(out, ec) && fs::is_empty(out, ec)) return false;
    auto refuse = [&](const std::string& why) {
        return Error::bad_input("--out " + out.string() + " " + why,
                                "name a new or empty folder; nothing was written");
    };
    if (!fs::is_directory(out, ec)) return refuse("exists and is not a folder");
    auto text = detail::read_text_file(out / detail::k_manifest_file);
    if (!text) return refuse("is not empty");
    auto m = detail::parse_manifest(*text);
    if (!m || m->kind != kind || m->result != result_id)
        return refuse("is not empty and holds no " + std::string(bundle_kind_name(kind)) +
                      " bundle of draw " + to_hex(result_id));
    FD_ASSIGN(auto report, verify_bundle(out, VerifyRequest{}));
    if (!report.ok()) return refuse("holds a bundle of this draw that does not verify");
    return true;
}

}  // namespace

Result<PublishReport> publish_bundle(Workspace& ws, const PublishRequest& request) {
    FD_ASSIGN(StoredDraw d, find_draw(ws, request.draw));
    if (d.outcome != DrawOutcome::result || !d.result_id)
        return Error::bad_input("draw " + request.draw + " has no result (no draw was possible)",
                                "only a draw result can be published");
    FD_ASSIGN(StoredAnnouncement a, find_announcement(ws, to_hex(d.announcement)));
    FD_ASSIGN(DrawResult result, parse_draw_result(d.document));
    FD_ASSIGN(auto stored_subs, substitutions_of(ws, *d.result_id));
    std::vector<SubstitutionRecord> subs;
    for (const auto& s : stored_subs) subs.push_back(s.parsed);

    PublishReport report;
    report.dir = request.out;
    report.kind = request.kind;
    report.result_id = *d.result_id;
    FD_ASSIGN(bool exists, same_bundle_exists(request.out, request.kind, *d.result_id));
    if (exists) {
        FD_ASSIGN(std::string text, detail::read_text_file(request.out / detail::k_manifest_file));
        report.manifest = sha256(text);
        report.already_published = true;
        return report;
    }

    Staging staging;
    fs::path out = fs::absolute(request.out).lexically_normal();
    if (out.filename().empty()) out = out.parent_path();
    staging.dir = out.parent_path() / ("." + out.filename().string() + ".staging-" +
                                       std::to_string(static_cast<long>(::getpid())));
    std::error_code ec;
    fs::remove_all(staging.dir, ec);
    if (!fs::create_directories(staging.dir, ec) || ec)
        return Error::environment("cannot create " + staging.dir.string() + ": " + ec.message());
    const fs::path& dir = staging.dir;

    FD_TRY(detail::write_text_file(dir / detail::k_announcement_file, a.document));
    FD_TRY(detail::write_text_file(dir / detail::k_result_file, d.document));
    std::vector<std::string> sub_lines;
    for (const auto& s : stored_subs) sub_lines.push_back(s.record);
    FD_TRY(detail::write_text_file(dir / detail::k_substitutions_file, jsonl(sub_lines)));

    // The drawn entities: selected, then replacements (the order of openings.jsonl).
    std::vector<std::string> drawn;
    for (const auto& e : result.selected) drawn.push_back(e.code);
    for (const auto& s : subs)
        if (s.replacement) drawn.push_back(s.replacement->code);
    const std::set<std::string, std::less<>> drawn_set(drawn.begin(), drawn.end());

    SealKey key{};
    if (request.kind == BundleKind::public_rows) {
        FD_ASSIGN(key, announcement_seal_key(ws, a.id));
    } else {
        // The full bundle needs no seal key, but its roots are still checked against both.
        auto k = announcement_seal_key(ws, a.id);
        if (k) key = *k;
    }
    FD_ASSIGN(detail::SnapshotSet snaps, detail::announced_snapshots(ws, a));
    std::map<std::string, Enterprise, std::less<>> entities;
    Status parse_ok;
    FD_TRY(write_snapshot(ws, snaps.enterprises, a.enterprises, request.kind, key,
                          dir / detail::snapshot_file(DirectoryKind::enterprises),
                          [&](std::string_view id, std::string_view row) {
                              if (!drawn_set.count(id)) return;
                              auto e = parse_enterprise_row(row);
                              if (e) entities[std::string(id)] = *e;
                          }));
    std::map<std::string, Inspector, std::less<>> inspectors;
    FD_TRY(write_snapshot(ws, snaps.inspectors, a.inspectors, request.kind, key,
                          dir / detail::snapshot_file(DirectoryKind::inspectors),
                          [&](std::string_view id, std::string_view row) {
                              auto i = parse_inspector_row(row);
                              if (i) inspectors[std::string(id)] = *i;
                          }));
    if (snaps.conflicts && a.conflicts) {
        FD_TRY(write_snapshot(ws, *snaps.conflicts, *a.conflicts, request.kind, key,
                              dir / detail::snapshot_file(DirectoryKind::conflicts),
                              [](std::string_view, std::string_view) {}));
    }
    if (request.kind == BundleKind::public_rows) {
        std::vector<std::string> lines;
        for (const auto& code : drawn) {
            auto it = entities.find(code);
            if (it == entities.end())
                return Error::verification_failed("drawn entity " + code +
                                                  " is not a row of the announced snapshot");
            Json fields = Json::object();
            for (const auto& f : a.enterprises.sealed) {
                auto field = enterprise_field(f);
                const std::string value = field ? it->second[*field] : std::string();
                fields[f] = Json{{"salt", to_hex(seal_salt(key, DirectoryKind::enterprises, code, f))},
                                 {"value", value}};
            }
            if (a.enterprises.sealed.empty()) continue;
            FD_ASSIGN(std::string line, canonical_json(Json{{"code", code}, {"fields", fields}}));
            lines.push_back(std::move(line));
        }
        FD_TRY(detail::write_text_file(dir / detail::k_openings_file, jsonl(lines)));
    }

    tlog::SignedCheckpoint checkpoint;
    FD_TRY(write_log_part(ws, a, *d.result_id, dir, checkpoint));
    FD_ASSIGN(VerifierKey vkey, tlog::verifier_key(ws));

    // In a public notice, sealed values appear only for the drawn entities (opened anyway).
    detail::NoticeInput notice{a,           result, *d.result_id, subs, detail::current_entities(result, subs),
                               entities,    inspectors, request.kind, checkpoint.note, vkey.text()};
    FD_TRY(detail::write_text_file(dir / detail::k_notice_file, detail::notice_html(notice)));
    FD_TRY(detail::write_text_file(dir / detail::k_drawn_csv_file, detail::drawn_csv(notice)));
    FD_TRY(detail::write_text_file(dir / detail::k_drawn_json_file, detail::drawn_json(notice)));
    FD_ASSIGN(detail::Manifest manifest,
              write_manifest(dir, request.kind, *d.result_id, a.conflicts.has_value()));
    FD_ASSIGN(std::string manifest_text, detail::read_text_file(dir / detail::k_manifest_file));
    report.manifest = sha256(manifest_text);
    for (const auto& f : manifest.files) report.files.push_back(f.path);

    // The staged bundle must verify with the same code anyone else runs.
    FD_ASSIGN(BundleVerification check, verify_bundle(dir, VerifyRequest{}));
    if (!check.ok()) {
        std::string first;
        for (const auto& c : check.checks)
            if (c.outcome == CheckOutcome::failed) {
                first = c.name + ": " + c.detail;
                break;
            }
        return Error::verification_failed("the bundle written does not verify: " + first,
                                          "nothing was published; run 'fairdraw log verify'");
    }

    if (fs::exists(out, ec)) fs::remove(out, ec);  // an empty folder, checked above
    fs::rename(dir, out, ec);
    if (ec) return Error::environment("cannot move the bundle to " + out.string() + ": " + ec.message());
    staging.keep = true;
    const Json payload = {{"announcement", to_hex(a.id)},
                          {"bundle", std::string(bundle_kind_name(request.kind))},
                          {"checkpoint_size", checkpoint.checkpoint.size},
                          {"manifest", to_hex(report.manifest)},
                          {"result", to_hex(*d.result_id)}};
    Status logged = ws.change([&](Change& change) -> Status {
        FD_ASSIGN(report.log_index, change.log(k_draw_publish_entry, payload));
        return {};
    });
    if (!logged) {
        fs::remove_all(out, ec);  // not recorded: not published
        return std::move(logged).error();
    }
    return report;
}

}  // namespace fairdraw
