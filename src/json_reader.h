// json_reader.h — typed reading of user-written JSON with every problem kept.
//
// Readers of plans, randomness sources and history walk a parsed document
// and call these helpers for each member. A helper that finds a problem
// records it (field path, expected, found, hint) and returns nullopt, so the
// caller carries on and the user sees every problem of the file at once.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fairdraw/canonical_json.h"
#include "fairdraw/clock.h"
#include "fairdraw/result.h"

namespace fairdraw::detail {

// Text of a JSON value for "found …", shortened to a readable length.
std::string show(const Json& value);

// Parses JSON text, recording a problem (with the line) instead of failing;
// also refuses duplicate member names, which a plain parse would drop silently.
std::optional<Json> parse_strict_json(std::string_view text, const std::string& source,
                                      std::vector<Problem>& problems);

class JsonReader {
  public:
    explicit JsonReader(std::string source) : m_source(std::move(source)) {}

    void problem(const std::string& path, std::string message, std::string expected = {},
                 std::string found = {}, std::string hint = {});
    const std::vector<Problem>& problems() const { return m_problems; }
    bool ok() const { return m_problems.empty(); }
    // The collected problems as one bad_input error ("<what>: N problems").
    Error error(const std::string& what) const;

    // nullptr when `key` is absent from `object` (or `object` is not an object).
    static const Json* member(const Json& object, std::string_view key);
    // Checks that `value` is an object whose members are all in `allowed`.
    bool object(const Json& value, const std::string& path,
                std::initializer_list<std::string_view> allowed);

    std::optional<std::string> string(const Json* value, const std::string& path, bool required,
                                      bool non_empty = true);
    // A list of strings; each non-empty unless allow_empty_items.
    std::optional<std::vector<std::string>> strings(const Json* value, const std::string& path,
                                                    bool allow_empty_items = false);
    std::optional<std::int64_t> integer(const Json* value, const std::string& path,
                                        std::int64_t min, std::int64_t max);
    std::optional<bool> boolean(const Json* value, const std::string& path);
    std::optional<Days> date(const Json* value, const std::string& path);

    static std::string join(const std::string& path, std::string_view key);
    static std::string index(const std::string& path, std::size_t i);

  private:
    std::string m_source;
    std::vector<Problem> m_problems;
};

}  // namespace fairdraw::detail
