// Reading CSV directories (CsvDirectoryReader) and whole texts in memory.
#include "fairdraw/directory_reader.h"

#include <algorithm>
#include <cassert>
#include <memory>

#include "fairdraw/row_packing.h"

namespace fairdraw {

CsvDirectoryReader::CsvDirectoryReader(DirectoryKind kind, const DirectoryOptions& options,
                                       std::string source, ProblemList& problems, RowSink sink)
    : m_kind(kind),
      m_options(options),
      m_source(std::move(source)),
      m_problems(problems),
      m_sink(std::move(sink)) {}

void CsvDirectoryReader::issue(CsvIssue issue) {
    std::string field;
    if (issue.field != 0) {
        const bool in_header = issue.record == 1;
        if (!in_header && issue.field <= m_header.size() &&
            !trim_value(m_header[issue.field - 1]).empty())
            field = "column " + std::string(trim_value(m_header[issue.field - 1]));
        else
            field = (in_header ? "header field " : "field ") + std::to_string(issue.field);
    }
    m_problems.add(Problem{m_source, issue.line, std::move(field), std::move(issue.message), "", "",
                           std::move(issue.hint)});
}

void CsvDirectoryReader::record(const CsvRecord& record) {
    m_records = std::max(m_records, record.number);
    if (m_stop) return;
    if (record.number == 1) {  // the header
        for (auto f : record.fields) m_header.emplace_back(f);
        auto plan = plan_columns(m_kind, m_header, m_options, m_source);
        if (!plan) {
            m_stop = std::move(plan).error();
            return;
        }
        m_plan = std::move(plan).value();
        m_summary.plan = *m_plan;
        m_encoder.emplace(*m_plan, m_options, m_source);
        return;
    }
    if (!m_encoder) return;  // the header was refused; its problems are reported
    switch (m_encoder->encode(record.fields, RowPlace{record.line, 0}, m_problems)) {
        case RowEncoder::Outcome::blank:
            ++m_summary.blank_rows;
            return;
        case RowEncoder::Outcome::invalid:
            return;
        case RowEncoder::Outcome::row:
            break;
    }
    ++m_summary.rows;
    if (auto status = m_sink(m_encoder->id(), m_encoder->packed(), RowPlace{record.line, 0});
        !status)
        m_stop = std::move(status).error();
}

Status CsvDirectoryReader::feed(std::string_view text) {
    if (m_stop) return *m_stop;
    m_parser.feed(text, *this);
    if (m_stop) return *m_stop;
    return {};
}

Status CsvDirectoryReader::consume(CsvBatch& batch) {
    if (m_stop) return *m_stop;
    batch.replay(*this);
    if (m_stop) return *m_stop;
    return {};
}

Result<DirectoryReadSummary> CsvDirectoryReader::finish() {
    if (m_stop) return *m_stop;
    m_parser.finish(*this);
    if (m_stop) return *m_stop;
    if (m_records == 0)
        return Error::problems(
            "nothing to import",
            {Problem{m_source, 0, "", "the file is empty", "a header row and rows", "nothing",
                     "export the directory again; the file has no text"}});
    if (!m_encoder) return m_problems.to_error("cannot read the header of " + m_source);
    if (m_summary.rows == 0 && m_problems.empty())
        return Error::problems(
            "nothing to import",
            {Problem{m_source, 0, "", "the file has a header but no rows", "at least one row",
                     m_summary.blank_rows == 0
                         ? "nothing after the header"
                         : std::to_string(m_summary.blank_rows) + " empty rows",
                     "check that the export included the data"}});
    m_encoder->report_unused_accepted(m_problems);
    m_summary.legacy_codes = m_encoder->legacy_count();
    m_summary.legacy_examples = m_encoder->legacy_examples();
    return m_summary;
}

InputFormat input_format_for(std::string_view file_name) {
    if (file_name.size() >= 5) {
        std::string ext(file_name.substr(file_name.size() - 5));
        for (char& c : ext)
            if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        if (ext == ".json") return InputFormat::json;
    }
    return InputFormat::csv;
}

Result<std::vector<DirectoryRow>> read_directory_text(DirectoryKind kind, InputFormat format,
                                                      std::string_view text,
                                                      const DirectoryOptions& options,
                                                      const std::string& source,
                                                      std::size_t max_errors) {
    ProblemList problems(max_errors);
    std::vector<DirectoryRow> rows;
    const RowPacking packing = RowPacking::for_kind(kind);
    RowSink sink = [&](std::string_view id, std::string_view packed, RowPlace place) -> Status {
        DirectoryRow row{std::string(id), {}, place};
        const bool ok = packing.append_canonical(packed, row.canonical);
        assert(ok);
        (void)ok;
        rows.push_back(std::move(row));
        return {};
    };
    if (format == InputFormat::csv) {
        CsvDirectoryReader reader(kind, options, source, problems, sink);
        FD_TRY(reader.feed(text));
        FD_TRY(reader.finish());
    } else {
        auto open = [&]() -> Result<TextChunks> {
            auto done = std::make_shared<bool>(false);
            return TextChunks([text, done]() -> Result<std::string_view> {
                if (*done) return std::string_view();
                *done = true;
                return text;
            });
        };
        FD_TRY(read_json_directory(kind, options, source, open, problems, sink));
    }
    if (!problems.empty()) return problems.to_error("cannot import " + source);
    return rows;
}

}  // namespace fairdraw
