// import_directory: file → decoded text → validated canonical rows → sorted → stored with its root,
// in one change.
//
// Work is split over two threads where it pays: while the rows are validated,
// a second thread reads, hashes, decodes and splits the file (CsvPipeline);
// while the sorted rows are written to the database, a second thread checks
// for duplicate IDs and computes the root (RowChannel). The transaction
// commits only if both succeed and no snapshot with that root exists;
// otherwise it rolls back.
#include <SQLiteCpp/SQLiteCpp.h>

#include <cassert>
#include <memory>
#include <thread>

#include "csv_pipeline.h"
#include "fairdraw/clock.h"
#include "fairdraw/directory_reader.h"
#include "fairdraw/merkle.h"
#include "fairdraw/row_packing.h"
#include "fairdraw/snapshot.h"
#include "fairdraw/snapshot_format.h"
#include "row_channel.h"
#include "row_sorter.h"
#include "snapshot_store.h"
#include "source_file.h"

namespace fairdraw {
namespace {

constexpr std::uint64_t k_progress_rows = 1 << 14;

struct ReadResult {
    bool restart = false;  // the text was not UTF-8 after all: read again as GB18030
    DirectoryReadSummary summary;
    std::string encoding;
};

// Takes rows in ID order: reports duplicate IDs into `problems` and builds the root.
class RootWalk {
  public:
    RootWalk(DirectoryKind kind, const std::string& source, ProblemList& problems)
        : m_kind(kind),
          m_source(source),
          m_problems(problems),
          m_packing(RowPacking::for_kind(kind)) {}

    void add(std::string_view id, std::string_view packed, RowPlace place) {
        if (m_any && id == m_first_id) {
            m_problems.add(duplicate_id_problem(m_kind, m_source, id, m_first_place, place));
            return;
        }
        m_any = true;
        m_first_id.assign(id);
        m_first_place = place;
        // merkle::leaf_hash(canonical row): the prefix byte and the row in one
        // buffer, with one hasher reused for every row.
        m_leaf_input.assign(1, static_cast<char>(merkle::k_leaf_prefix));
        const bool ok = m_packing.append_canonical(packed, m_leaf_input);
        assert(ok);
        (void)ok;
        m_builder.add(m_sha.update(m_leaf_input).finish());
    }

    Hash root() const { return m_builder.root(); }

  private:
    DirectoryKind m_kind;
    const std::string& m_source;
    ProblemList& m_problems;
    RowPacking m_packing;
    merkle::RootBuilder m_builder;
    Sha256 m_sha;
    std::string m_first_id, m_leaf_input;
    RowPlace m_first_place;
    bool m_any = false;
};

Result<Hash> root_and_duplicates(const detail::RowSorter& sorter, DirectoryKind kind,
                                 const std::string& source, ProblemList& problems) {
    RootWalk walk(kind, source, problems);
    FD_TRY(sorter.for_each([&](std::string_view id, std::string_view packed, RowPlace place) {
        walk.add(id, packed, place);
        return Status{};
    }));
    return walk.root();
}

class Importer {
  public:
    Importer(Workspace& workspace, DirectoryKind kind, const std::filesystem::path& path,
             const ImportOptions& options)
        : m_ws(workspace),
          m_kind(kind),
          m_path(path),
          m_options(options),
          m_source(options.source_name.empty() ? path.string() : options.source_name) {}

    Result<ImportReport> run() {
        const InputFormat format = input_format_for(m_path.string());
        if (format == InputFormat::json && m_options.encoding &&
            *m_options.encoding != TextEncoding::utf8)
            return Error::bad_input("JSON input is always UTF-8 (RFC 8259 §8.1); --encoding " +
                                    std::string(encoding_name(*m_options.encoding)) +
                                    " does not apply to " + m_source);
        FD_ASSIGN(auto file, detail::SourceFile::open(m_path, m_source));
        ReadResult read;
        for (int attempt = 0; attempt < 2; ++attempt) {
            reset();
            if (attempt > 0) FD_TRY(file.rewind());
            if (format == InputFormat::json) {
                FD_ASSIGN(read, read_json(file));
            } else {
                FD_ASSIGN(read, read_csv(file, attempt > 0));
            }
            if (!read.restart) break;
        }
        progress(ImportProgress::Phase::sorting, 0, m_sorter->size());
        m_sorter->prepare();

        ImportReport report = make_report(read.summary);
        SnapshotInfo& info = report.snapshot;
        info.kind = m_kind;
        info.rows = m_sorter->size();
        info.source_file = m_source;
        info.source_sha256 = file.finish_hash();
        info.source_bytes = file.bytes_read();
        info.encoding = read.encoding;
        info.format = k_snapshot_format;

        std::optional<Hash> root;
        bool seen_source = false;
        try {
            seen_source = detail::snapshot_with_source(m_ws.db(), m_kind, info.source_sha256);
        } catch (const std::exception& e) {
            return Error::environment(std::string("cannot read the workspace database: ") +
                                      e.what());
        }
        if (!m_problems->empty() || seen_source) {
            // Report duplicates together with the other problems; or, for a file
            // imported before, find its snapshot without writing anything.
            FD_ASSIGN(root, root_and_duplicates(*m_sorter, m_kind, m_source, *m_problems));
            FD_TRY(fail_on_problems());
            if (auto existing = existing_snapshot(*root)) {
                report.snapshot = std::move(*existing);
                report.already_imported = true;
                return report;
            }
        }
        FD_TRY(store(report, root));
        return report;
    }

  private:
    void reset() {
        m_sorter = std::make_unique<detail::RowSorter>(m_ws.dir(), m_options.memory_budget);
        m_problems = std::make_unique<ProblemList>(m_options.max_errors);
    }

    Status fail_on_problems() const {
        if (m_problems->empty()) return {};
        const std::size_t n = m_problems->total();
        return m_problems->to_error("nothing imported: " + m_source + " has " + std::to_string(n) +
                                    (n == 1 ? " problem" : " problems"));
    }

    std::optional<SnapshotInfo> existing_snapshot(const Hash& root) {
        return detail::snapshot_by_root(m_ws.db(), m_kind, root);
    }

    RowSink sink() {
        return [this](std::string_view id, std::string_view canonical, RowPlace place) {
            return m_sorter->add(id, canonical, place);
        };
    }

    void progress(ImportProgress::Phase phase, std::uint64_t rows, std::uint64_t total,
                  std::uint64_t bytes_read = 0, std::uint64_t bytes_total = 0) const {
        if (!m_options.progress) return;
        ImportProgress p;
        p.phase = phase;
        p.rows = rows;
        p.total_rows = total;
        p.bytes_read = bytes_read;
        p.bytes_total = bytes_total;
        m_options.progress(p);
    }

    Result<ReadResult> read_csv(detail::SourceFile& file, bool retry) {
        FD_ASSIGN(TextDecoder decoder, retry ? TextDecoder::retry_as_gb18030(m_source)
                                             : TextDecoder::create(m_options.encoding, m_source));
        CsvDirectoryReader reader(m_kind, m_options.directory, m_source, *m_problems, sink());
        detail::CsvPipeline pipeline(file, std::move(decoder));
        while (true) {
            FD_ASSIGN(CsvBatch * batch, pipeline.next());
            if (batch == nullptr) break;
            FD_TRY(reader.consume(*batch));
            progress(ImportProgress::Phase::reading, m_sorter->size(), 0, pipeline.bytes_read(),
                     file.size());
        }
        pipeline.wait();
        if (pipeline.restart_requested()) return ReadResult{true, {}, {}};
        FD_ASSIGN(auto summary, reader.finish());
        return ReadResult{false, std::move(summary), pipeline.encoding()};
    }

    Result<ReadResult> read_json(detail::SourceFile& file) {
        std::optional<TextDecoder> decoder;
        std::string text;
        int passes = 0;
        auto open = [&]() -> Result<TextChunks> {
            if (passes++ > 0) FD_TRY(file.rewind());
            FD_ASSIGN(TextDecoder fresh, TextDecoder::create(TextEncoding::utf8, m_source));
            decoder.emplace(std::move(fresh));
            return TextChunks([&]() -> Result<std::string_view> {
                text.clear();
                while (text.empty() && !file.at_end()) {
                    FD_ASSIGN(std::string_view chunk, file.read());
                    FD_TRY(decoder->decode(chunk, chunk.empty(), text));
                    progress(ImportProgress::Phase::reading, m_sorter->size(), 0, file.bytes_read(),
                             file.size());
                }
                return std::string_view(text);
            });
        };
        FD_ASSIGN(auto summary, read_json_directory(m_kind, m_options.directory, m_source, open,
                                                    *m_problems, sink()));
        return ReadResult{false, std::move(summary), decoder ? decoder->description() : "utf-8"};
    }

    ImportReport make_report(const DirectoryReadSummary& summary) {
        ImportReport report;
        report.columns = summary.plan.columns;
        report.extra_columns = summary.plan.names(ColumnRole::extra);
        report.dropped_columns = summary.plan.names(ColumnRole::dropped);
        report.accepted = m_options.directory.accepted;
        report.legacy_codes = summary.legacy_codes;
        report.legacy_examples = summary.legacy_examples;
        report.blank_rows = summary.blank_rows;
        m_id_fields.clear();
        const DirectorySpec& spec = directory_spec(m_kind);
        for (int f : summary.plan.id_fields)
            m_id_fields.emplace_back(spec.fields[static_cast<std::size_t>(f)].name);
        return report;
    }

    Json payload(const ImportReport& report) const {
        const SnapshotInfo& info = report.snapshot;
        const DirectorySpec& spec = directory_spec(m_kind);
        Json columns = Json::array();
        for (const auto& use : report.columns) {
            if (use.role != ColumnRole::field) continue;
            columns.push_back({{"column", use.name},
                               {"field", spec.fields[static_cast<std::size_t>(use.field)].name},
                               {"by", use.mapped ? "--map" : "name"}});
        }
        Json accepted = Json::array();
        for (const auto& a : report.accepted)
            accepted.push_back({{"code", a.code}, {"reason", a.reason}});
        return Json{{"kind", kind_name(m_kind)},
                    {"root", to_hex(info.root)},
                    {"rows", info.rows},
                    {"format", info.format},
                    {"source",
                     {{"file", info.source_file},
                      {"sha256", to_hex(info.source_sha256)},
                      {"encoding", info.encoding},
                      {"bytes", info.source_bytes}}},
                    {"columns", columns},
                    {"id_fields", m_id_fields},
                    {"extra_columns", report.extra_columns},
                    {"dropped_columns", report.dropped_columns},
                    {"accepted_codes", accepted},
                    {"legacy_codes", report.legacy_codes},
                    {"blank_rows", report.blank_rows}};
    }

    // Writes the rows, then (root known, no duplicates, no equal snapshot) the
    // snapshot and its log entry; all in one transaction. `root` is given when
    // already computed.
    Status store(ImportReport& report, std::optional<Hash> root) {
        SnapshotInfo& info = report.snapshot;
        std::optional<SnapshotInfo> existing;
        ProblemList duplicates(m_options.max_errors);
        Status status = m_ws.change([&](Change& change) -> Status {
            auto& db = change.db();
            const detail::NextSnapshot at = detail::next_snapshot(db);
            // One walk over the sorted rows: this thread stores them and passes
            // them on to a second thread that checks IDs and computes the root.
            std::optional<Hash> walked;
            std::optional<std::string> walk_failure;
            detail::RowChannel channel;
            {
                std::jthread walker;
                if (!root)
                    walker = std::jthread([&] {
                        try {
                            RootWalk walk(m_kind, m_source, duplicates);
                            while (auto batch = channel.receive()) {
                                for (const auto& row : batch->rows)
                                    walk.add(batch->id(row), batch->data(row), row.place);
                                channel.recycle(std::move(batch));
                            }
                            walked = walk.root();
                        } catch (const std::exception& e) {
                            walk_failure = e.what();
                            channel.quit();
                        }
                    });
                struct CloseChannel {
                    detail::RowChannel& channel;
                    ~CloseChannel() { channel.close(); }  // before the walker is joined
                } close_channel{channel};
                FD_TRY(write_rows(db, at, info.rows, root ? nullptr : &channel));
            }
            if (walk_failure)
                return Error::environment("computing the snapshot root failed: " + *walk_failure);
            if (walked) root = walked;
            if (!duplicates.empty())
                return Error::bad_input("duplicates");  // rolled back; reported below
            if ((existing = detail::snapshot_by_root(db, m_kind, *root)))
                return Error::bad_input("already imported");  // rolled back; reported below
            info.root = *root;
            info.id = at.id;
            info.created = format_utc(change.time());
            info.import_record = payload(report);
            FD_ASSIGN(info.log_index, change.log(k_snapshot_import_entry, info.import_record));
            detail::insert_snapshot(db, info, at.first_block);
            return {};
        });
        if (!duplicates.empty()) {
            m_problems->merge(duplicates);
            return fail_on_problems();
        }
        if (existing) {
            report.snapshot = std::move(*existing);
            report.already_imported = true;
            return {};
        }
        return status;
    }

    // Stores the sorted rows; when `walk` is given, also sends them there in batches.
    Status write_rows(SQLite::Database& db, detail::NextSnapshot at, std::uint64_t total,
                      detail::RowChannel* walk) const {
        detail::BlockWriter writer(db, at);
        std::unique_ptr<detail::RowBatch> batch = walk != nullptr ? walk->blank() : nullptr;
        bool walking = walk != nullptr;
        progress(ImportProgress::Phase::writing, 0, total);
        FD_TRY(m_sorter->for_each(
            [&](std::string_view id, std::string_view data, RowPlace place) -> Status {
                writer.add(id, data);
                if (walking) {
                    batch->add(id, data, place);
                    if (batch->bytes.size() >= detail::RowChannel::k_batch_bytes) {
                        walking = walk->send(std::move(batch));
                        batch = walk->blank();
                    }
                }
                if (writer.rows() % k_progress_rows == 0)
                    progress(ImportProgress::Phase::writing, writer.rows(), total);
                return {};
            }));
        if (walking && !batch->rows.empty()) walk->send(std::move(batch));
        writer.finish();
        progress(ImportProgress::Phase::writing, total, total);
        return {};
    }

    Workspace& m_ws;
    DirectoryKind m_kind;
    std::filesystem::path m_path;
    const ImportOptions& m_options;
    std::string m_source;
    std::unique_ptr<detail::RowSorter> m_sorter;
    std::unique_ptr<ProblemList> m_problems;
    std::vector<std::string> m_id_fields;
};

}  // namespace

Result<ImportReport> import_directory(Workspace& workspace, DirectoryKind kind,
                                      const std::filesystem::path& file,
                                      const ImportOptions& options) {
    try {
        return Importer(workspace, kind, file, options).run();
    } catch (const std::exception& e) {
        return Error::environment(std::string("import failed unexpectedly: ") + e.what());
    }
}

}  // namespace fairdraw
