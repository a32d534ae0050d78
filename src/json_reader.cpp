#include "json_reader.h"

#include <set>

#include "fairdraw/plan.h"

namespace fairdraw::detail {
namespace {

constexpr std::int64_t k_max_safe_integer = (std::int64_t{1} << 53) - 1;
constexpr std::size_t k_show_limit = 60;

std::string type_name(const Json& value) {
    switch (value.type()) {
        case Json::value_t::null:
            return "null";
        case Json::value_t::boolean:
            return "a boolean";
        case Json::value_t::string:
            return "a string";
        case Json::value_t::array:
            return "a list";
        case Json::value_t::object:
            return "an object";
        case Json::value_t::number_float:
            return "a decimal number";
        default:
            return "a number";
    }
}

std::uint64_t line_of(std::string_view text, std::size_t byte) {
    std::uint64_t line = 1;
    for (std::size_t i = 0; i < byte && i < text.size(); ++i)
        if (text[i] == '\n') ++line;
    return line;
}

}  // namespace

std::string show(const Json& value) {
    std::string text = value.dump(-1, ' ', false, Json::error_handler_t::replace);
    if (text.size() > k_show_limit) {
        std::size_t cut = k_show_limit;
        while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xc0) == 0x80) --cut;
        text = text.substr(0, cut) + "…";
    }
    return text;
}

std::optional<Json> parse_strict_json(std::string_view text, const std::string& source,
                                      std::vector<Problem>& problems) {
    // A stack of the member names seen in each open object finds duplicates.
    std::vector<std::set<std::string>> seen;
    std::vector<std::string> duplicates;
    auto callback = [&](int /*depth*/, Json::parse_event_t event, Json& parsed) {
        if (event == Json::parse_event_t::object_start) {
            seen.emplace_back();
        } else if (event == Json::parse_event_t::object_end) {
            if (!seen.empty()) seen.pop_back();
        } else if (event == Json::parse_event_t::key && !seen.empty()) {
            auto key = parsed.get<std::string>();
            if (!seen.back().insert(key).second) duplicates.push_back(key);
        }
        return true;
    };
    try {
        Json value = Json::parse(text.begin(), text.end(), callback);
        for (const auto& key : duplicates) {
            Problem p;
            p.file = source;
            p.field = "member \"" + key + "\"";
            p.message = "appears twice in the same object";
            p.hint = "keep one of the two; a JSON reader would silently use the last";
            problems.push_back(std::move(p));
        }
        if (!duplicates.empty()) return std::nullopt;
        return value;
    } catch (const Json::parse_error& e) {
        Problem p;
        p.file = source;
        p.line = line_of(text, e.byte == 0 ? 0 : e.byte - 1);
        p.message = "not valid JSON";
        std::string what = e.what();
        if (auto pos = what.find("syntax error"); pos != std::string::npos) what = what.substr(pos);
        p.found = what;
        p.hint = "check quotes, commas and brackets near this line";
        problems.push_back(std::move(p));
        return std::nullopt;
    }
}

void JsonReader::problem(const std::string& path, std::string message, std::string expected,
                         std::string found, std::string hint) {
    Problem p;
    p.file = m_source;
    p.field = path.empty() ? std::string() : "field " + path;
    p.message = std::move(message);
    p.expected = std::move(expected);
    p.found = std::move(found);
    p.hint = std::move(hint);
    m_problems.push_back(std::move(p));
}

Error JsonReader::error(const std::string& what) const {
    std::size_t n = m_problems.size();
    std::vector<Problem> kept(
        m_problems.begin(),
        m_problems.begin() + static_cast<std::ptrdiff_t>(std::min<std::size_t>(n, 100)));
    return Error::problems(what + ": " + std::to_string(n) + (n == 1 ? " problem" : " problems"),
                           std::move(kept), n > 100 ? n - 100 : 0);
}

const Json* JsonReader::member(const Json& object, std::string_view key) {
    if (!object.is_object()) return nullptr;
    auto it = object.find(std::string(key));
    return it == object.end() ? nullptr : &*it;
}

bool JsonReader::object(const Json& value, const std::string& path,
                        std::initializer_list<std::string_view> allowed) {
    if (!value.is_object()) {
        problem(path, "must be an object", "an object {…}", type_name(value));
        return false;
    }
    for (const auto& [key, member_value] : value.items()) {
        bool known = false;
        for (auto name : allowed) known = known || name == key;
        if (known) continue;
        std::string names;
        for (auto name : allowed) names += (names.empty() ? "" : ", ") + std::string(name);
        problem(join(path, key), "unknown member", "one of " + names, "\"" + key + "\"",
                "a misspelt rule would otherwise be ignored; fix or remove it");
    }
    return true;
}

std::optional<std::string> JsonReader::string(const Json* value, const std::string& path,
                                              bool required, bool non_empty) {
    if (value == nullptr) {
        if (required) problem(path, "is required", "a string");
        return std::nullopt;
    }
    if (!value->is_string()) {
        problem(path, "must be a string", "a string", show(*value));
        return std::nullopt;
    }
    auto text = value->get<std::string>();
    if (non_empty && text.empty()) {
        problem(path, "must not be empty", "a non-empty string", "\"\"");
        return std::nullopt;
    }
    return text;
}

std::optional<std::vector<std::string>> JsonReader::strings(const Json* value,
                                                            const std::string& path,
                                                            bool allow_empty_items) {
    if (value == nullptr) return std::nullopt;
    if (!value->is_array()) {
        problem(path, "must be a list of strings", "[\"…\", …]", show(*value));
        return std::nullopt;
    }
    std::vector<std::string> out;
    bool good = true;
    for (std::size_t i = 0; i < value->size(); ++i) {
        auto item = string(&(*value)[i], index(path, i), true, !allow_empty_items);
        if (item)
            out.push_back(*item);
        else
            good = false;
    }
    if (!good) return std::nullopt;
    return out;
}

std::optional<std::int64_t> JsonReader::integer(const Json* value, const std::string& path,
                                                std::int64_t min, std::int64_t max) {
    if (value == nullptr) return std::nullopt;
    std::string range = max >= k_max_safe_integer ? "an integer ≥ " + std::to_string(min)
                                                  : "an integer from " + std::to_string(min) +
                                                        " to " + std::to_string(max);
    if (!value->is_number_integer()) {
        problem(path, "must be a whole number", range, show(*value));
        return std::nullopt;
    }
    if (value->is_number_unsigned() &&
        value->get<std::uint64_t>() > static_cast<std::uint64_t>(max)) {
        problem(path, "is out of range", range, show(*value));
        return std::nullopt;
    }
    auto v = value->get<std::int64_t>();
    if (v < min || v > max) {
        problem(path, "is out of range", range, show(*value));
        return std::nullopt;
    }
    return v;
}

std::optional<bool> JsonReader::boolean(const Json* value, const std::string& path) {
    if (value == nullptr) return std::nullopt;
    if (!value->is_boolean()) {
        problem(path, "must be true or false", "true or false", show(*value));
        return std::nullopt;
    }
    return value->get<bool>();
}

std::optional<Days> JsonReader::date(const Json* value, const std::string& path) {
    auto text = string(value, path, true);
    if (!text) return std::nullopt;
    auto days = parse_date(*text);
    if (!days) {
        problem(path, "is not a valid date", "a date YYYY-MM-DD", "\"" + *text + "\"",
                "write the date as YYYY-MM-DD, e.g. 2026-03-01 (" + days.error().message + ")");
        return std::nullopt;
    }
    return *days;
}

std::string JsonReader::join(const std::string& path, std::string_view key) {
    return path.empty() ? std::string(key) : path + "." + std::string(key);
}

std::string JsonReader::index(const std::string& path, std::size_t i) {
    return path + "[" + std::to_string(i) + "]";
}

}  // namespace fairdraw::detail
