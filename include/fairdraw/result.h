// result.h — expected failures as values.
//
// Every fallible library call returns Result<T>: either a value or an Error.
// An Error has a kind from a small closed set, and each kind maps to one exit
// code of the command-line tool (PRODUCT.md, "Interfaces"):
//   0 success, 1 verification failed or tampering found,
//   2 bad input or usage (nothing was changed), 3 environment or I/O failure.
// Errors about input files carry Problems: where (file, line, field), what was
// expected, what was found, and a hint. Exceptions never cross the public API;
// broken invariants are asserts.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace fairdraw {

enum class ErrorKind { bad_input, verification_failed, environment };

inline constexpr int k_exit_ok = 0;
inline constexpr int k_exit_verification_failed = 1;
inline constexpr int k_exit_bad_input = 2;
inline constexpr int k_exit_environment = 3;

int exit_code(ErrorKind kind);

// One located finding in an input: a file row, a JSON field, a value given on
// the command line.
struct Problem {
    std::string file;        // path as the user gave it; empty when not a file
    std::uint64_t line = 0;  // 1-based physical line where the record starts; 0 when none
    std::string field;       // "column 企业名称", "field strata[0].ratio": noun and name
    std::string message;     // what is wrong, lower case, no final period
    std::string expected;    // optional
    std::string found;       // optional
    std::string hint;        // optional: how to fix it

    // "enterprises.csv:17: column 统一社会信用代码: check character is wrong:
    //  expected '3', found 'Z'"
    std::string render() const;
};

class Error {
public:
    static Error bad_input(std::string message, std::string hint = {});
    static Error verification_failed(std::string message, std::string hint = {});
    static Error environment(std::string message, std::string hint = {});
    // A bad-input error made of located problems, at most `cap` of which are kept.
    static Error problems(std::string message, std::vector<Problem> problems,
                          std::size_t not_shown = 0);

    ErrorKind kind = ErrorKind::bad_input;
    std::string message;
    std::string hint;
    std::vector<Problem> details;
    std::size_t details_not_shown = 0;  // problems found beyond the reporting cap

    Error& with_hint(std::string text) & {
        hint = std::move(text);
        return *this;
    }
    Error&& with_hint(std::string text) && {
        hint = std::move(text);
        return std::move(*this);
    }
    // Prefixes the message with context, e.g. "importing enterprises.csv: ".
    Error&& context(const std::string& prefix) && {
        message = prefix + ": " + message;
        return std::move(*this);
    }
};

template <class T>
class [[nodiscard]] Result {
public:
    Result(T value) : m_state(std::in_place_index<0>, std::move(value)) {}  // NOLINT
    Result(Error error) : m_state(std::in_place_index<1>, std::move(error)) {}  // NOLINT

    bool ok() const { return m_state.index() == 0; }
    explicit operator bool() const { return ok(); }

    T& value() & { return std::get<0>(m_state); }
    const T& value() const& { return std::get<0>(m_state); }
    T&& value() && { return std::get<0>(std::move(m_state)); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }

    const Error& error() const& { return std::get<1>(m_state); }
    Error&& error() && { return std::get<1>(std::move(m_state)); }

private:
    std::variant<T, Error> m_state;
};

template <>
class [[nodiscard]] Result<void> {
public:
    Result() = default;
    Result(Error error) : m_error(std::move(error)), m_failed(true) {}  // NOLINT

    bool ok() const { return !m_failed; }
    explicit operator bool() const { return ok(); }
    const Error& error() const& { return m_error; }
    Error&& error() && { return std::move(m_error); }

private:
    Error m_error;
    bool m_failed = false;
};

using Status = Result<void>;

}  // namespace fairdraw

// Propagates a failed Result from the enclosing function.
#define FD_CONCAT_INNER(a, b) a##b
#define FD_CONCAT(a, b) FD_CONCAT_INNER(a, b)
#define FD_TRY(expr)                                  \
    do {                                              \
        auto&& fd_try_result_ = (expr);               \
        if (!fd_try_result_)                          \
            return std::move(fd_try_result_).error(); \
    } while (false)
// FD_ASSIGN(auto x, f()); declares x from the value of f(), or returns its error.
#define FD_ASSIGN(decl, expr) FD_ASSIGN_IMPL(FD_CONCAT(fd_assign_, __LINE__), decl, expr)
#define FD_ASSIGN_IMPL(tmp, decl, expr)    \
    auto tmp = (expr);                     \
    if (!tmp) return std::move(tmp).error(); \
    decl = std::move(tmp).value()
