// fairdraw verify: every check of a published bundle, from the folder alone (docs/SPEC.md §12.5).
//
// Checks run in the order of the specification and each adds one line to the
// report. Checks that later ones rest on (the manifest, the key, the
// checkpoint) end the run when they fail; the others all run, so one report
// lists every difference. Snapshot rows are streamed line by line: only the
// rows a replay needs are kept, in the draw core's compact table.
#include <algorithm>
#include <fstream>
#include <map>
#include <set>

#include "bundle_internal.h"
#include "bundle_replay.h"
#include "fairdraw/checkpoint.h"
#include "fairdraw/draw_record.h"
#include "fairdraw/key.h"
#include "fairdraw/merkle.h"
#include "fairdraw/seal.h"
#include "fairdraw/snapshot.h"
#include "log_entry.h"

namespace fairdraw {
namespace {

namespace fs = std::filesystem;
using detail::BundleData;

class Verifier {
  public:
    Verifier(fs::path dir, const VerifyRequest& request) : m_dir(std::move(dir)), m_request(request) {}

    Result<BundleVerification> run() {
        FD_TRY(manifest());
        if (!ok()) return m_report;
        FD_TRY(key());
        if (!ok()) return m_report;
        checkpoint();
        if (!ok()) return m_report;
        log_entries();
        if (!announcement()) return m_report;  // nothing below can be read without it
        if (!result()) return m_report;
        values();
        substitutions();
        snapshots();
        if (m_data.kind == BundleKind::public_rows) openings();
        replay();
        if (m_request.since) FD_TRY(since());
        return m_report;
    }

    BundleData& data() { return m_data; }

  private:
    bool ok() const { return m_report.ok(); }
    void pass(const std::string& name, const std::string& detail) {
        m_report.checks.push_back(BundleCheck{name, CheckOutcome::passed, detail});
    }
    void fail(const std::string& name, const std::string& detail) {
        m_report.checks.push_back(BundleCheck{name, CheckOutcome::failed, detail});
    }
    void note(const std::string& name, CheckOutcome outcome, const std::string& detail) {
        m_report.checks.push_back(BundleCheck{name, outcome, detail});
    }
    Result<std::string> read(const std::string& path) { return detail::read_text_file(m_dir / path); }

    // 1. ---------------------------------------------------------------------------------------
    Status manifest() {
        std::error_code ec;
        if (!fs::is_directory(m_dir, ec))
            return Error::bad_input(m_dir.string() + " is not a folder",
                                    "give the folder fairdraw publish wrote");
        auto text = read(detail::k_manifest_file);
        if (!text)
            return Error::bad_input("cannot read " + (m_dir / detail::k_manifest_file).string(),
                                    "a bundle is the folder fairdraw publish writes");
        FD_ASSIGN(detail::Manifest m, detail::parse_manifest(*text));
        m_data.kind = m.kind;
        m_report.kind = m.kind;
        m_data.manifest = m;
        bool conflicts = false;
        for (const auto& f : m.files)
            if (f.path == detail::snapshot_file(DirectoryKind::conflicts)) conflicts = true;
        const auto expected = detail::bundle_files(m.kind, conflicts);
        std::vector<std::string> listed;
        for (const auto& f : m.files) listed.push_back(f.path);
        if (listed != expected) {
            std::string missing, extra;
            for (const auto& p : expected)
                if (std::find(listed.begin(), listed.end(), p) == listed.end()) missing += " " + p;
            for (const auto& p : listed)
                if (std::find(expected.begin(), expected.end(), p) == expected.end()) extra += " " + p;
            fail("manifest", std::string(detail::k_manifest_file) + ": the files listed are not those of a " +
                                 std::string(bundle_kind_name(m.kind)) + " bundle (missing:" +
                                 (missing.empty() ? " none" : missing) + "; not expected:" +
                                 (extra.empty() ? " none" : extra) + ")");
            return {};
        }
        std::set<std::string> present;
        for (auto it = fs::recursive_directory_iterator(m_dir, ec); !ec && it != fs::end(it);
             it.increment(ec)) {
            const std::string rel = fs::relative(it->path(), m_dir, ec).generic_string();
            if (it->is_directory() && rel == "log" && !it->is_symlink()) continue;
            if (it->is_symlink() || !it->is_regular_file()) {
                fail("manifest", rel + ": not a regular file (a bundle holds only the files of §12.1)");
                return {};
            }
            present.insert(rel);
        }
        for (const auto& p : present)
            if (p != detail::k_manifest_file && !std::binary_search(listed.begin(), listed.end(), p)) {
                fail("manifest", p + ": a file the manifest does not list");
                return {};
            }
        for (const auto& f : m.files) {
            if (f.path.ends_with(".jsonl") && f.path.find('/') == std::string::npos &&
                f.path != detail::k_substitutions_file && f.path != detail::k_openings_file)
                continue;  // a snapshot's rows: hashed as they are read (step 9)
            auto hashed = detail::hash_file(m_dir / f.path);
            if (!hashed) {
                fail("manifest", f.path + ": listed in the manifest but cannot be read");
                continue;
            }
            if (hashed->first != f.bytes) {
                fail("manifest", f.path + ": size differs: expected " + std::to_string(f.bytes) +
                                     " bytes (manifest.json), found " + std::to_string(hashed->first));
                continue;
            }
            const Hash h = hashed->second;
            if (h != f.sha256)
                fail("manifest", f.path + ": SHA-256 differs: expected " + to_hex(f.sha256) +
                                     " (manifest.json), found " + to_hex(h));
        }
        if (ok())
            pass("manifest", std::to_string(m.files.size()) + " files listed; sizes and SHA-256 as listed (" +
                                 std::string(bundle_kind_name(m.kind)) +
                                 " bundle; the snapshot files' as their rows are read)");
        return {};
    }

    // 2. ---------------------------------------------------------------------------------------
    Status key() {
        auto text = read(detail::k_log_key_file);
        std::string line = text ? *text : std::string();
        if (!line.empty() && line.back() == '\n') line.pop_back();
        auto parsed = parse_verifier_key(line);
        if (!text || !parsed) {
            fail("key", std::string(detail::k_log_key_file) + ": not a verifier key" +
                            (parsed ? "" : ": " + parsed.error().message));
            return {};
        }
        m_key = *parsed;
        if (!m_request.key) {
            note("key", CheckOutcome::note,
                 "using the key in the bundle (" + m_key.text() +
                     "), not checked against a key obtained elsewhere: give --key to check it");
            return {};
        }
        std::string given = *m_request.key;
        std::error_code ec;
        if (fs::is_regular_file(given, ec)) {
            FD_ASSIGN(given, detail::read_text_file(given));
            while (!given.empty() && (given.back() == '\n' || given.back() == '\r')) given.pop_back();
        }
        auto trusted = parse_verifier_key(given);
        if (!trusted)
            return Error::bad_input("--key: not a verifier key: " + trusted.error().message,
                                    "give the text 'fairdraw key show' prints, or a file holding it");
        if (!(*trusted == m_key)) {
            fail("key", std::string(detail::k_log_key_file) + ": expected " + trusted->text() +
                            " (--key), found " + m_key.text());
            return {};
        }
        pass("key", "the bundle's key is the key given with --key (" + m_key.text() + ")");
        return {};
    }

    // 3. ---------------------------------------------------------------------------------------
    void checkpoint() {
        auto note_text = read(detail::k_log_checkpoint_file);
        if (!note_text) {
            fail("checkpoint", std::string(detail::k_log_checkpoint_file) + ": cannot be read");
            return;
        }
        auto opened = open_checkpoint(*note_text, m_key);
        if (!opened) {
            fail("checkpoint", std::string(detail::k_log_checkpoint_file) +
                                   ": does not open with the key: " + opened.error().message);
            return;
        }
        m_checkpoint = *opened;
        pass("checkpoint", "signed by " + m_key.name + ", tree size " +
                               std::to_string(m_checkpoint.size) + ", root " +
                               to_base64(m_checkpoint.root));
    }

    // 4. ---------------------------------------------------------------------------------------
    void log_entries() {
        auto text = read(detail::k_log_proofs_file);
        if (!text) return fail("log entries", std::string(detail::k_log_proofs_file) + ": cannot be read");
        std::size_t line_no = 0, start = 0;
        std::optional<std::uint64_t> last;
        bool good = true;
        while (start < text->size()) {
            std::size_t end = text->find('\n', start);
            if (end == std::string::npos) end = text->size();
            const std::string_view line(text->data() + start, end - start);
            start = end + 1;
            ++line_no;
            const std::string where = std::string(detail::k_log_proofs_file) + " line " + std::to_string(line_no);
            Json row = Json::parse(line, nullptr, false);
            if (!row.is_object() || !row.contains("entry") || !row["entry"].is_string() ||
                !row.contains("index") || !row["index"].is_number_unsigned() || !row.contains("path") ||
                !row["path"].is_array()) {
                fail("log entries", where + ": expected {\"entry\", \"index\", \"path\"}");
                good = false;
                continue;
            }
            const std::string entry = row["entry"].get<std::string>();
            const std::uint64_t index = row["index"].get<std::uint64_t>();
            if (last && index <= *last) {
                fail("log entries", where + ": index " + std::to_string(index) + " after " +
                                        std::to_string(*last) + " (indices must increase)");
                good = false;
            }
            last = index;
            auto checked = detail::check_entry(entry, index);
            if (!checked) {
                fail("log entries", where + ": " + checked.error().message);
                good = false;
                continue;
            }
            std::vector<Hash> path;
            bool path_ok = true;
            for (const auto& h : row["path"]) {
                auto bytes = h.is_string() ? from_base64(h.get<std::string>()) : Result<Bytes>(Error::bad_input(""));
                if (!bytes || bytes->size() != k_hash_size) {
                    path_ok = false;
                    break;
                }
                Hash hash{};
                std::copy(bytes->begin(), bytes->end(), hash.begin());
                path.push_back(hash);
            }
            auto proven = path_ok ? merkle::verify_inclusion(merkle::leaf_hash(entry), index,
                                                             m_checkpoint.size, path, m_checkpoint.root)
                                  : Status(Error::bad_input("a path hash is not base64 of 32 bytes"));
            if (!proven) {
                fail("log entries", where + ": the inclusion proof of entry " + std::to_string(index) +
                                        " does not lead to the checkpoint's root: " +
                                        proven.error().message);
                good = false;
                continue;
            }
            m_entries[index] = Json::parse(entry);
        }
        auto init = m_entries.find(0);
        if (init == m_entries.end() || init->second["type"] != "workspace.init") {
            fail("log entries", std::string(detail::k_log_proofs_file) +
                                    ": entry 0 (workspace.init) is missing");
            good = false;
        } else if (init->second["payload"].value("verifier_key", "") != m_key.text()) {
            fail("log entries", std::string(detail::k_log_proofs_file) +
                                    ": entry 0 names the verifier key " +
                                    init->second["payload"].value("verifier_key", "") +
                                    ", the bundle has " + m_key.text());
            good = false;
        }
        if (good)
            pass("log entries", std::to_string(m_entries.size()) +
                                    " entries, each proven in the signed tree of size " +
                                    std::to_string(m_checkpoint.size));
    }

    // Entries of a type whose payload member `member` is `value`.
    std::vector<const Json*> entries_naming(const std::string& type, const char* member,
                                            const std::string& value) const {
        std::vector<const Json*> out;
        for (const auto& [index, e] : m_entries) {
            if (e["type"] != type) continue;
            const Json& p = e["payload"];
            if (p.is_object() && p.contains(member) && p[member] == value) out.push_back(&e);
        }
        return out;
    }

    // 5. ---------------------------------------------------------------------------------------
    bool announcement() {
        auto text = read(detail::k_announcement_file);
        if (!text) {
            fail("announcement", std::string(detail::k_announcement_file) + ": cannot be read");
            return false;
        }
        auto parsed = parse_announcement(*text, detail::k_announcement_file);
        if (!parsed) {
            std::string why = parsed.error().message;
            for (const auto& d : parsed.error().details) why += "; " + d.render();
            fail("announcement", why);
            return false;
        }
        m_data.announcement = std::move(*parsed);
        auto& a = m_data.announcement;
        a.id = sha256(*text);
        const std::string id = to_hex(a.id);
        bool good = true;
        if (a.origin != m_key.name) {
            fail("announcement", std::string(detail::k_announcement_file) + ": origin: expected " +
                                     m_key.name + " (the key's name), found " + a.origin);
            good = false;
        }
        auto named = entries_naming(k_announce_entry, "announcement", id);
        if (named.size() != 1) {
            fail("announcement", "expected one draw.announce entry naming announcement " + id +
                                     " in " + detail::k_log_proofs_file + ", found " +
                                     std::to_string(named.size()));
            return false;
        }
        const Json& snaps = (*named[0])["payload"]["snapshots"];
        auto compare = [&](const char* kind, const std::optional<AnnouncedSnapshot>& s) {
            const Json expected = s ? Json{{"public_root", to_hex(s->public_root)},
                                          {"root", to_hex(s->root)},
                                          {"rows", s->rows}}
                                    : Json(nullptr);
            const Json found = snaps.is_object() && snaps.contains(kind) ? snaps[kind] : Json("missing");
            if (found != expected) {
                fail("announcement", std::string("draw.announce entry, snapshots.") + kind +
                                         ": expected " + expected.dump() + " (announcement.json), found " +
                                         found.dump());
                good = false;
            }
        };
        compare("enterprises", a.enterprises);
        compare("inspectors", a.inspectors);
        compare("conflicts", a.conflicts);
        if (good)
            pass("announcement", "id " + id + ", named by log entry " +
                                     std::to_string((*named[0])["index"].get<std::uint64_t>()));
        return true;
    }

    // 6. ---------------------------------------------------------------------------------------
    void snapshots() {
        const auto& a = m_data.announcement;
        detail::RowSink sink = detail::row_sink(m_data);
        snapshot(DirectoryKind::enterprises, a.enterprises, sink);
        snapshot(DirectoryKind::inspectors, a.inspectors, sink);
        if (a.conflicts) {
            snapshot(DirectoryKind::conflicts, *a.conflicts, sink);
        } else if (fs::exists(m_dir / detail::snapshot_file(DirectoryKind::conflicts))) {
            fail("snapshot conflicts", "conflicts.jsonl is present, the announcement has no conflicts");
        }
        if (a.conflicts == std::nullopt &&
            std::any_of(m_data.manifest.files.begin(), m_data.manifest.files.end(), [](const auto& f) {
                return f.path == detail::snapshot_file(DirectoryKind::conflicts);
            }))
            fail("snapshot conflicts", "the manifest lists conflicts.jsonl, the announcement has no conflicts");
    }

    void snapshot(DirectoryKind kind, const AnnouncedSnapshot& announced, detail::RowSink& sink) {
        const std::string name = "snapshot " + std::string(kind_name(kind));
        const std::string file = detail::snapshot_file(kind);
        const bool public_rows = m_data.kind == BundleKind::public_rows;
        const Hash expected = public_rows ? announced.public_root : announced.root;
        merkle::RootBuilder root;
        std::string previous_id;
        std::uint64_t n = 0;
        bool good = true;
        // The file's own SHA-256 (its manifest line) is computed on the reading
        // thread while this one hashes the rows: the file is read once.
        detail::LineReader reader(m_dir / file);
        std::string_view line;
        while (good && reader.next(line)) {
            ++n;
            auto id = sink.add(kind, n - 1, line);
            if (!id) {
                fail(name, file + " line " + std::to_string(n) + ": " + id.error().message);
                good = false;
                break;
            }
            if (n > 1 && !(previous_id < *id)) {
                fail(name, file + " line " + std::to_string(n) + ": ID " + std::string(*id) +
                               " is not after the previous row's (rows are in ID order, §3.5)");
                good = false;
                break;
            }
            previous_id.assign(*id);
            root.add(merkle::leaf_hash(line));
        }
        auto whole = reader.finish();
        if (!whole) return fail(name, file + ": cannot be read");
        if (good && reader.unterminated()) {
            fail(name, file + " line " + std::to_string(n) + ": does not end with a newline");
            good = false;
        }
        for (const auto& f : m_data.manifest.files)
            if (f.path == file && (f.bytes != whole->first || f.sha256 != whole->second)) {
                fail("manifest", file + ": " +
                                     (f.bytes != whole->first
                                          ? "size differs: expected " + std::to_string(f.bytes) +
                                                " bytes (manifest.json), found " + std::to_string(whole->first)
                                          : "SHA-256 differs: expected " + to_hex(f.sha256) +
                                                " (manifest.json), found " + to_hex(whole->second)));
                good = false;
            }
        if (good && n != announced.rows) {
            fail(name, file + ": expected " + std::to_string(announced.rows) +
                           " rows (announcement.json), found " + std::to_string(n));
            good = false;
        }
        if (good && root.root() != expected) {
            fail(name, file + ": the " + (public_rows ? "public root" : "root") + " of its " +
                           std::to_string(n) + " rows differs: expected " + to_hex(expected) +
                           " (announcement.json snapshots." + std::string(kind_name(kind)) + "." +
                           (public_rows ? "public_root" : "root") + "), found " + to_hex(root.root()));
            good = false;
        }
        bool imported = false;
        for (const Json* e : entries_naming(k_snapshot_import_entry, "root", to_hex(announced.root)))
            if ((*e)["payload"].value("kind", "") == kind_name(kind)) imported = true;
        if (!imported) {
            fail(name, std::string(detail::k_log_proofs_file) + ": no snapshot.import entry of root " +
                           to_hex(announced.root));
            good = false;
        }
        if (good)
            pass(name, std::to_string(n) + " " + (public_rows ? "public rows give the public root " : "rows give the root ") +
                           to_hex(expected).substr(0, 16) + "…; imported in the log");
        m_data.rows_ok[kind] = good;
    }

    // 7. ---------------------------------------------------------------------------------------
    bool result() {
        auto text = read(detail::k_result_file);
        if (!text) {
            fail("result", std::string(detail::k_result_file) + ": cannot be read");
            return false;
        }
        auto parsed = parse_draw_result(*text);
        if (!parsed || !is_canonical_json(*text)) {
            fail("result", std::string(detail::k_result_file) + ": not a draw result document" +
                               (parsed ? " in canonical JSON" : ": " + parsed.error().message));
            return false;
        }
        m_data.result = std::move(*parsed);
        m_data.result_document = *text;
        m_data.result_id = sha256(*text);
        const std::string id = to_hex(m_data.result_id);
        bool good = true;
        if (m_data.result_id != m_data.manifest.result) {
            fail("result", std::string(detail::k_result_file) + ": result id " + id +
                               ", the manifest names " + to_hex(m_data.manifest.result));
            good = false;
        }
        if (m_data.result.announcement != m_data.announcement.id) {
            fail("result", std::string(detail::k_result_file) + ": announcement: expected " +
                               to_hex(m_data.announcement.id) + ", found " +
                               to_hex(m_data.result.announcement));
            good = false;
        }
        auto named = entries_naming(k_draw_result_entry, "result", id);
        if (named.size() != 1) {
            fail("result", "expected one draw.result entry naming result " + id + " in " +
                               detail::k_log_proofs_file + ", found " + std::to_string(named.size()));
            good = false;
        } else {
            const Json& p = (*named[0])["payload"];
            if (p.value("announcement", "") != to_hex(m_data.announcement.id) ||
                p.value("seed", "") != to_hex(m_data.result.seed)) {
                fail("result", "the draw.result entry names announcement " + p.value("announcement", "") +
                                   " and seed " + p.value("seed", "") + "; result.json has " +
                                   to_hex(m_data.result.announcement) + " and " +
                                   to_hex(m_data.result.seed));
                good = false;
            }
        }
        if (good) pass("result", "id " + id + ", named by its draw.result log entry");
        return true;
    }

    // 8. ---------------------------------------------------------------------------------------
    void values() {
        const auto& sources = m_data.announcement.sources;
        const auto& values = m_data.result.values;
        bool good = true;
        if (values.size() != sources.size()) {
            fail("values and seed", std::string(detail::k_result_file) + ": values: expected " +
                                        std::to_string(sources.size()) + " (one per source), found " +
                                        std::to_string(values.size()));
            return;
        }
        for (std::size_t i = 0; i < values.size(); ++i) {
            const std::string where = std::string(detail::k_result_file) + " values item " +
                                      std::to_string(i + 1) + " (" + values[i].name + ")";
            if (values[i].name != sources[i].name) {
                fail("values and seed", where + ": expected source " + sources[i].name + ", found " +
                                            values[i].name);
                good = false;
                continue;
            }
            // A canonical lottery value ends with "/", which is not typed (§6).
            std::string typed = values[i].value;
            if (sources[i].kind == SourceKind::numbers && !typed.empty() && typed.back() == '/') typed.pop_back();
            auto canonical = canonical_value(sources[i], typed);
            if (!canonical) {
                fail("values and seed", where + ": value " + values[i].value +
                                            " does not match its source: " + canonical.error().message);
                good = false;
            } else if (*canonical != values[i].value) {
                fail("values and seed", where + ": expected the canonical value " + *canonical +
                                            ", found " + values[i].value);
                good = false;
            }
        }
        const Hash seed = derive_seed(m_data.announcement.id, values);
        if (seed != m_data.result.seed) {
            fail("values and seed", std::string(detail::k_result_file) + ": seed: expected " +
                                        to_hex(seed) + " (from the values, §7), found " +
                                        to_hex(m_data.result.seed));
            good = false;
        }
        if (good)
            pass("values and seed", detail::counted(values.size(), "value") +
                                        " match their sources; seed " + to_hex(seed));
    }

    // 9. ---------------------------------------------------------------------------------------
    void openings() {
        auto text = read(detail::k_openings_file);
        if (!text) return fail("openings", std::string(detail::k_openings_file) + ": cannot be read");
        detail::check_openings(m_data, *text, [&](const std::string& d) { fail("openings", d); });
        if (m_data.openings_ok)
            pass("openings", std::to_string(m_data.opened.size()) + " drawn entities' sealed values (" +
                                 detail::counted(m_data.announcement.enterprises.sealed.size(), "field") +
                                 " each) open their public rows");
    }

    // 10. --------------------------------------------------------------------------------------
    void substitutions() {
        auto text = read(detail::k_substitutions_file);
        if (!text) return fail("substitutions", std::string(detail::k_substitutions_file) + ": cannot be read");
        const std::string id = to_hex(m_data.result_id);
        auto named = entries_naming(k_draw_substitute_entry, "draw", id);
        bool good = true;
        std::size_t start = 0, k = 0;
        while (start < text->size()) {
            std::size_t end = text->find('\n', start);
            if (end == std::string::npos) end = text->size();
            const std::string line = text->substr(start, end - start);
            start = end + 1;
            ++k;
            const std::string where = std::string(detail::k_substitutions_file) + " line " + std::to_string(k);
            auto parsed = parse_substitution(line);
            if (!parsed || !is_canonical_json(line)) {
                fail("substitutions", where + ": not a substitution record" +
                                          (parsed ? " in canonical JSON" : ": " + parsed.error().message));
                good = false;
                continue;
            }
            if (parsed->number != k || parsed->draw != m_data.result_id) {
                fail("substitutions", where + ": expected number " + std::to_string(k) + " of draw " +
                                          id + ", found number " + std::to_string(parsed->number) +
                                          " of draw " + to_hex(parsed->draw));
                good = false;
            }
            const std::string record = to_hex(sha256(line));
            const Json* entry = nullptr;
            for (const Json* e : named)
                if ((*e)["payload"].value("number", std::uint64_t{0}) == k) entry = e;
            if (!entry) {
                fail("substitutions", where + ": no draw.substitute log entry has number " + std::to_string(k));
                good = false;
            } else if ((*entry)["payload"].value("record", "") != record) {
                fail("substitutions", where + ": SHA-256 differs: expected " +
                                          (*entry)["payload"].value("record", "") + " (log entry " +
                                          std::to_string((*entry)["index"].get<std::uint64_t>()) +
                                          "), found " + record);
                good = false;
            }
            m_data.substitution_lines.push_back(line);
            if (parsed) m_data.substitutions.push_back(std::move(*parsed));
        }
        if (named.size() != k) {
            fail("substitutions", std::string(detail::k_substitutions_file) + ": expected " +
                                      std::to_string(named.size()) +
                                      " records (the draw.substitute log entries), found " +
                                      std::to_string(k));
            good = false;
        }
        if (good) pass("substitutions", detail::counted(k, "record") + ", each named by its log entry");
    }

    // 11. --------------------------------------------------------------------------------------
    void replay() {
        for (const auto& [kind, good] : m_data.rows_ok)
            if (!good)
                return fail("replay", "not run: the " + std::string(kind_name(kind)) +
                                          " rows do not give their announced root");
        auto outcome = detail::replay(m_data);
        for (const auto& c : outcome) m_report.checks.push_back(c);
        m_report.complete_replay = m_data.complete_replay;
    }

    // 12. --------------------------------------------------------------------------------------
    Status since() {
        auto text = detail::read_text_file(*m_request.since);
        if (!text)
            return Error::bad_input("--since: cannot read " + m_request.since->string(),
                                    "give a checkpoint saved earlier, e.g. with 'fairdraw log checkpoint'");
        auto old = open_checkpoint(*text, m_key);
        const std::string what = "--since " + m_request.since->string();
        if (!old) {
            fail("since", what + ": does not open with the key: " + old.error().message);
            return {};
        }
        const std::uint64_t m = old->size, n = m_checkpoint.size;
        if (m > n) {
            fail("since", what + ": size " + std::to_string(m) + " is after the bundle's checkpoint (" +
                              std::to_string(n) + "); publish again to include it");
            return {};
        }
        std::vector<Hash> path;
        if (m < n) {
            auto lines = read(detail::k_log_consistency_file);
            bool found = false;
            if (lines) {
                std::size_t start = 0;
                while (start < lines->size()) {
                    std::size_t end = lines->find('\n', start);
                    if (end == std::string::npos) end = lines->size();
                    Json row = Json::parse(std::string_view(lines->data() + start, end - start), nullptr, false);
                    start = end + 1;
                    if (!row.is_object() || row.value("old_size", std::uint64_t{0}) != m ||
                        !row.contains("path") || !row["path"].is_array())
                        continue;
                    found = true;
                    for (const auto& h : row["path"]) {
                        auto bytes = h.is_string() ? from_base64(h.get<std::string>()) : Result<Bytes>(Error::bad_input(""));
                        Hash hash{};
                        if (bytes && bytes->size() == k_hash_size) std::copy(bytes->begin(), bytes->end(), hash.begin());
                        path.push_back(hash);
                    }
                }
            }
            if (!found) {
                fail("since", std::string(detail::k_log_consistency_file) + ": no proof from size " +
                                  std::to_string(m));
                return {};
            }
        }
        auto consistent = merkle::verify_consistency(m, n, path, old->root, m_checkpoint.root);
        if (!consistent) {
            fail("since", std::string(detail::k_log_consistency_file) + " old_size " + std::to_string(m) +
                              ": the log of the bundle does not extend the checkpoint of " + what + ": " +
                              consistent.error().message);
            return {};
        }
        pass("since", "the bundle's log (size " + std::to_string(n) + ") extends the checkpoint of size " +
                          std::to_string(m) + " given with --since");
        return {};
    }

    fs::path m_dir;
    VerifyRequest m_request;
    BundleVerification m_report;
    VerifierKey m_key;
    Checkpoint m_checkpoint;
    std::map<std::uint64_t, Json> m_entries;
    BundleData m_data;
};

std::string_view outcome_name(CheckOutcome o) {
    switch (o) {
        case CheckOutcome::passed: return "ok";
        case CheckOutcome::failed: return "FAILED";
        case CheckOutcome::not_checkable: return "not checkable";
        case CheckOutcome::note: return "note";
    }
    return "";
}

}  // namespace

Result<BundleVerification> verify_bundle(const fs::path& dir, const VerifyRequest& request) {
    Verifier v(dir, request);
    return v.run();
}

namespace detail {
Result<BundleData> load_verified_bundle(const fs::path& dir, BundleVerification& report) {
    Verifier v(dir, VerifyRequest{});
    FD_ASSIGN(report, v.run());
    return std::move(v.data());
}
}  // namespace detail

Json verification_json(const BundleVerification& report) {
    Json checks = Json::array();
    for (const auto& c : report.checks)
        checks.push_back(Json{{"check", c.name}, {"outcome", std::string(outcome_name(c.outcome))}, {"detail", c.detail}});
    return Json{{"ok", report.ok()},
                {"bundle", std::string(bundle_kind_name(report.kind))},
                {"complete_replay", report.complete_replay},
                {"checks", checks}};
}

std::string verification_text(const BundleVerification& report) {
    std::string out;
    for (const auto& c : report.checks)
        out += std::string(outcome_name(c.outcome)) + "  " + c.name + ": " + c.detail + "\n";
    out += report.ok() ? "bundle verified\n" : "VERIFICATION FAILED\n";
    return out;
}

}  // namespace fairdraw
