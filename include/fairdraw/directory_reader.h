// directory_reader.h — reading a whole directory file (CSV or JSON text) into canonical rows.
//
// Puts csv.h and directory.h together: the first CSV record is the header,
// each further record is validated and encoded, and every valid row is
// handed to a sink with its ID, packed canonical row and place. JSON input is an
// array of objects whose keys are column names or canonical field names; it
// is read twice (first the keys, to plan the columns as for a CSV header,
// then the rows), streaming, so its size is not limited by memory.
//
// Bad input becomes Problems in the given list and reading goes on; the
// caller decides to fail when the list is not empty. A header that does not
// fit the kind, undecodable text or a failing sink stops the reading with an
// Error. Nothing here touches a file or a database.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fairdraw/csv.h"
#include "fairdraw/directory.h"

namespace fairdraw {

// Receives each valid row: its ID and its canonical row, packed (row_packing.h).
using RowSink = std::function<Status(std::string_view id, std::string_view packed, RowPlace place)>;

struct DirectoryReadSummary {
    ColumnPlan plan;
    std::uint64_t rows = 0;        // rows handed to the sink
    std::uint64_t blank_rows = 0;  // rows whose every kept value was empty: skipped
    std::uint64_t legacy_codes = 0;
    std::vector<LegacyCode> legacy_examples;
};

// Pushes CSV text (UTF-8, chunks of any size), or records parsed elsewhere,
// through the directory rules.
class CsvDirectoryReader : private CsvParser::Handler {
  public:
    CsvDirectoryReader(DirectoryKind kind, const DirectoryOptions& options, std::string source,
                       ProblemList& problems, RowSink sink);
    Status feed(std::string_view text);
    // Takes records parsed elsewhere (on another thread) instead of text.
    Status consume(CsvBatch& batch);
    // Ends the input; fails on a missing or unfitting header, or a failing sink.
    Result<DirectoryReadSummary> finish();

  private:
    void record(const CsvRecord& record) override;
    void issue(CsvIssue issue) override;

    DirectoryKind m_kind;
    const DirectoryOptions& m_options;
    std::string m_source;
    ProblemList& m_problems;
    RowSink m_sink;
    CsvParser m_parser;
    std::optional<ColumnPlan> m_plan;
    std::optional<RowEncoder> m_encoder;
    std::optional<Error> m_stop;  // a header or sink failure: the rest is ignored
    std::vector<std::string> m_header;
    std::uint64_t m_records = 0;  // records seen, the header included
    DirectoryReadSummary m_summary;
};

// A stream of UTF-8 text: each call gives the next chunk, an empty one at the end.
using TextChunks = std::function<Result<std::string_view>()>;

// Reads a JSON directory; `open` is called once per pass and starts the text from its beginning.
Result<DirectoryReadSummary> read_json_directory(DirectoryKind kind,
                                                 const DirectoryOptions& options,
                                                 const std::string& source,
                                                 const std::function<Result<TextChunks>()>& open,
                                                 ProblemList& problems, const RowSink& sink);

enum class InputFormat { csv, json };

// Chooses by file name: ".json" (any case) is JSON, anything else CSV.
InputFormat input_format_for(std::string_view file_name);

struct DirectoryRow {
    std::string id;
    std::string canonical;
    RowPlace place;
};

// A whole UTF-8 text in memory, for tests and small inputs: the rows in input
// order, or every problem found.
Result<std::vector<DirectoryRow>> read_directory_text(DirectoryKind kind, InputFormat format,
                                                      std::string_view text,
                                                      const DirectoryOptions& options,
                                                      const std::string& source,
                                                      std::size_t max_errors);

}  // namespace fairdraw
