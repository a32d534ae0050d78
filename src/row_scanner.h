// row_scanner.h — reads one canonical row object without building a JSON tree.
//
// A canonical row is a JSON object whose members are strings, except for
// nested values (such as "extra") that the reader skips. The scanner accepts
// any valid JSON object (whitespace, escapes, nested values) so that a row
// written by another canonical encoder still reads, but it keeps only string
// members; the caller decides what a non-string member means.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "fairdraw/result.h"

namespace fairdraw::detail {

class RowScanner {
  public:
    explicit RowScanner(std::string_view text) : m_text(text) {}

    // Moves to the next member. Returns false at the end of the object or on
    // a syntax error; failed() tells which, error() says what and where.
    bool next();
    bool failed() const { return !m_error.empty(); }
    Error error() const;

    std::string_view key() const { return m_key; }
    bool is_string() const { return m_is_string; }
    // The decoded string value; valid until the next call of next().
    std::string_view value() const { return m_value; }

  private:
    bool fail(const char* what);
    void skip_space();
    bool read_string(std::string_view& out, std::string& scratch);
    bool skip_value(int depth);

    std::string_view m_text;
    std::size_t m_pos = 0;
    bool m_started = false;
    bool m_done = false;
    std::string_view m_key, m_value;
    std::string m_key_scratch, m_value_scratch;
    bool m_is_string = false;
    std::string m_error;
};

}  // namespace fairdraw::detail
