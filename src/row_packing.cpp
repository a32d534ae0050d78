#include "fairdraw/row_packing.h"

#include <algorithm>
#include <cstring>

namespace fairdraw {
namespace {

// Whether any of the 8 bytes in `word` is below 0x20, '"' or '\\' (the bytes JSON escapes).
bool word_needs_escape(std::uint64_t word) {
    constexpr std::uint64_t k_ones = 0x0101010101010101ULL, k_highs = 0x8080808080808080ULL;
    const auto has_zero = [](std::uint64_t v) { return (v - k_ones) & ~v & k_highs; };
    const std::uint64_t below_space = (word - k_ones * 0x20) & ~word & k_highs;
    return (below_space | has_zero(word ^ (k_ones * '"')) | has_zero(word ^ (k_ones * '\\'))) != 0;
}

// Escapes like append_json_string (docs/SPEC.md §2), copying runs of plain bytes at once.
void append_escaped(std::string& out, std::string_view text) {
    static constexpr char k_hex[] = "0123456789abcdef";
    std::size_t plain = 0;  // bytes known to need no escape
    while (plain + 8 <= text.size()) {
        std::uint64_t word = 0;
        std::memcpy(&word, text.data() + plain, 8);
        if (word_needs_escape(word)) break;
        plain += 8;
    }
    if (plain == text.size()) {
        out.append(text);
        return;
    }
    std::size_t start = 0;
    for (std::size_t i = plain; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c >= 0x20 && c != '"' && c != '\\') continue;
        out.append(text.data() + start, i - start);
        start = i + 1;
        switch (c) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\b':
                out += "\\b";
                break;
            case '\f':
                out += "\\f";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            case '\t':
                out += "\\t";
                break;
            default:
                out += "\\u00";
                out += k_hex[c >> 4];
                out += k_hex[c & 0x0f];
        }
    }
    out.append(text.data() + start, text.size() - start);
}

}  // namespace

void append_json_escaped(std::string& out, std::string_view text) {
    append_escaped(out, text);
}

RowPacking::RowPacking(std::vector<std::string> keys) : m_keys(std::move(keys)) {
    m_extra = m_keys.size();
    for (std::size_t i = 0; i < m_keys.size(); ++i) {
        m_members.push_back("\"" + m_keys[i] + "\":");
        if (m_keys[i] == k_extra_key) m_extra = i;
    }
}

RowPacking RowPacking::for_kind(DirectoryKind kind) {
    std::vector<std::string> keys;
    for (const auto& f : directory_spec(kind).fields) keys.emplace_back(f.name);
    keys.emplace_back(k_extra_key);
    std::sort(keys.begin(), keys.end());
    return RowPacking(std::move(keys));
}

bool RowPacking::append_canonical(std::string_view packed, std::string& out) const {
    out += '{';
    bool first = true;
    std::size_t pos = 0;
    for (std::size_t k = 0; k < m_keys.size(); ++k) {
        // Parts are short: a plain loop beats a memchr call per part.
        std::size_t end = pos;
        while (end < packed.size() && packed[end] != k_packed_end) ++end;
        if (end == packed.size()) return false;
        std::string_view part = packed.substr(pos, end - pos);
        pos = end + 1;
        if (part.empty()) continue;
        if (!first) out += ',';
        first = false;
        out += m_members[k];
        if (k != m_extra) {
            out += '"';
            append_escaped(out, part);
            out += '"';
            continue;
        }
        out += '[';
        for (bool first_pair = true; !part.empty(); first_pair = false) {
            const std::size_t next = std::min(part.find(k_packed_next), part.size());
            const std::string_view pair = part.substr(0, next);
            part.remove_prefix(std::min(next + 1, part.size()));
            const std::size_t split = pair.find(k_packed_pair);
            if (split == std::string_view::npos) return false;
            out += first_pair ? "[\"" : ",[\"";
            append_escaped(out, pair.substr(0, split));
            out += "\",\"";
            append_escaped(out, pair.substr(split + 1));
            out += "\"]";
        }
        out += ']';
    }
    out += '}';
    return pos == packed.size();
}

}  // namespace fairdraw
