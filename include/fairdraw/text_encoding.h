// text_encoding.h — deciding a directory file's encoding and converting it to UTF-8.
//
// Directories arrive as Excel exports: UTF-8 with or without a byte order
// mark, or GBK / GB18030 (the "ANSI" code page of Chinese Windows). The rule,
// applied while streaming:
//   - a file that is valid UTF-8 throughout is UTF-8 (a leading BOM is
//     removed); a file that starts with a UTF-8 BOM must be valid UTF-8;
//   - otherwise, if the whole file decodes as GB18030 (a superset of GBK), it
//     is GB18030 (a leading GB18030 BOM is removed);
//   - otherwise it is refused, naming the line and byte offset of the first
//     bytes that cannot be decoded.
// A forced encoding (--encoding) skips detection. The decoder takes the file
// in chunks of any size — a multibyte character may be split across chunks —
// and never holds more than one chunk plus three bytes.
//
// Detection cost: while only ASCII has been seen, switching from UTF-8 to
// GB18030 is free (ASCII is the same in both). If valid non-ASCII UTF-8 came
// before the first invalid byte, the text already produced was wrong, and
// decode() asks the caller to start again from the first byte with a decoder
// made by TextDecoder::retry_as_gb18030().
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "fairdraw/result.h"

namespace fairdraw {

enum class TextEncoding { utf8, gb18030, gbk };

// "utf-8", "gb18030", "gbk" (the names --encoding accepts).
std::string_view encoding_name(TextEncoding encoding);
std::optional<TextEncoding> parse_encoding_name(std::string_view name);

class TextDecoder {
  public:
    enum class Step { ok, restart };

    // forced: nullopt to detect. source: the file name used in messages.
    static Result<TextDecoder> create(std::optional<TextEncoding> forced, std::string source);
    // The decoder to use after decode() returned Step::restart.
    static Result<TextDecoder> retry_as_gb18030(std::string source);

    TextDecoder(TextDecoder&&) noexcept;
    TextDecoder& operator=(TextDecoder&&) noexcept;
    ~TextDecoder();

    // Appends the UTF-8 text of `chunk` to `out`. `last` marks the end of the
    // input. On undecodable bytes fails with a bad-input error naming the line
    // and byte offset.
    Result<Step> decode(std::string_view chunk, bool last, std::string& out);

    // The encoding found (or forced); utf8 until proven otherwise.
    TextEncoding encoding() const;
    bool had_bom() const;
    // "utf-8", "utf-8-bom", "gb18030", "gbk": what the import records.
    std::string description() const;

  private:
    struct Impl;
    explicit TextDecoder(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

// Length of the longest prefix of `text` that is valid UTF-8 (RFC 3629: no
// overlong forms, no surrogates, nothing above U+10FFFF).
std::size_t valid_utf8_prefix(std::string_view text);
inline bool is_valid_utf8(std::string_view text) {
    return valid_utf8_prefix(text) == text.size();
}

}  // namespace fairdraw
