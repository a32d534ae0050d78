// directory.h — the three directory kinds, their fields, and turning input rows into
// canonical rows.
//
// A directory is a table exported from a supervision platform: enterprises
// (市场主体名录库), inspectors (执法检查人员名录库) or declared conflicts of
// interest (回避关系). Each kind has fields with a canonical English name
// and the column names (Chinese or English) under which exporters write it.
//
// Reading a directory is two steps, both pure:
//   1. plan_columns() maps the header to fields: synonyms (trimmed, ASCII
//      case-insensitive), explicit --map COLUMN=field, explicit --drop COLUMN.
//      Unknown columns are kept under "extra", never lost; personal-data
//      columns are refused unless dropped; all header problems come together.
//   2. RowEncoder validates each row's values and writes the row's ID and its
//      canonical row (docs/SPEC.md §3), packed (row_packing.h). Values are
//      trimmed of leading and trailing ASCII spaces and tabs and otherwise
//      kept byte for byte; markup or formulas are data. Invalid values become
//      Problems and the reader goes on.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "fairdraw/problem_list.h"
#include "fairdraw/result.h"

namespace fairdraw {

enum class DirectoryKind { enterprises, inspectors, conflicts };

std::string_view kind_name(DirectoryKind kind);
std::optional<DirectoryKind> parse_kind(std::string_view name);

enum class FieldFormat {
    text,         // any UTF-8 text without control characters
    code,         // unified social credit code (or legacy 15-digit registration number)
    date,         // YYYY-MM-DD
    enumeration,  // one of FieldSpec::values
};

struct FieldSpec {
    std::string_view name;  // canonical, snake_case ASCII
    bool required;
    FieldFormat format;
    std::span<const std::string_view>
        columns;  // accepted column names, first = the one generators write
    std::span<const std::string_view> values;  // allowed values of an enumeration
};

struct DirectorySpec {
    DirectoryKind kind;
    std::span<const FieldSpec> fields;
    // The ID is these fields joined with a 0x00 byte; each must have a value.
    std::span<const std::string_view> id_fields;
    // Used as the ID when no column maps to id_fields[0] (inspectors: certificate_no).
    std::string_view id_fallback;
};

const DirectorySpec& directory_spec(DirectoryKind kind);
// Index of the field named `name` in spec.fields, or -1.
int field_index(const DirectorySpec& spec, std::string_view name);

// Leading and trailing ASCII spaces and tabs removed.
std::string_view trim_value(std::string_view text);
// How column names are compared: trimmed, ASCII letters in lower case.
std::string column_key(std::string_view name);
// The first control character (C0, DEL or C1) in UTF-8 text, as "U+000A (line break)", or "".
std::string control_character_in(std::string_view text);
// Column names that hold personal data (ID card numbers, phone numbers, addresses, birth dates).
bool is_personal_data_column(std::string_view name);

struct ColumnMap {
    std::string column;
    std::string field;
};

struct AcceptedCode {
    std::string code;
    std::string reason;
};

struct DirectoryOptions {
    std::vector<ColumnMap> maps;         // --map COLUMN=field
    std::vector<std::string> drops;      // --drop COLUMN
    std::vector<AcceptedCode> accepted;  // --accept CODE=REASON: failing codes taken as they are
};

enum class ColumnRole { field, extra, dropped, unnamed };

struct ColumnUse {
    std::string name;  // as in the header, trimmed
    ColumnRole role = ColumnRole::extra;
    int field = -1;       // index into the spec's fields when role == field
    bool mapped = false;  // chosen by --map rather than by name
};

struct ColumnPlan {
    DirectoryKind kind = DirectoryKind::enterprises;
    std::vector<ColumnUse> columns;        // one per input column, in input order
    std::vector<int> id_fields;            // field indexes joined into the ID
    std::vector<std::size_t> extra_order;  // extra columns' indexes, sorted by name as bytes

    std::vector<std::string> names(ColumnRole role) const;
};

// Checks the options (fields named by --map exist, accepted codes really
// fail the check) and maps the header. `source` names the input in problems.
Result<ColumnPlan> plan_columns(DirectoryKind kind, std::span<const std::string> header,
                                const DirectoryOptions& options, const std::string& source);

// Where a row came from: a CSV line, or a JSON array item (1-based).
struct RowPlace {
    std::uint64_t line = 0;
    std::uint64_t item = 0;
};

struct LegacyCode {
    std::string code;
    RowPlace place;
};

// Validates rows against a plan and writes their canonical form. One encoder
// reads one input; it remembers the legacy codes seen and the accepted codes used.
class RowEncoder {
  public:
    enum class Outcome { row, blank, invalid };

    RowEncoder(const ColumnPlan& plan, const DirectoryOptions& options, std::string source);

    // values: one per plan column. On Outcome::row, id() and packed() hold the row
    // (packed as row_packing.h describes; canonical() rebuilds its JSON).
    Outcome encode(std::span<const std::string_view> values, RowPlace place, ProblemList& problems);
    std::string_view id() const { return m_id; }
    std::string_view packed() const { return m_packed; }
    std::string canonical() const;  // only after Outcome::row

    std::uint64_t legacy_count() const { return m_legacy_count; }
    const std::vector<LegacyCode>& legacy_examples() const { return m_legacy_examples; }
    // Accepted codes that never occurred: each is a problem.
    void report_unused_accepted(ProblemList& problems) const;
    // "file:17" or "file: item 17", as problems write places.
    std::string describe(RowPlace place) const;

  private:
    bool check_value(std::size_t column, std::string_view value, RowPlace place,
                     ProblemList& problems);
    void problem(ProblemList& problems, RowPlace place, std::size_t column, std::string message,
                 std::string expected = {}, std::string found = {}, std::string hint = {}) const;

    const ColumnPlan& m_plan;
    const DirectorySpec& m_spec;
    std::string m_source;
    std::vector<AcceptedCode> m_accepted;
    std::vector<bool> m_accepted_used;
    std::vector<int> m_key_order;  // output keys in byte order: field index, or -1 for "extra"
    std::vector<std::size_t> m_field_column;  // column of each field, SIZE_MAX when none
    std::vector<std::string_view> m_field_values;
    std::string m_id;
    std::string m_packed;
    std::uint64_t m_legacy_count = 0;
    std::vector<LegacyCode> m_legacy_examples;
};

inline constexpr std::size_t k_legacy_examples_kept = 20;

}  // namespace fairdraw
