// csv.h — a streaming reader for CSV as Excel and the national platforms write it.
//
// RFC 4180 with what exporters actually produce: fields separated by commas;
// a field in double quotes may hold commas, line breaks and doubled quotes
// ("" for one "); records end with CRLF, LF or a lone CR; the last record may
// or may not end with a line break; empty lines are skipped. The text must
// already be UTF-8 without a byte order mark (see text_encoding.h).
//
// The parser takes text in chunks of any size and hands out one record at a
// time, with the physical line (1-based) on which it starts. The first record
// fixes the number of fields (it is the header). Malformed input does not stop
// the parser: each problem is reported as an issue with its line and field
// number and the parser goes on to find more; a record with an issue is not
// handed out. Problems found: a quote never closed before the end, a quote
// inside an unquoted field, text after a closing quote, a field longer than
// the limit, a record with more or fewer fields than the header, and control
// characters (NUL and other C0 controls except tab, CR and LF; DEL).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace fairdraw {

struct CsvRecord {
    std::uint64_t line = 0;                    // physical line where the record starts
    std::uint64_t number = 0;                  // 1-based record number: 1 is the header
    std::span<const std::string_view> fields;  // valid until the next record
};

struct CsvIssue {
    std::uint64_t line = 0;    // physical line where the record starts
    std::uint64_t record = 0;  // 1-based number of the record it is in: 1 is the header
    std::size_t field = 0;     // 1-based field number; 0 for the record as a whole
    std::string message;       // lower case, no final period
    std::string hint;
};

struct CsvLimits {
    std::size_t max_field_bytes = 64 * 1024;
    std::size_t max_fields = 1024;
};

class CsvParser {
  public:
    class Handler {
      public:
        virtual ~Handler() = default;
        virtual void record(const CsvRecord& record) = 0;
        virtual void issue(CsvIssue issue) = 0;
    };

    explicit CsvParser(CsvLimits limits = {});

    void feed(std::string_view text, Handler& handler);
    // Ends the input: reports a quote left open and hands out a last record
    // that had no line break after it.
    void finish(Handler& handler);

    // Records handed out or refused so far, the header included.
    std::uint64_t records() const { return m_records; }

  private:
    enum class State { field_start, unquoted, quoted, quote_in_quoted };

    void append(const char* data, std::size_t size);
    void end_field(Handler& handler);
    void end_record(Handler& handler);
    void begin_record_if_needed();
    void report(Handler& handler, std::string message, std::string hint = {});
    void control_character(Handler& handler, unsigned char c);
    void line_break_in_quotes(char c);

    CsvLimits m_limits;
    State m_state = State::field_start;
    std::string m_buf;                // the current record's fields, back to back
    std::vector<std::size_t> m_ends;  // end offset in m_buf of each finished field
    std::vector<std::string_view> m_views;
    std::uint64_t m_line = 1;  // physical line of the next byte
    std::uint64_t m_record_line = 1;
    std::uint64_t m_quote_line = 1;  // where the open quoted field started
    bool m_in_record = false;
    bool m_skip_lf = false;  // a CR ended the last line; an LF right after belongs to it
    bool m_prev_cr_in_quotes = false;
    bool m_record_bad = false;
    bool m_field_too_long = false;
    bool m_field_has_control = false;
    bool m_skip_field_count = false;    // the field count is already reported, or meaningless
    std::size_t m_expected_fields = 0;  // from the header; 0 before it
    std::uint64_t m_records = 0;
};

// The records and issues of some text, copied into one buffer so that they can
// be parsed on one thread and used on another. Fill it as a parser's handler;
// replay() hands them, in input order, to another handler.
class CsvBatch : public CsvParser::Handler {
  public:
    void record(const CsvRecord& record) override;
    void issue(CsvIssue issue) override;

    void replay(CsvParser::Handler& handler);
    void clear();
    std::size_t bytes() const { return m_bytes.size(); }

  private:
    struct Event {
        std::uint64_t line;
        std::uint64_t number;
        std::size_t first;  // first field end (record) or issue index
        std::size_t count;  // fields; 0 for an issue
        bool is_record;
    };
    std::string m_bytes;
    std::vector<std::size_t> m_ends;
    std::vector<Event> m_events;
    std::vector<CsvIssue> m_issues;
    std::vector<std::string_view> m_views;
};

}  // namespace fairdraw
