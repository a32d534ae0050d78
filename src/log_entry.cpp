#include "log_entry.h"

#include <array>
#include <string>

#include "fairdraw/canonical_json.h"
#include "fairdraw/clock.h"

namespace fairdraw::detail {
namespace {

constexpr std::string_view k_prefix = R"({"actor":")";
constexpr std::string_view k_index_member = R"(","index":)";
constexpr std::string_view k_suffix = R"(,"v":1})";

Error bad(std::uint64_t index, const std::string& why) {
    return Error::verification_failed("entry " + std::to_string(index) + ": " + why);
}

}  // namespace

Status check_entry_envelope(std::string_view data, std::uint64_t index) {
    if (data.substr(0, k_prefix.size()) != k_prefix ||
        data.size() < k_prefix.size() + k_suffix.size() ||
        data.substr(data.size() - k_suffix.size()) != k_suffix)
        return bad(index, "it is not a version 1 log entry (expected {\"actor\":...,\"v\":1})");
    auto at = data.find(k_index_member, k_prefix.size());
    if (at == std::string_view::npos) return bad(index, "it has no index member");
    std::size_t pos = at + k_index_member.size();
    std::uint64_t value = 0;
    std::size_t digits = 0;
    while (pos < data.size() && data[pos] >= '0' && data[pos] <= '9' && digits < 17) {
        value = value * 10 + static_cast<std::uint64_t>(data[pos] - '0');
        ++pos;
        ++digits;
    }
    if (digits == 0 || pos >= data.size() || data[pos] != ',' ||
        (digits > 1 && data[at + k_index_member.size()] == '0'))
        return bad(index, "its index member is not a number");
    if (value != index)
        return bad(index, "its index member says " + std::to_string(value) +
                              ": entries were moved or reordered outside fairdraw");
    return {};
}

Status check_entry(std::string_view data, std::uint64_t index) {
    auto parsed = parse_json(data, "entry " + std::to_string(index));
    if (!parsed) return Error::verification_failed(parsed.error().message);
    const Json& e = *parsed;
    if (!e.is_object()) return bad(index, "it is not a JSON object");
    static const std::array<const char*, 6> k_members = {"actor", "index", "payload",
                                                         "time",  "type",  "v"};
    if (e.size() != k_members.size())
        return bad(index,
                   "it does not have exactly the members actor, index, payload, time, type, v");
    for (const char* name : k_members)
        if (!e.contains(name)) return bad(index, std::string("it has no member '") + name + "'");
    if (!e["actor"].is_string()) return bad(index, "actor is not a string");
    if (!e["type"].is_string() || e["type"].get<std::string>().empty())
        return bad(index, "type is not a non-empty string");
    if (!e["time"].is_string() || !parse_time(e["time"].get<std::string>()))
        return bad(index, "time is not an RFC 3339 time");
    if (!e["v"].is_number_integer() || e["v"].get<std::int64_t>() != 1)
        return bad(index, "v is not 1");
    if (!e["index"].is_number_unsigned() || e["index"].get<std::uint64_t>() != index)
        return bad(index, "its index member is not " + std::to_string(index) +
                              ": entries were moved or reordered");
    auto canonical = canonical_json(e);
    if (!canonical || *canonical != data)
        return bad(index, "it is not in canonical JSON form (docs/SPEC.md §2)");
    return {};
}

}  // namespace fairdraw::detail
