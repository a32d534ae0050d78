// Snapshots, their rows and the history, as announcements and draws read them.
#include "draw_inputs.h"

#include <map>
#include <thread>

#include "draw_store.h"
#include "fairdraw/draw_record.h"
#include "row_channel.h"

namespace fairdraw::detail {

Error draw_database_error(const std::exception& e) {
    return Error::environment(std::string("cannot read the workspace database: ") + e.what());
}

namespace {

Result<SnapshotInfo> snapshot_by_root_ref(Workspace& ws, DirectoryKind kind, const Hash& root) {
    auto found = find_snapshot(ws, kind, to_hex(root));
    if (!found)
        return Error::bad_input("the announced " + std::string(kind_name(kind)) + " snapshot " +
                                    to_hex(root) + " is not in this workspace",
                                "draw in the workspace where the announcement was made");
    return found;
}

// Streams a snapshot's rows to `consume` on a second thread while this one
// reads them and re-computes the snapshot's roots from the same bytes; both
// roots must agree with the stored snapshot. (Reading and hashing take about
// as long as parsing the rows, so the two threads are evenly loaded.)
Result<AnnouncedSnapshot> stream_snapshot(
    Workspace& ws, const SnapshotInfo& info, std::vector<std::string> fields, const SealKey& key,
    const std::function<Status(std::uint64_t, std::string_view)>& consume) {
    const std::string name =
        std::string(kind_name(info.kind)) + " snapshot " + to_hex(info.root).substr(0, 16);
    SnapshotRoots roots(info.kind, std::move(fields), key);
    RowChannel channel;
    Status consumed;
    std::thread consumer([&] {
        try {
            while (auto batch = channel.receive()) {
                for (const auto& row : batch->rows) {
                    auto added = consume(row.place.line, batch->data(row));
                    if (!added) {
                        consumed = std::move(added).error();
                        channel.quit();
                        return;
                    }
                }
                channel.recycle(std::move(batch));
            }
        } catch (const std::exception& e) {  // e.g. out of memory: stop reading, report it
            consumed = Error::environment("cannot load the " + name + ": " + e.what());
            channel.quit();
        }
    });
    auto batch = channel.blank();
    Status read = for_each_row(
        ws, info, [&](std::uint64_t index, std::string_view id, std::string_view row) -> Status {
            auto hashed = roots.add(id, row);
            if (!hashed)
                return Error::verification_failed("the " + name + " is damaged: row " +
                                                  std::to_string(index) + ": " +
                                                  hashed.error().message);
            batch->add(id, row, RowPlace{index, 0});
            if (batch->bytes.size() >= RowChannel::k_batch_bytes) {
                if (!channel.send(std::move(batch)))
                    return Error::verification_failed("reading the " + name + " stopped");
                batch = channel.blank();
            }
            return {};
        });
    if (read && !batch->rows.empty()) channel.send(std::move(batch));
    channel.close();
    consumer.join();
    if (!consumed) return std::move(consumed).error();
    if (!read) return std::move(read).error();
    if (roots.rows() != info.rows || roots.root() != info.root)
        return Error::verification_failed(
            "the rows stored for the " + name + " no longer give its root " + to_hex(info.root) +
                " (they give " + to_hex(roots.root()) + ")",
            "the workspace database was changed outside fairdraw; restore it from a backup and "
            "run 'fairdraw log verify'");
    AnnouncedSnapshot out;
    out.root = roots.root();
    out.public_root = roots.public_root();
    out.rows = roots.rows();
    out.sealed = roots.fields();
    return out;
}

Error bad_row(const SnapshotInfo& info, std::uint64_t index, const Error& error) {
    return Error::verification_failed(std::string(kind_name(info.kind)) + " snapshot " +
                                      to_hex(info.root).substr(0, 16) + ", row " +
                                      std::to_string(index) + ": " + error.message);
}

}  // namespace

Result<SnapshotSet> resolve_snapshots(Workspace& ws, const SnapshotRefs& refs) {
    SnapshotSet out;
    std::vector<Problem> problems;
    auto find = [&](DirectoryKind kind, const std::string& ref) -> std::optional<SnapshotInfo> {
        auto found = find_snapshot(ws, kind, ref);
        if (found) return *found;
        if (found.error().kind != ErrorKind::bad_input) return std::nullopt;
        Problem p;
        p.field = "--" + std::string(kind_name(kind));
        p.message = found.error().message;
        p.hint = found.error().hint;
        problems.push_back(std::move(p));
        return std::nullopt;
    };
    auto e = find(DirectoryKind::enterprises, refs.enterprises);
    auto i = find(DirectoryKind::inspectors, refs.inspectors);
    std::optional<SnapshotInfo> c;
    if (refs.conflicts.empty()) {
        auto any = find_snapshot(ws, DirectoryKind::conflicts, "latest");
        if (any) {
            Problem p;
            p.field = "--conflicts";
            p.message = "not given, but this workspace holds conflicts snapshots";
            p.hint =
                "name the declared conflicts with --conflicts SNAPSHOT (or 'latest'), or draw "
                "without any with --conflicts none";
            problems.push_back(std::move(p));
        }
    } else if (refs.conflicts != k_no_conflicts) {
        c = find(DirectoryKind::conflicts, refs.conflicts);
    }
    if (!problems.empty()) {
        const std::size_t n = problems.size();
        return Error::problems(n == 1 ? "a snapshot cannot be used" : "snapshots cannot be used",
                               std::move(problems));
    }
    if (!e || !i || (!c && !refs.conflicts.empty() && refs.conflicts != k_no_conflicts))
        return Error::environment("cannot read the snapshots of the workspace");
    out.enterprises = *e;
    out.inspectors = *i;
    out.conflicts = c;
    return out;
}

Result<SnapshotSet> announced_snapshots(Workspace& ws, const StoredAnnouncement& a) {
    SnapshotSet out;
    FD_ASSIGN(out.enterprises, snapshot_by_root_ref(ws, DirectoryKind::enterprises, a.enterprises.root));
    FD_ASSIGN(out.inspectors, snapshot_by_root_ref(ws, DirectoryKind::inspectors, a.inspectors.root));
    if (a.conflicts) {
        FD_ASSIGN(out.conflicts,
                  snapshot_by_root_ref(ws, DirectoryKind::conflicts, a.conflicts->root));
    }
    const std::pair<const SnapshotInfo*, const AnnouncedSnapshot*> pairs[] = {
        {&out.enterprises, &a.enterprises},
        {&out.inspectors, &a.inspectors},
        {out.conflicts ? &*out.conflicts : nullptr, a.conflicts ? &*a.conflicts : nullptr}};
    for (const auto& [info, announced] : pairs)
        if (info && announced && info->rows != announced->rows)
            return Error::verification_failed(
                "the " + std::string(kind_name(info->kind)) + " snapshot " + to_hex(info->root) +
                " has " + std::to_string(info->rows) + " rows; the announcement says " +
                std::to_string(announced->rows));
    return out;
}

Result<LoadedDirectories> load_directories(Workspace& ws, const SnapshotSet& snapshots,
                                           const Plan& plan, const SealKey* seal_key) {
    LoadedDirectories out;
    const SealKey no_key{};
    const SealKey& key = seal_key ? *seal_key : no_key;
    auto fields = [&](DirectoryKind kind) {
        return seal_key ? sealed_fields(kind, plan) : std::vector<std::string>{};
    };
    const SnapshotInfo& e = snapshots.enterprises;
    out.enterprises.reserve(static_cast<std::size_t>(e.rows));
    FD_ASSIGN(out.enterprise_roots,
              stream_snapshot(ws, e, fields(e.kind), key,
                              [&](std::uint64_t index, std::string_view row) -> Status {
                                  auto added = out.enterprises.add_row(row);
                                  if (!added) return bad_row(e, index, added.error());
                                  return {};
                              }));
    const SnapshotInfo& i = snapshots.inspectors;
    FD_ASSIGN(out.inspector_roots,
              stream_snapshot(ws, i, fields(i.kind), key,
                              [&](std::uint64_t index, std::string_view row) -> Status {
                                  auto parsed = parse_inspector_row(row);
                                  if (!parsed) return bad_row(i, index, parsed.error());
                                  out.inspectors.push_back(std::move(*parsed));
                                  return {};
                              }));
    if (snapshots.conflicts) {
        const SnapshotInfo& c = *snapshots.conflicts;
        FD_ASSIGN(out.conflict_roots,
                  stream_snapshot(ws, c, fields(c.kind), key,
                                  [&](std::uint64_t index, std::string_view row) -> Status {
                                      auto parsed = parse_conflict_row(row);
                                      if (!parsed) return bad_row(c, index, parsed.error());
                                      out.conflicts.push_back(std::move(*parsed));
                                      return {};
                                  }));
    }
    if (!seal_key) {  // public roots are only known with the seal key
        out.enterprise_roots.public_root = Hash{};
        out.inspector_roots.public_root = Hash{};
        if (out.conflict_roots) out.conflict_roots->public_root = Hash{};
    }
    return out;
}

std::vector<HistoryTeam> teams_after(const DrawResult& result,
                                     std::span<const SubstitutionRecord> substitutions) {
    std::map<std::string, std::vector<std::string>> teams;
    auto inspectors = [](const DrawnEntity& e) {
        std::vector<std::string> ids;
        for (const auto& seat : e.team) ids.push_back(seat.inspector);
        return ids;
    };
    for (const auto& e : result.selected) teams[e.code] = inspectors(e);
    for (const auto& s : substitutions) {
        if (s.request.kind == SubstitutionKind::entity) {
            teams.erase(s.request.code);
            if (s.replacement) teams[s.replacement->code] = inspectors(*s.replacement);
            continue;
        }
        for (const auto& refill : s.refills) {
            auto it = teams.find(refill.code);
            if (it != teams.end() && refill.position < it->second.size())
                it->second[refill.position] = refill.seat.inspector;
        }
    }
    std::vector<HistoryTeam> out;
    for (auto& [code, ids] : teams) out.push_back(HistoryTeam{code, std::move(ids)});
    return out;
}

Result<std::vector<HistoryDraw>> workspace_history(Workspace& ws) {
    try {
        std::vector<HistoryDraw> out;
        for (const auto& row : result_draws(ws.db())) {
            const std::string id = to_hex(*row.result_id);
            auto announcement = announcement_by_id(ws.db(), row.announcement);
            if (!announcement)
                return Error::verification_failed("draw " + id + " has no announcement");
            const Json doc = Json::parse(announcement->document, nullptr, false);
            const Json* start = nullptr;
            if (doc.is_object() && doc.contains("plan") && doc["plan"].is_object() &&
                doc["plan"].contains("window") && doc["plan"]["window"].is_object() &&
                doc["plan"]["window"].contains("start"))
                start = &doc["plan"]["window"]["start"];
            if (start == nullptr || !start->is_string())
                return Error::verification_failed("the announcement of draw " + id +
                                                  " is damaged: no plan window");
            FD_ASSIGN(DrawResult result, parse_draw_result(row.document));
            std::vector<SubstitutionRecord> subs;
            for (const auto& s : substitutions_by_draw(ws.db(), *row.result_id)) {
                FD_ASSIGN(auto parsed, parse_substitution(s.record));
                subs.push_back(std::move(parsed));
            }
            out.push_back(HistoryDraw{id, start->get<std::string>(), teams_after(result, subs)});
        }
        return out;
    } catch (const std::exception& e) {
        return draw_database_error(e);
    }
}

}  // namespace fairdraw::detail
