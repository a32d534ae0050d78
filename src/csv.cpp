#include "fairdraw/csv.h"

#include <array>
#include <cstdio>

namespace fairdraw {
namespace {

// Bytes that end a run of ordinary field text.
enum : std::uint8_t { k_plain = 0, k_special = 1 };

constexpr std::array<std::uint8_t, 256> make_table(bool quoted) {
    std::array<std::uint8_t, 256> t{};
    for (int c = 0; c < 0x20; ++c) t[static_cast<std::size_t>(c)] = k_special;
    t[0x7f] = k_special;
    t['\t'] = k_plain;
    t['"'] = k_special;
    if (!quoted) t[','] = k_special;
    return t;
}

constexpr auto k_unquoted_table = make_table(false);
constexpr auto k_quoted_table = make_table(true);

std::string control_name(unsigned char c) {
    char buf[32];
    if (c == 0) return "NUL byte (U+0000)";
    std::snprintf(buf, sizeof buf, "control character U+%04X", static_cast<unsigned>(c));
    return buf;
}

}  // namespace

CsvParser::CsvParser(CsvLimits limits) : m_limits(limits) {}

void CsvParser::begin_record_if_needed() {
    if (m_in_record) return;
    m_in_record = true;
    m_record_line = m_line;
}

void CsvParser::report(Handler& handler, std::string message, std::string hint) {
    m_record_bad = true;
    handler.issue(CsvIssue{m_record_line, m_records + 1, m_ends.size() + 1, std::move(message),
                           std::move(hint)});
}

void CsvParser::append(const char* data, std::size_t size) {
    const std::size_t start = m_ends.empty() ? 0 : m_ends.back();
    if (m_buf.size() - start + size > m_limits.max_field_bytes) {
        m_field_too_long = true;
        return;
    }
    m_buf.append(data, size);
}

void CsvParser::end_field(Handler& handler) {
    if (m_field_too_long)
        report(handler,
               "field is longer than " + std::to_string(m_limits.max_field_bytes) + " bytes",
               "a field this long is usually a double quote that was never closed");
    if (m_ends.size() < m_limits.max_fields) {
        m_ends.push_back(m_buf.size());
    } else if (!m_skip_field_count) {
        m_skip_field_count = true;
        report(handler,
               "the record has more than " + std::to_string(m_limits.max_fields) + " fields");
    }
    m_field_too_long = false;
    m_field_has_control = false;
}

void CsvParser::control_character(Handler& handler, unsigned char c) {
    if (m_field_has_control) return;
    m_field_has_control = true;
    report(handler, control_name(c) + " in a field",
           c == 0
               ? "a file full of NUL bytes is usually UTF-16: save it from Excel as \"CSV UTF-8\""
               : "remove the character from the cell");
}

void CsvParser::line_break_in_quotes(char c) {
    if (c == '\r' || !m_prev_cr_in_quotes) ++m_line;
    m_prev_cr_in_quotes = c == '\r';
}

void CsvParser::end_record(Handler& handler) {
    const std::uint64_t number = ++m_records;
    const std::size_t count = m_ends.size();
    if (m_expected_fields == 0) {
        m_expected_fields = count;
    } else if (count != m_expected_fields && !m_skip_field_count) {
        m_record_bad = true;
        handler.issue(CsvIssue{
            m_record_line, number, 0,
            "the record has " + std::to_string(count) + " fields but the header has " +
                std::to_string(m_expected_fields),
            "a value holding a comma must be in double quotes; each row needs one value per "
            "header column (empty values are fine)"});
    }
    if (!m_record_bad) {
        m_views.clear();
        std::size_t start = 0;
        for (std::size_t end : m_ends) {
            m_views.emplace_back(m_buf.data() + start, end - start);
            start = end;
        }
        handler.record(CsvRecord{m_record_line, number, m_views});
    }
    m_buf.clear();
    m_ends.clear();
    m_in_record = false;
    m_record_bad = false;
    m_skip_field_count = false;
    m_state = State::field_start;
}

void CsvParser::feed(std::string_view text, Handler& handler) {
    const char* p = text.data();
    const char* const end = p + text.size();
    while (p < end) {
        const char c = *p;
        const auto u = static_cast<unsigned char>(c);
        if (m_skip_lf) {
            m_skip_lf = false;
            if (c == '\n') {
                ++p;
                continue;
            }
        }
        switch (m_state) {
            case State::field_start:
                if ((c == '\n' || c == '\r') && !m_in_record) {  // an empty line
                    ++m_line;
                    m_skip_lf = c == '\r';
                    ++p;
                    continue;
                }
                begin_record_if_needed();
                if (c == '"') {
                    m_state = State::quoted;
                    m_quote_line = m_line;
                    m_prev_cr_in_quotes = false;
                    ++p;
                    continue;
                }
                m_state = State::unquoted;
                continue;  // read c again as the first byte of an unquoted field
            case State::unquoted: {
                const char* run = p;
                while (run < end && k_unquoted_table[static_cast<unsigned char>(*run)] == k_plain)
                    ++run;
                if (run != p) {
                    append(p, static_cast<std::size_t>(run - p));
                    p = run;
                    continue;
                }
                if (c == ',') {
                    end_field(handler);
                    m_state = State::field_start;
                } else if (c == '\n' || c == '\r') {
                    end_field(handler);
                    end_record(handler);
                    ++m_line;
                    m_skip_lf = c == '\r';
                } else if (c == '"') {
                    report(handler, "a double quote inside a field that does not start with one",
                           "put the whole field in double quotes and double the quote inside: \"a "
                           "\"\"b\"\" c\"");
                    append(p, 1);
                } else {
                    control_character(handler, u);
                    append(p, 1);
                }
                ++p;
                continue;
            }
            case State::quoted: {
                const char* run = p;
                while (run < end && k_quoted_table[static_cast<unsigned char>(*run)] == k_plain)
                    ++run;
                if (run != p) {
                    append(p, static_cast<std::size_t>(run - p));
                    m_prev_cr_in_quotes = false;
                    p = run;
                    continue;
                }
                if (c == '"') {
                    m_state = State::quote_in_quoted;
                } else if (c == '\n' || c == '\r') {
                    line_break_in_quotes(c);
                    append(p, 1);
                } else {
                    control_character(handler, u);
                    m_prev_cr_in_quotes = false;
                    append(p, 1);
                }
                ++p;
                continue;
            }
            case State::quote_in_quoted:
                if (c == '"') {  // a doubled quote stands for one
                    append(p, 1);
                    m_state = State::quoted;
                    m_prev_cr_in_quotes = false;
                    ++p;
                } else if (c == ',' || c == '\n' || c == '\r') {
                    m_state = State::unquoted;  // the separator is handled there
                } else {
                    report(handler, "text after the closing double quote of a field",
                           "a quoted field ends at its closing quote; write a quote inside it as "
                           "\"\"");
                    m_state = State::unquoted;
                }
                continue;
        }
    }
}

void CsvParser::finish(Handler& handler) {
    switch (m_state) {
        case State::field_start:
            if (!m_in_record) return;
            break;
        case State::quoted:
            report(handler,
                   "the double quote opened on line " + std::to_string(m_quote_line) +
                       " is never closed",
                   "add the missing closing quote; everything after the opening quote was read as "
                   "one value");
            m_skip_field_count = true;  // the field count of a cut-off record says nothing more
            break;
        case State::unquoted:
        case State::quote_in_quoted:
            break;
    }
    end_field(handler);
    end_record(handler);
}

void CsvBatch::record(const CsvRecord& record) {
    m_events.push_back(
        Event{record.line, record.number, m_ends.size(), record.fields.size(), true});
    for (auto field : record.fields) {
        m_bytes.append(field);
        m_ends.push_back(m_bytes.size());
    }
}

void CsvBatch::issue(CsvIssue issue) {
    m_events.push_back(Event{issue.line, issue.record, m_issues.size(), 0, false});
    m_issues.push_back(std::move(issue));
}

void CsvBatch::replay(CsvParser::Handler& handler) {
    for (const Event& e : m_events) {
        if (!e.is_record) {
            handler.issue(m_issues[e.first]);
            continue;
        }
        m_views.clear();
        std::size_t start = e.first == 0 ? 0 : m_ends[e.first - 1];
        for (std::size_t i = e.first; i < e.first + e.count; ++i) {
            m_views.emplace_back(m_bytes.data() + start, m_ends[i] - start);
            start = m_ends[i];
        }
        handler.record(CsvRecord{e.line, e.number, m_views});
    }
}

void CsvBatch::clear() {
    m_bytes.clear();
    m_ends.clear();
    m_events.clear();
    m_issues.clear();
}

}  // namespace fairdraw
