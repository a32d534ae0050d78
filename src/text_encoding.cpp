#include "fairdraw/text_encoding.h"

#include <iconv.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace fairdraw {
namespace {

constexpr std::string_view k_utf8_bom = "\xEF\xBB\xBF";
constexpr std::string_view k_utf16le_bom = "\xFF\xFE";
constexpr std::string_view k_utf16be_bom = "\xFE\xFF";
constexpr std::size_t k_max_sequence = 4;  // longest UTF-8 or GB18030 character in bytes

enum class Scan { complete, incomplete_tail, invalid };

// Length of the UTF-8 sequence starting at s[0] if s holds a valid one, 0 if
// it is invalid, or SIZE_MAX if s ends before the sequence could be decided.
std::size_t utf8_sequence(const unsigned char* s, std::size_t avail) {
    const unsigned char lead = s[0];
    std::size_t length = 0;
    unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        if (lead == 0xE0) lo = 0xA0;  // no overlong forms
        if (lead == 0xED) hi = 0x9F;  // no surrogates
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        if (lead == 0xF0) lo = 0x90;
        if (lead == 0xF4) hi = 0x8F;  // nothing above U+10FFFF
    } else {
        return 0;
    }
    for (std::size_t i = 1; i < length; ++i) {
        if (i >= avail) return SIZE_MAX;
        const unsigned char c = s[i];
        const unsigned char min = i == 1 ? lo : 0x80, max = i == 1 ? hi : 0xBF;
        if (c < min || c > max) return 0;
    }
    return length;
}

// Scans text as UTF-8 from the start; `end` receives the end of the valid
// part; `non_ascii` is set when a multibyte character was seen in it.
Scan scan_utf8(std::string_view text, std::size_t& end, bool& non_ascii) {
    const auto* s = reinterpret_cast<const unsigned char*>(text.data());
    const std::size_t n = text.size();
    std::size_t i = 0;
    while (i < n) {
        if (i + 8 <= n) {
            std::uint64_t word = 0;
            std::memcpy(&word, s + i, 8);
            if ((word & 0x8080808080808080ULL) == 0) {
                i += 8;
                continue;
            }
        }
        if (s[i] < 0x80) {
            ++i;
            continue;
        }
        // The common case in Chinese text: a complete three-byte sequence
        // E1–EC or EE–EF followed by two continuation bytes.
        if (i + 3 <= n && s[i] >= 0xE1 && s[i] <= 0xEF && s[i] != 0xED &&
            (s[i + 1] & 0xC0) == 0x80 && (s[i + 2] & 0xC0) == 0x80) {
            non_ascii = true;
            i += 3;
            continue;
        }
        const std::size_t length = utf8_sequence(s + i, n - i);
        if (length == SIZE_MAX) {
            end = i;
            return Scan::incomplete_tail;
        }
        if (length == 0) {
            end = i;
            return Scan::invalid;
        }
        non_ascii = true;
        i += length;
    }
    end = n;
    return Scan::complete;
}

// Line breaks (LF, CRLF or a lone CR) in text; prev_cr carries a CR that
// ended the previous piece so that a CRLF split across pieces counts once.
std::uint64_t count_line_breaks(std::string_view text, bool& prev_cr) {
    if (text.empty()) return 0;
    std::uint64_t count = 0;
    if (std::memchr(text.data(), '\r', text.size()) == nullptr) {
        for (const char *p = text.data(), *end = p + text.size();
             (p = static_cast<const char*>(
                  std::memchr(p, '\n', static_cast<std::size_t>(end - p)))) != nullptr;
             ++p)
            ++count;
        if (prev_cr && text.front() == '\n') --count;
        prev_cr = false;
        return count;
    }
    for (char c : text) {
        if (c == '\r' || (c == '\n' && !prev_cr)) ++count;
        prev_cr = c == '\r';
    }
    return count;
}

std::string hex_bytes(std::string_view bytes) {
    static constexpr char k_hex[] = "0123456789ABCDEF";
    std::string out;
    for (char c : bytes.substr(0, k_max_sequence)) {
        auto u = static_cast<unsigned char>(c);
        if (!out.empty()) out += ' ';
        out += "0x";
        out += k_hex[u >> 4];
        out += k_hex[u & 0x0f];
    }
    return out;
}

}  // namespace

std::string_view encoding_name(TextEncoding encoding) {
    switch (encoding) {
        case TextEncoding::utf8:
            return "utf-8";
        case TextEncoding::gb18030:
            return "gb18030";
        case TextEncoding::gbk:
            return "gbk";
    }
    return "utf-8";
}

std::optional<TextEncoding> parse_encoding_name(std::string_view name) {
    std::string lower;
    for (char c : name) lower += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    if (lower == "utf-8" || lower == "utf8") return TextEncoding::utf8;
    if (lower == "gb18030") return TextEncoding::gb18030;
    if (lower == "gbk" || lower == "cp936") return TextEncoding::gbk;
    return std::nullopt;
}

std::size_t valid_utf8_prefix(std::string_view text) {
    std::size_t end = 0;
    bool non_ascii = false;
    scan_utf8(text, end, non_ascii);
    return end;
}

struct TextDecoder::Impl {
    std::string source;
    bool detect = false;    // no --encoding: UTF-8 first, GB18030 if that fails
    bool retrying = false;  // second attempt of a detection, as GB18030
    TextEncoding encoding = TextEncoding::utf8;
    bool bom = false;
    bool at_start = true;           // nothing decided about the first bytes yet
    bool non_ascii_output = false;  // UTF-8 text beyond ASCII was produced
    bool produced_output = false;   // any text was produced
    iconv_t cd = reinterpret_cast<iconv_t>(-1);
    std::string carry;  // an incomplete character at the end of the previous chunk
    std::string work;
    std::uint64_t offset = 0;  // input bytes before `work`
    std::uint64_t lines = 0;   // line breaks before `work`
    bool prev_cr = false;

    ~Impl() {
        if (cd != reinterpret_cast<iconv_t>(-1)) iconv_close(cd);
    }

    Status open_iconv(TextEncoding from) {
        encoding = from;
        cd = iconv_open("UTF-8", from == TextEncoding::gbk ? "GBK" : "GB18030");
        if (cd == reinterpret_cast<iconv_t>(-1))
            return Error::environment(std::string("the C library cannot convert ") +
                                      std::string(encoding_name(from)) +
                                      " text: " + std::strerror(errno));
        return {};
    }

    Error undecodable(std::string_view text, std::size_t at, const std::string& what) {
        bool cr = prev_cr;
        Problem p;
        p.file = source;
        p.line = 1 + lines + count_line_breaks(text.substr(0, at), cr);
        p.message = "bytes " + hex_bytes(text.substr(at)) + " at byte offset " +
                    std::to_string(offset + at) + " " + what;
        p.hint =
            "save the file from Excel as \"CSV UTF-8\" (另存为 → CSV UTF-8 (逗号分隔)), or name "
            "its encoding "
            "with --encoding utf-8|gb18030|gbk";
        return Error::problems("cannot read " + source + ": the text encoding is not recognised",
                               {p});
    }

    void advance(std::string_view consumed) {
        offset += consumed.size();
        lines += count_line_breaks(consumed, prev_cr);
    }

    Result<Step> decode_utf8(std::string_view text, bool last, std::string& out) {
        std::size_t end = 0;
        Scan scan = scan_utf8(text, end, non_ascii_output);
        out.append(text.data(), end);
        produced_output = produced_output || end > 0;
        if (scan == Scan::complete || (scan == Scan::incomplete_tail && !last)) {
            carry.assign(text.substr(end));
            advance(text.substr(0, end));
            return Step::ok;
        }
        if (scan == Scan::incomplete_tail)
            return undecodable(text, end, "end the file in the middle of a UTF-8 character");
        if (bom)
            return undecodable(
                text, end, "are not UTF-8, although the file starts with a UTF-8 byte order mark");
        if (!detect) return undecodable(text, end, "are not valid UTF-8");
        if (non_ascii_output) return Step::restart;
        // Only ASCII so far, which reads the same in GB18030: switch in place.
        advance(text.substr(0, end));
        FD_TRY(open_iconv(TextEncoding::gb18030));
        return decode_iconv(text.substr(end), last, out);
    }

    Result<Step> decode_iconv(std::string_view text, bool last, std::string& out) {
        char* in = const_cast<char*>(text.data());
        std::size_t in_left = text.size();
        const std::size_t out_start = out.size();
        while (in_left > 0) {
            std::size_t used = out.size();
            out.resize(used + in_left * 3 / 2 + 16);
            char* dst = out.data() + used;
            std::size_t dst_left = out.size() - used;
            std::size_t r = iconv(cd, &in, &in_left, &dst, &dst_left);
            const int err = errno;
            out.resize(out.size() - dst_left);
            if (r != static_cast<std::size_t>(-1)) break;
            if (err == E2BIG) continue;
            const auto at = static_cast<std::size_t>(in - text.data());
            if (err == EINVAL && !last && in_left < k_max_sequence) break;
            const std::string name =
                detect ? "UTF-8 nor GB18030" : std::string(encoding_name(encoding));
            if (err == EINVAL)
                return undecodable(text, at,
                                   "end the file in the middle of a " + name + " character");
            return undecodable(text, at,
                               detect ? "are neither UTF-8 nor GB18030" : "are not valid " + name);
        }
        const auto consumed = text.size() - in_left;
        carry.assign(text.substr(consumed));
        advance(text.substr(0, consumed));
        if (!produced_output && out.size() > out_start) {
            // A GB18030 byte order mark (0x84 0x31 0x95 0x33) decodes to U+FEFF: drop it.
            if (out.compare(out_start, k_utf8_bom.size(), k_utf8_bom) == 0) {
                out.erase(out_start, k_utf8_bom.size());
                bom = true;
            }
        }
        produced_output = produced_output || out.size() > out_start;
        return Step::ok;
    }

    // Handles the first bytes of the input: byte order marks.
    Result<bool> start(std::string_view& text, bool last) {
        auto is_prefix_of = [&](std::string_view mark) {
            return mark.substr(0, text.size()) == text;
        };
        if (!last && text.size() < k_utf8_bom.size() &&
            (is_prefix_of(k_utf8_bom) || is_prefix_of(k_utf16le_bom) ||
             is_prefix_of(k_utf16be_bom))) {
            carry.assign(text);
            return false;  // wait for more bytes
        }
        at_start = false;
        if (text.starts_with(k_utf16le_bom) || text.starts_with(k_utf16be_bom)) {
            Problem p{
                source, 1,  "", "the file is UTF-16 (it starts with a UTF-16 byte order mark)",
                "",     "", ""};
            p.hint = "save the file from Excel as \"CSV UTF-8\" (另存为 → CSV UTF-8 (逗号分隔))";
            return Error::problems("cannot read " + source + ": UTF-16 is not supported", {p});
        }
        if (encoding == TextEncoding::utf8 && !retrying && text.starts_with(k_utf8_bom)) {
            bom = true;
            text.remove_prefix(k_utf8_bom.size());
            offset += k_utf8_bom.size();
        }
        return true;
    }
};

TextDecoder::TextDecoder(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
TextDecoder::TextDecoder(TextDecoder&&) noexcept = default;
TextDecoder& TextDecoder::operator=(TextDecoder&&) noexcept = default;
TextDecoder::~TextDecoder() = default;

Result<TextDecoder> TextDecoder::create(std::optional<TextEncoding> forced, std::string source) {
    auto impl = std::make_unique<Impl>();
    impl->source = std::move(source);
    impl->detect = !forced.has_value();
    if (forced && *forced != TextEncoding::utf8) FD_TRY(impl->open_iconv(*forced));
    return TextDecoder(std::move(impl));
}

Result<TextDecoder> TextDecoder::retry_as_gb18030(std::string source) {
    auto impl = std::make_unique<Impl>();
    impl->source = std::move(source);
    impl->detect = true;
    impl->retrying = true;
    FD_TRY(impl->open_iconv(TextEncoding::gb18030));
    return TextDecoder(std::move(impl));
}

Result<TextDecoder::Step> TextDecoder::decode(std::string_view chunk, bool last, std::string& out) {
    Impl& d = *m_impl;
    std::string_view text = chunk;
    if (!d.carry.empty()) {
        d.work.assign(d.carry);
        d.work.append(chunk);
        d.carry.clear();
        text = d.work;
    }
    if (d.at_start) {
        FD_ASSIGN(bool ready, d.start(text, last));
        if (!ready) return Step::ok;
    }
    if (d.encoding == TextEncoding::utf8) return d.decode_utf8(text, last, out);
    return d.decode_iconv(text, last, out);
}

TextEncoding TextDecoder::encoding() const {
    return m_impl->encoding;
}
bool TextDecoder::had_bom() const {
    return m_impl->bom;
}

std::string TextDecoder::description() const {
    std::string name(encoding_name(m_impl->encoding));
    if (m_impl->bom) name += "-bom";
    return name;
}

}  // namespace fairdraw
