#include "row_scanner.h"

#include <cstdint>

namespace fairdraw::detail {
namespace {

constexpr int k_max_depth = 64;

int hex_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

void append_utf8(std::string& out, std::uint32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xc0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3f));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xe0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
        out += static_cast<char>(0x80 | (cp & 0x3f));
    } else {
        out += static_cast<char>(0xf0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3f));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
        out += static_cast<char>(0x80 | (cp & 0x3f));
    }
}

}  // namespace

Error RowScanner::error() const {
    return Error::bad_input("row is not a JSON object of the canonical row form: " + m_error);
}

bool RowScanner::fail(const char* what) {
    if (m_error.empty()) m_error = std::string(what) + " at byte " + std::to_string(m_pos);
    m_done = true;
    return false;
}

void RowScanner::skip_space() {
    while (m_pos < m_text.size()) {
        char c = m_text[m_pos];
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return;
        ++m_pos;
    }
}

bool RowScanner::read_string(std::string_view& out, std::string& scratch) {
    // At the opening quote. Fast path: no escapes, the value is a view of the text.
    std::size_t start = ++m_pos;
    while (m_pos < m_text.size()) {
        char c = m_text[m_pos];
        if (c == '"') {
            out = m_text.substr(start, m_pos - start);
            ++m_pos;
            return true;
        }
        if (c == '\\') break;
        if (static_cast<unsigned char>(c) < 0x20) return fail("control character in a string");
        ++m_pos;
    }
    if (m_pos >= m_text.size()) return fail("unterminated string");
    scratch.assign(m_text.substr(start, m_pos - start));
    while (m_pos < m_text.size()) {
        char c = m_text[m_pos];
        if (c == '"') {
            ++m_pos;
            out = scratch;
            return true;
        }
        if (static_cast<unsigned char>(c) < 0x20) return fail("control character in a string");
        if (c != '\\') {
            scratch += c;
            ++m_pos;
            continue;
        }
        if (++m_pos >= m_text.size()) break;
        char e = m_text[m_pos++];
        switch (e) {
            case '"':
                scratch += '"';
                break;
            case '\\':
                scratch += '\\';
                break;
            case '/':
                scratch += '/';
                break;
            case 'b':
                scratch += '\b';
                break;
            case 'f':
                scratch += '\f';
                break;
            case 'n':
                scratch += '\n';
                break;
            case 'r':
                scratch += '\r';
                break;
            case 't':
                scratch += '\t';
                break;
            case 'u': {
                auto read4 = [&](std::uint32_t& v) {
                    if (m_pos + 4 > m_text.size()) return false;
                    v = 0;
                    for (int i = 0; i < 4; ++i) {
                        int d = hex_digit(m_text[m_pos++]);
                        if (d < 0) return false;
                        v = v * 16 + static_cast<std::uint32_t>(d);
                    }
                    return true;
                };
                std::uint32_t cp = 0;
                if (!read4(cp)) return fail("bad \\u escape");
                if (cp >= 0xd800 && cp < 0xdc00) {
                    std::uint32_t low = 0;
                    if (m_pos + 2 > m_text.size() || m_text[m_pos] != '\\' ||
                        m_text[m_pos + 1] != 'u')
                        return fail("unpaired surrogate");
                    m_pos += 2;
                    if (!read4(low) || low < 0xdc00 || low >= 0xe000)
                        return fail("unpaired surrogate");
                    cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
                } else if (cp >= 0xdc00 && cp < 0xe000) {
                    return fail("unpaired surrogate");
                }
                append_utf8(scratch, cp);
                break;
            }
            default:
                return fail("bad escape");
        }
    }
    return fail("unterminated string");
}

bool RowScanner::skip_value(int depth) {
    if (depth > k_max_depth) return fail("nesting too deep");
    skip_space();
    if (m_pos >= m_text.size()) return fail("value expected");
    char c = m_text[m_pos];
    if (c == '"') {
        std::string_view ignored;
        return read_string(ignored, m_value_scratch);
    }
    if (c == '{' || c == '[') {
        const char close = c == '{' ? '}' : ']';
        ++m_pos;
        skip_space();
        if (m_pos < m_text.size() && m_text[m_pos] == close) {
            ++m_pos;
            return true;
        }
        while (true) {
            if (c == '{') {
                skip_space();
                std::string_view ignored;
                if (m_pos >= m_text.size() || m_text[m_pos] != '"')
                    return fail("member name expected");
                if (!read_string(ignored, m_value_scratch)) return false;
                skip_space();
                if (m_pos >= m_text.size() || m_text[m_pos] != ':') return fail("':' expected");
                ++m_pos;
            }
            if (!skip_value(depth + 1)) return false;
            skip_space();
            if (m_pos >= m_text.size()) return fail("unterminated object or array");
            if (m_text[m_pos] == ',') {
                ++m_pos;
                continue;
            }
            if (m_text[m_pos] == close) {
                ++m_pos;
                return true;
            }
            return fail("',' or end of object or array expected");
        }
    }
    // A literal or a number: the characters that can make one up.
    std::size_t start = m_pos;
    while (m_pos < m_text.size()) {
        char d = m_text[m_pos];
        bool literal = (d >= '0' && d <= '9') || (d >= 'a' && d <= 'z') || d == '-' || d == '+' ||
                       d == '.' || d == 'E';
        if (!literal) break;
        ++m_pos;
    }
    std::string_view token = m_text.substr(start, m_pos - start);
    if (token.empty()) return fail("value expected");
    if (token == "true" || token == "false" || token == "null") return true;
    if (token.front() == '-' || (token.front() >= '0' && token.front() <= '9')) return true;
    return fail("value expected");
}

bool RowScanner::next() {
    if (m_done) return false;
    if (!m_started) {
        m_started = true;
        skip_space();
        if (m_pos >= m_text.size() || m_text[m_pos] != '{') return fail("'{' expected");
        ++m_pos;
        skip_space();
        if (m_pos < m_text.size() && m_text[m_pos] == '}') {
            ++m_pos;
            skip_space();
            m_done = true;
            if (m_pos != m_text.size()) return fail("text after the object");
            return false;
        }
    } else {
        skip_space();
        if (m_pos >= m_text.size()) return fail("unterminated object");
        if (m_text[m_pos] == '}') {
            ++m_pos;
            skip_space();
            m_done = true;
            if (m_pos != m_text.size()) return fail("text after the object");
            return false;
        }
        if (m_text[m_pos] != ',') return fail("',' or '}' expected");
        ++m_pos;
        skip_space();
    }
    if (m_pos >= m_text.size() || m_text[m_pos] != '"') return fail("member name expected");
    if (!read_string(m_key, m_key_scratch)) return false;
    skip_space();
    if (m_pos >= m_text.size() || m_text[m_pos] != ':') return fail("':' expected");
    ++m_pos;
    skip_space();
    if (m_pos < m_text.size() && m_text[m_pos] == '"') {
        m_is_string = true;
        return read_string(m_value, m_value_scratch);
    }
    m_is_string = false;
    m_value = {};
    return skip_value(0);
}

}  // namespace fairdraw::detail
