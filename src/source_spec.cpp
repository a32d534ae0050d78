// The command-line form of a randomness source, "KIND:NAME[:key=value...]".
// It is a convenience, not part of the spec: what the announcement stores is
// the §6 source object this builds, which announce() then checks in full.
#include <algorithm>
#include <array>
#include <optional>

#include "fairdraw/announcement.h"

namespace fairdraw {
namespace {

constexpr std::int64_t k_max_int = (std::int64_t{1} << 53) - 1;
constexpr std::string_view k_example =
    "e.g. --source 'numbers:福彩3D 第2026320期:count=3:min=0:max=9:expected=2026-12-01T21:15:00+08:00'";

struct KindKeys {
    std::string_view kind;
    std::array<std::string_view, 3> keys;  // besides description and expected
};

constexpr std::array<KindKeys, 5> k_kinds{{
    {"numbers", {"count", "min", "max"}},
    {"text", {}},
    {"hex", {"bytes"}},
    {"witness", {"digits"}},
    {"secret", {"sha256", "chain"}},
}};

bool is_integer_key(std::string_view key) {
    return key == "count" || key == "min" || key == "max" || key == "bytes" || key == "digits" ||
           key == "chain";
}

// Positions of ':' that start a "key=" (a lower-case letter, letters, digits or '_', then '=').
std::vector<std::size_t> option_starts(std::string_view rest) {
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < rest.size(); ++i) {
        if (rest[i] != ':' || i + 1 >= rest.size() || rest[i + 1] < 'a' || rest[i + 1] > 'z')
            continue;
        std::size_t j = i + 1;
        while (j < rest.size() && ((rest[j] >= 'a' && rest[j] <= 'z') || rest[j] == '_' ||
                                   (rest[j] >= '0' && rest[j] <= '9')))
            ++j;
        if (j > i + 1 && j < rest.size() && rest[j] == '=') out.push_back(i);
    }
    return out;
}

std::optional<std::int64_t> decimal(std::string_view text) {
    if (text.empty() || text.size() > 16) return std::nullopt;
    if (text.size() > 1 && text[0] == '0') return std::nullopt;  // "010" is not read as octal or ten
    std::int64_t v = 0;
    for (char c : text) {
        if (c < '0' || c > '9') return std::nullopt;
        v = v * 10 + (c - '0');
    }
    if (v > k_max_int) return std::nullopt;
    return v;
}

std::string key_list(const KindKeys& kind) {
    std::string out = "description, expected";
    for (auto k : kind.keys)
        if (!k.empty()) out += ", " + std::string(k);
    return out;
}

}  // namespace

Result<Json> parse_source_spec(std::string_view spec) {
    const std::string shown = "--source '" + std::string(spec) + "'";
    auto fail = [&](const std::string& message, std::string hint = std::string(k_example)) {
        return Error::bad_input(shown + ": " + message, std::move(hint));
    };
    const auto colon = spec.find(':');
    if (colon == std::string_view::npos) return fail("expected KIND:NAME[:key=value...]");
    const std::string_view kind_word = spec.substr(0, colon);
    const auto kind = std::find_if(k_kinds.begin(), k_kinds.end(),
                                   [&](const KindKeys& k) { return k.kind == kind_word; });
    if (kind == k_kinds.end())
        return fail("'" + std::string(kind_word) + "' is not a source kind",
                    "the kinds are numbers, text, hex, witness and secret");
    const std::string_view rest = spec.substr(colon + 1);
    const auto starts = option_starts(rest);
    const std::string_view name = rest.substr(0, starts.empty() ? rest.size() : starts.front());
    if (name.empty()) return fail("the source has no name");
    Json out = {{"kind", std::string(kind_word)}, {"name", std::string(name)}};
    for (std::size_t n = 0; n < starts.size(); ++n) {
        const std::size_t begin = starts[n] + 1;
        const std::size_t end = n + 1 < starts.size() ? starts[n + 1] : rest.size();
        const std::string_view option = rest.substr(begin, end - begin);
        const auto eq = option.find('=');
        const std::string key(option.substr(0, eq));
        const std::string_view value = option.substr(eq + 1);
        const bool known = key == "description" || key == "expected" ||
                           std::find(kind->keys.begin(), kind->keys.end(), key) != kind->keys.end();
        if (!known)
            return fail("'" + key + "' is not a key of " + std::string(kind_word) + " sources",
                        "keys of " + std::string(kind_word) + " sources: " + key_list(*kind));
        if (out.contains(key)) return fail("'" + key + "' is given twice");
        if (value.empty()) return fail("'" + key + "' has no value");
        if (is_integer_key(key)) {
            auto v = decimal(value);
            if (!v)
                return fail("'" + key + "=" + std::string(value) +
                                "': expected a whole number in decimal digits, without sign or "
                                "leading zeros",
                            "e.g. " + key + "=6");
            out[key] = *v;
        } else if (key == "expected") {
            auto t = parse_time(value);
            if (!t)
                return fail("'expected=" + std::string(value) + "': " + t.error().message,
                            "write the time with its offset, e.g. expected=2026-12-01T21:15:00+08:00");
            out[key] = format_utc(*t);
        } else if (key == "sha256") {
            std::string hex(value);
            for (char& c : hex)
                if (c >= 'A' && c <= 'F') c = static_cast<char>(c - 'A' + 'a');
            out[key] = hex;
        } else {
            out[key] = std::string(value);
        }
    }
    return out;
}

}  // namespace fairdraw
