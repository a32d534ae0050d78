// RFC 3797 canonical sources, key string, MD5 counter hashing and selection.
#include "fairdraw/rfc3797.h"

#include <openssl/evp.h>

#include <algorithm>
#include <cassert>

namespace fairdraw::rfc3797 {
namespace {

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}
bool is_letter(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}
bool is_ascii(char c) {
    return static_cast<unsigned char>(c) < 0x80;
}
bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

// A number of a numeric source: integer digits without leading zeros ("0" for
// zero) and fraction digits without trailing zeros (empty for none).
struct Number {
    std::string whole;
    std::string fraction;

    std::string canonical() const {
        return fraction.empty() ? whole + "." : whole + "." + fraction;
    }
};

// Orders by value: more integer digits is larger; then digit by digit; then
// the fractions digit by digit (a missing digit counts as 0, which plain
// string comparison gives because no fraction ends in 0).
bool less_by_value(const Number& a, const Number& b) {
    if (a.whole.size() != b.whole.size()) return a.whole.size() < b.whole.size();
    if (a.whole != b.whole) return a.whole < b.whole;
    return a.fraction < b.fraction;
}

std::string quoted(std::string_view text) {
    return "\"" + std::string(text) + "\"";
}

Error source_error(std::string message, std::string_view value, std::string expected,
                   std::string hint) {
    Problem p;
    p.message = std::move(message);
    p.expected = std::move(expected);
    p.found = quoted(value);
    p.hint = std::move(hint);
    return Error::problems("a randomness source is not in a form RFC 3797 can use", {std::move(p)});
}

constexpr const char* k_numbers_expected =
    "decimal numbers separated by spaces, such as \"2 5 12 8 10\" or \"10.25\"";

Result<Source> canonical_numbers(std::string_view value) {
    std::vector<Number> numbers;
    std::size_t i = 0;
    while (i < value.size()) {
        if (is_space(value[i])) {
            ++i;
            continue;
        }
        std::size_t start = i;
        while (i < value.size() && !is_space(value[i])) ++i;
        std::string_view token = value.substr(start, i - start);
        std::size_t dot = token.find('.');
        std::string_view whole = token.substr(0, dot);
        std::string_view fraction =
            dot == std::string_view::npos ? std::string_view() : token.substr(dot + 1);
        bool well_formed =
            !whole.empty() && std::all_of(whole.begin(), whole.end(), is_digit) &&
            (dot == std::string_view::npos ||
             (!fraction.empty() && std::all_of(fraction.begin(), fraction.end(), is_digit)));
        if (!well_formed) {
            std::string hint =
                "write each number in ASCII digits, with an optional decimal point between digits; "
                "separate numbers with spaces";
            if (token.front() == '-' || token.front() == '+')
                hint = "RFC 3797 sources are non-negative numbers: leave out the sign";
            return source_error("the value " + quoted(token) + " is not a number", value,
                                k_numbers_expected, hint);
        }
        Number n;
        std::size_t first = whole.find_first_not_of('0');
        n.whole = first == std::string_view::npos ? "0" : std::string(whole.substr(first));
        std::size_t last = fraction.find_last_not_of('0');
        n.fraction = last == std::string_view::npos ? std::string()
                                                    : std::string(fraction.substr(0, last + 1));
        numbers.push_back(std::move(n));
    }
    if (numbers.empty())
        return source_error("the source is empty", value, k_numbers_expected,
                            "enter the value the announced source produced");
    std::stable_sort(numbers.begin(), numbers.end(), less_by_value);
    Source source;
    source.kind = SourceKind::numbers;
    source.given = std::string(value);
    for (const auto& n : numbers) source.canonical += n.canonical();
    source.canonical += "/";
    return source;
}

Result<Source> canonical_text(std::string_view value) {
    if (!std::all_of(value.begin(), value.end(), is_ascii))
        return source_error(
            "text sources must be ASCII", value, "ASCII letters, digits and punctuation",
            "RFC 3797 canonicalises Roman-alphabet text only; write the value without accents, "
            "or announce a numeric source instead");
    Source source;
    source.kind = SourceKind::text;
    source.given = std::string(value);
    for (char c : value) {
        if (c >= 'a' && c <= 'z')
            source.canonical += static_cast<char>(c - 'a' + 'A');
        else if (is_letter(c) || is_digit(c))
            source.canonical += c;
    }
    source.canonical += "./";
    return source;
}

const EVP_MD* md5_md() {
    // Fetched once; OpenSSL 3 keeps the implementation for the process lifetime.
    static EVP_MD* md = EVP_MD_fetch(nullptr, "MD5", nullptr);
    return md;
}

// The k-th (0-based) entry still present, and its removal, in O(log n): a
// Fenwick tree over presence flags. tests/unit/test_rfc3797.cpp checks it
// against the literal removal from a list.
class Remaining {
  public:
    explicit Remaining(std::size_t n) : m_tree(n + 1, 0) {
        for (std::size_t i = 1; i <= n; ++i) {
            m_tree[i] += 1;
            std::size_t parent = i + (i & (~i + 1));
            if (parent <= n) m_tree[parent] += m_tree[i];
        }
        m_top = 1;
        while (m_top * 2 <= n) m_top *= 2;
    }

    // Position (0-based) of the present entry with `rank` present entries before it.
    std::size_t take(std::uint64_t rank) {
        std::size_t pos = 0;
        for (std::size_t step = m_top; step > 0; step /= 2) {
            std::size_t next = pos + step;
            if (next < m_tree.size() && m_tree[next] <= rank) {
                pos = next;
                rank -= m_tree[next];
            }
        }
        for (std::size_t i = pos + 1; i < m_tree.size(); i += i & (~i + 1)) m_tree[i] -= 1;
        return pos;
    }

  private:
    std::vector<std::uint64_t> m_tree;
    std::size_t m_top = 0;
};

}  // namespace

Result<Source> canonicalise_source(std::string_view value) {
    if (std::any_of(value.begin(), value.end(), is_letter)) return canonical_text(value);
    return canonical_numbers(value);
}

Result<std::vector<Source>> canonicalise_sources(std::span<const std::string> values) {
    std::vector<Source> sources;
    std::vector<Problem> problems;
    std::size_t not_shown = 0;
    for (std::size_t i = 0; i < values.size(); ++i) {
        auto source = canonicalise_source(values[i]);
        if (source) {
            sources.push_back(std::move(source).value());
            continue;
        }
        for (auto p : source.error().details) {
            if (problems.size() == k_max_reported_problems) {
                ++not_shown;
                continue;
            }
            p.field = "source " + std::to_string(i + 1);
            problems.push_back(std::move(p));
        }
    }
    if (!problems.empty()) {
        std::string message = problems.size() + not_shown == 1
                                  ? "a randomness source is not in a form RFC 3797 can use"
                                  : std::to_string(problems.size() + not_shown) +
                                        " randomness sources are not in a form RFC 3797 can use";
        return Error::problems(message, std::move(problems), not_shown);
    }
    return sources;
}

std::string key_string(std::span<const Source> sources) {
    std::string key;
    for (const auto& s : sources) key += s.canonical;
    return key;
}

Result<Md5> selection_digest(std::string_view key, std::uint16_t index) {
    const EVP_MD* md = md5_md();
    if (md == nullptr)
        return Error::environment(
            "OpenSSL offers no MD5 implementation, which RFC 3797 needs",
            "enable OpenSSL's default provider (MD5 is not available under FIPS-only "
            "configurations)");
    const std::uint8_t counter[2] = {static_cast<std::uint8_t>(index >> 8),
                                     static_cast<std::uint8_t>(index & 0xff)};
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    Md5 out{};
    unsigned int size = 0;
    bool ok = ctx != nullptr && EVP_DigestInit_ex2(ctx, md, nullptr) == 1 &&
              EVP_DigestUpdate(ctx, counter, sizeof counter) == 1 &&
              EVP_DigestUpdate(ctx, key.data(), key.size()) == 1 &&
              EVP_DigestUpdate(ctx, counter, sizeof counter) == 1 &&
              EVP_DigestFinal_ex(ctx, out.data(), &size) == 1;
    EVP_MD_CTX_free(ctx);
    if (!ok || size != k_md5_size)
        return Error::environment("computing an MD5 digest failed inside OpenSSL");
    return out;
}

std::uint64_t remainder(const Md5& digest, std::uint64_t modulus) {
    assert(modulus >= 1 && modulus <= k_max_pool_size);
    // Horner's rule, reducing after each byte: (r·256 + b) < 2^56 fits.
    std::uint64_t r = 0;
    for (std::uint8_t byte : digest) r = (r * 256 + byte) % modulus;
    return r;
}

std::string md5_hex_upper(const Md5& digest) {
    static constexpr char k_digits[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(2 * digest.size());
    for (std::uint8_t b : digest) {
        out += k_digits[b >> 4];
        out += k_digits[b & 0x0f];
    }
    return out;
}

Result<std::vector<Selection>> select(std::string_view key, std::span<const std::string> pool,
                                      std::size_t count) {
    const std::size_t n = pool.size();
    if (n == 0) return Error::bad_input("the pool is empty", "the pool needs at least one entry");
    if (n > k_max_pool_size)
        return Error::bad_input("the pool has " + std::to_string(n) + " entries, more than the " +
                                std::to_string(k_max_pool_size) + " this implementation supports");
    if (count == 0)
        return Error::bad_input("the number of entries to select is 0", "select at least 1 entry");
    if (count > n)
        return Error::bad_input(
            "cannot select " + std::to_string(count) + " entries from a pool of " +
                std::to_string(n),
            "select at most " + std::to_string(n) + ", the number of entries in the pool");
    if (count > k_max_selections)
        return Error::bad_input("cannot select " + std::to_string(count) +
                                    " entries: RFC 3797 numbers selections "
                                    "with a 2-byte counter",
                                "select at most " + std::to_string(k_max_selections));
    Remaining remaining(n);
    std::vector<Selection> rows;
    rows.reserve(count);
    for (std::size_t i = 0; i < count; ++i) {
        Selection row;
        row.index = static_cast<std::uint32_t>(i);
        FD_ASSIGN(row.md5, selection_digest(key, static_cast<std::uint16_t>(i)));
        row.modulus = n - i;
        row.remainder = remainder(row.md5, row.modulus);
        row.position = remaining.take(row.remainder);
        row.entry = pool[row.position];
        rows.push_back(std::move(row));
    }
    return rows;
}

Result<Draw> draw(std::span<const std::string> source_values, std::span<const std::string> pool,
                  std::size_t count) {
    if (source_values.empty())
        return Error::bad_input(
            "no randomness sources were given",
            "RFC 3797 needs at least one announced source, such as the numbers of a lottery draw");
    Draw result;
    FD_ASSIGN(result.sources, canonicalise_sources(source_values));
    result.key = key_string(result.sources);
    result.pool_size = pool.size();
    FD_ASSIGN(result.selections, select(result.key, pool, count));
    return result;
}

}  // namespace fairdraw::rfc3797
