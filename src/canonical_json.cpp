#include "fairdraw/canonical_json.h"

namespace fairdraw {
namespace {

constexpr std::int64_t k_max_safe_integer = (std::int64_t{1} << 53) - 1;

Status check_value(const Json& value, const std::string& path) {
    switch (value.type()) {
        case Json::value_t::number_float:
            return Error::bad_input(path + ": floating-point numbers are not allowed in canonical JSON",
                                    "write the number as an integer or as a decimal string");
        case Json::value_t::number_integer: {
            auto v = value.get<std::int64_t>();
            if (v > k_max_safe_integer || v < -k_max_safe_integer)
                return Error::bad_input(path + ": integer " + std::to_string(v) + " is outside ±(2^53−1)");
            return {};
        }
        case Json::value_t::number_unsigned: {
            auto v = value.get<std::uint64_t>();
            if (v > static_cast<std::uint64_t>(k_max_safe_integer))
                return Error::bad_input(path + ": integer " + std::to_string(v) + " is outside ±(2^53−1)");
            return {};
        }
        case Json::value_t::object:
            for (const auto& [key, member] : value.items()) {
                for (char c : key) {
                    auto u = static_cast<unsigned char>(c);
                    if (u < 0x20 || u > 0x7e)
                        return Error::bad_input(path + ": object key \"" + key +
                                                "\" must be printable ASCII in canonical JSON");
                }
                FD_TRY(check_value(member, path + "." + key));
            }
            return {};
        case Json::value_t::array: {
            std::size_t i = 0;
            for (const auto& element : value) {
                FD_TRY(check_value(element, path + "[" + std::to_string(i) + "]"));
                ++i;
            }
            return {};
        }
        case Json::value_t::binary:
        case Json::value_t::discarded:
            return Error::bad_input(path + ": value has no JSON form");
        default:
            return {};
    }
}

}  // namespace

Result<std::string> canonical_json(const Json& value) {
    FD_TRY(check_value(value, "$"));
    try {
        return value.dump(-1, ' ', false, Json::error_handler_t::strict);
    } catch (const Json::exception& e) {
        return Error::bad_input(std::string("value cannot be written as canonical JSON: ") + e.what(),
                                "text must be valid UTF-8");
    }
}

Result<Json> parse_json(std::string_view text, const std::string& source) {
    try {
        return Json::parse(text.begin(), text.end());
    } catch (const Json::parse_error& e) {
        return Error::bad_input(source + ": not valid JSON (byte " + std::to_string(e.byte) + "): " + e.what());
    }
}

bool is_canonical_json(std::string_view text) {
    auto parsed = parse_json(text, "");
    if (!parsed) return false;
    auto again = canonical_json(*parsed);
    return again && *again == text;
}

void append_json_string(std::string& out, std::string_view utf8) {
    static constexpr char k_hex[] = "0123456789abcdef";
    for (char c : utf8) {
        auto u = static_cast<unsigned char>(c);
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\b': out += "\\b"; break;
            case '\f': out += "\\f"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default:
                if (u < 0x20) {
                    out += "\\u00";
                    out += k_hex[u >> 4];
                    out += k_hex[u & 0x0f];
                } else {
                    out += c;
                }
        }
    }
}

}  // namespace fairdraw
