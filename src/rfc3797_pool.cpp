// The RFC 3797 pool list: one entry per line, in the published order
// (docs/SPEC.md §11.3).
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>
#include <optional>
#include <unordered_map>

#include "fairdraw/rfc3797.h"

namespace fairdraw::rfc3797 {
namespace {

constexpr std::string_view k_bom = "\xEF\xBB\xBF";

// Length of the valid UTF-8 sequence starting at text[i], or 0 if it is not
// one (overlong forms, surrogates and values above U+10FFFF are invalid).
std::size_t utf8_sequence_length(std::string_view text, std::size_t i) {
    auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
    unsigned char b0 = byte(i);
    if (b0 < 0x80) return 1;
    std::size_t length = 0;
    unsigned char low = 0x80, high = 0xBF;  // allowed range of the second byte
    if (b0 >= 0xC2 && b0 <= 0xDF) {
        length = 2;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
        length = 3;
        if (b0 == 0xE0) low = 0xA0;
        if (b0 == 0xED) high = 0x9F;
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
        length = 4;
        if (b0 == 0xF0) low = 0x90;
        if (b0 == 0xF4) high = 0x8F;
    } else {
        return 0;
    }
    if (i + length > text.size()) return 0;
    if (byte(i + 1) < low || byte(i + 1) > high) return 0;
    for (std::size_t k = 2; k < length; ++k)
        if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) return 0;
    return length;
}

bool is_blank(char c) {
    return c == ' ' || c == '\t';
}

// What is wrong with one line's entry, or an empty string if nothing is.
struct LineFinding {
    std::string message;
    std::string hint;
};

std::optional<LineFinding> check_entry(std::string_view entry) {
    if (entry.find_first_not_of(" \t") == std::string_view::npos)
        return LineFinding{"empty line", "remove empty lines: every line of the pool is one entry"};
    for (std::size_t i = 0; i < entry.size();) {
        std::size_t length = utf8_sequence_length(entry, i);
        if (length == 0)
            return LineFinding{"not valid UTF-8 (byte " + std::to_string(i + 1) + " of the line)",
                               "save the file as UTF-8"};
        unsigned char c = static_cast<unsigned char>(entry[i]);
        if (length == 1 && (c < 0x20 || c == 0x7F) && c != '\t')
            return LineFinding{"control character U+00" +
                                   std::string(1, "0123456789ABCDEF"[c >> 4]) +
                                   std::string(1, "0123456789ABCDEF"[c & 0x0F]) + " in the entry",
                               "entries are plain text on one line"};
        i += length;
    }
    if (is_blank(entry.front()) || is_blank(entry.back()))
        return LineFinding{"the entry starts or ends with white space",
                           "remove the spaces: they are invisible in the published list"};
    return std::nullopt;
}

}  // namespace

Result<std::vector<std::string>> parse_pool(std::string_view text, const std::string& file) {
    if (text.starts_with(k_bom)) text.remove_prefix(k_bom.size());
    std::vector<std::string> entries;
    std::vector<Problem> problems;
    std::size_t not_shown = 0;
    auto add_problem = [&](std::uint64_t line, std::string message, std::string hint,
                           std::string found = {}) {
        if (problems.size() == k_max_reported_problems) {
            ++not_shown;
            return;
        }
        Problem p;
        p.file = file;
        p.line = line;
        p.message = std::move(message);
        p.found = std::move(found);
        p.hint = std::move(hint);
        problems.push_back(std::move(p));
    };
    std::unordered_map<std::string_view, std::uint64_t>
        first_line;  // entry -> line it first appears on
    std::uint64_t line = 0;
    std::size_t start = 0;
    while (start < text.size()) {
        ++line;
        std::size_t end = text.find('\n', start);
        std::size_t next = end == std::string_view::npos ? text.size() : end + 1;
        std::string_view entry =
            text.substr(start, (end == std::string_view::npos ? text.size() : end) - start);
        if (entry.ends_with('\r')) entry.remove_suffix(1);
        start = next;
        if (auto finding = check_entry(entry)) {
            add_problem(line, std::move(finding->message), std::move(finding->hint));
            continue;
        }
        auto [it, inserted] = first_line.emplace(entry, line);
        if (!inserted) {
            add_problem(line,
                        "duplicate entry \"" + std::string(entry) + "\", also on line " +
                            std::to_string(it->second),
                        "each entry may appear once: the selection is by position, and a repeated "
                        "entry could be "
                        "drawn twice");
            continue;
        }
        entries.emplace_back(entry);
    }
    if (!problems.empty()) {
        std::size_t total = problems.size() + not_shown;
        return Error::problems(file + ": " + std::to_string(total) +
                                   (total == 1 ? " problem" : " problems") + " in the pool list",
                               std::move(problems), not_shown);
    }
    if (entries.empty())
        return Error::bad_input(file + ": the pool list has no entries",
                                "write one entry per line, in published order");
    return entries;
}

Result<std::vector<std::string>> read_pool(const std::filesystem::path& path) {
    std::string name = path.string();
    std::error_code ec;
    if (!std::filesystem::exists(path, ec))
        return Error::bad_input("pool file " + name + " does not exist",
                                "give the path of the published pool list");
    if (std::filesystem::is_directory(path, ec))
        return Error::bad_input("pool file " + name + " is a folder",
                                "give the path of the published pool list");
    std::ifstream in(path, std::ios::binary);
    if (!in) return Error::bad_input("cannot read pool file " + name + ": " + std::strerror(errno));
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (in.bad()) return Error::environment("reading pool file " + name + " failed");
    return parse_pool(text, name);
}

}  // namespace fairdraw::rfc3797
