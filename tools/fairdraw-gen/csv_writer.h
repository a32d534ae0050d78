// csv_writer.h — streaming CSV output of the generator.
//
// UTF-8 without byte order mark, LF line ends, fields quoted only when they
// hold a comma, a double quote or a line break (RFC 4180 quoting, doubled
// quotes). Rows are written through a large buffer straight to a
// "<file>.partial" next to the target, renamed into place by finish(): a
// failed or interrupted run leaves no half-written file under the target name.
#pragma once

#include <cstdio>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>

#include "fairdraw/result.h"

namespace fairdraw::gen {

class CsvWriter {
  public:
    explicit CsvWriter(std::filesystem::path path);
    ~CsvWriter();  // removes the partial file unless finish() succeeded
    CsvWriter(const CsvWriter&) = delete;
    CsvWriter& operator=(const CsvWriter&) = delete;

    Status open();
    void write_row(std::span<const std::string_view> fields);
    Status finish();

  private:
    std::filesystem::path m_path;
    std::filesystem::path m_partial;
    std::FILE* m_file = nullptr;
    std::string m_line;
};

}  // namespace fairdraw::gen
