// Randomness sources, canonical values and the seed (docs/SPEC.md §6, §7, §10).
#include "fairdraw/seed.h"

#include <algorithm>
#include <cassert>
#include <set>

#include "json_reader.h"
#include "text_trim.h"
#include "utf8_scan.h"

namespace fairdraw {
namespace {

using detail::JsonReader;

constexpr std::int64_t k_max_int = (std::int64_t{1} << 53) - 1;

const char* kind_name(SourceKind kind) {
    switch (kind) {
        case SourceKind::numbers:
            return "numbers";
        case SourceKind::text:
            return "text";
        case SourceKind::hex:
            return "hex";
        case SourceKind::witness:
            return "witness";
        case SourceKind::secret:
            return "secret";
    }
    return "text";
}

bool valid_utf8(std::string_view s) {
    auto text = canonical_json(Json(std::string(s)));
    return text.ok();
}

Result<std::string> canonical_numbers(const Source& source, std::string_view typed) {
    std::vector<std::uint64_t> numbers;
    std::size_t i = 0;
    while (i < typed.size()) {
        char c = typed[i];
        if (c == ' ' || c == ',' || c == '.') {
            ++i;
            continue;
        }
        if (c < '0' || c > '9') {
            // Quote the whole character, not a byte of it (messages are UTF-8).
            std::size_t end = i;
            char32_t cp = 0;
            if (!detail::next_code_point(typed, end, cp)) end = i + 1;
            const std::string shown = end == i + 1 && static_cast<unsigned char>(c) >= 0x80
                                          ? "byte 0x" + to_hex(as_bytes(typed.substr(i, 1)))
                                          : "'" + std::string(typed.substr(i, end - i)) + "'";
            return Error::bad_input(shown + " is not a digit or separator",
                                    "type the numbers separated by spaces, commas or dots");
        }
        std::size_t start = i;
        while (i < typed.size() && typed[i] >= '0' && typed[i] <= '9') ++i;
        std::string_view digits = typed.substr(start, i - start);
        while (digits.size() > 1 && digits.front() == '0') digits.remove_prefix(1);
        if (digits.size() > 16)
            return Error::bad_input("number " + std::string(digits) + " is too large");
        std::uint64_t v = 0;
        for (char d : digits) v = v * 10 + static_cast<std::uint64_t>(d - '0');
        if (v > static_cast<std::uint64_t>(k_max_int))
            return Error::bad_input("number " + std::string(digits) + " is too large");
        if ((source.min && static_cast<std::int64_t>(v) < *source.min) ||
            (source.max && static_cast<std::int64_t>(v) > *source.max))
            return Error::bad_input("number " + std::to_string(v) + " is outside [" +
                                    (source.min ? std::to_string(*source.min) : "0") + ", " +
                                    (source.max ? std::to_string(*source.max) : "∞") + "]");
        numbers.push_back(v);
    }
    if (numbers.size() != static_cast<std::size_t>(source.count))
        return Error::bad_input("expected " + std::to_string(source.count) + " numbers, found " +
                                std::to_string(numbers.size()));
    std::sort(numbers.begin(), numbers.end());
    std::string out;
    for (auto v : numbers) out += std::to_string(v) + ".";
    return out + "/";
}

Result<Bytes> hex_value(std::string_view typed, std::optional<std::int64_t> bytes) {
    if (typed.empty()) return Error::bad_input("no hex digits");
    auto value = from_hex(typed);
    if (!value) return Error::bad_input("not an even number of hex digits");
    if (bytes && value->size() != static_cast<std::size_t>(*bytes))
        return Error::bad_input("expected " + std::to_string(*bytes * 2) + " hex digits, found " +
                                std::to_string(typed.size()));
    return value;
}

}  // namespace

Result<std::string> canonical_value(const Source& source, std::string_view typed) {
    typed = detail::trim_spaces(typed);
    switch (source.kind) {
        case SourceKind::numbers:
            return canonical_numbers(source, typed);
        case SourceKind::text: {
            if (typed.empty()) return Error::bad_input("the text is empty");
            for (char c : typed) {
                auto u = static_cast<unsigned char>(c);
                if (u < 0x20 || u == 0x7f)
                    return Error::bad_input("the text holds a control character");
            }
            if (!valid_utf8(typed)) return Error::bad_input("the text is not valid UTF-8");
            return std::string(typed);
        }
        case SourceKind::hex: {
            FD_ASSIGN(Bytes value, hex_value(typed, source.bytes));
            return to_hex(value);
        }
        case SourceKind::witness: {
            if (typed.size() != static_cast<std::size_t>(source.digits) ||
                !std::all_of(typed.begin(), typed.end(),
                             [](char c) { return c >= '0' && c <= '9'; }))
                return Error::bad_input("expected exactly " + std::to_string(source.digits) +
                                        " decimal digits, found \"" + std::string(typed) + "\"");
            return std::string(typed);
        }
        case SourceKind::secret: {
            FD_ASSIGN(Bytes value, hex_value(typed, std::nullopt));
            if (sha256(value) != source.sha256)
                return Error::bad_input("SHA-256 of the revealed secret is " +
                                            to_hex(sha256(value)) + ", not the announced " +
                                            to_hex(source.sha256),
                                        "reveal exactly the value whose hash was announced");
            return to_hex(value);
        }
    }
    return Error::bad_input("unknown source kind");
}

Result<std::vector<SourceValue>> canonical_values(std::span<const Source> sources,
                                                  std::span<const std::string> typed) {
    if (typed.size() != sources.size())
        return Error::bad_input("expected " + std::to_string(sources.size()) + " values, found " +
                                std::to_string(typed.size()));
    std::vector<SourceValue> out;
    std::vector<Problem> problems;
    for (std::size_t i = 0; i < sources.size(); ++i) {
        auto value = canonical_value(sources[i], typed[i]);
        if (value) {
            out.push_back({sources[i].name, *value});
            continue;
        }
        Problem p;
        p.field = "source " + sources[i].name;
        p.message = value.error().message;
        p.hint = value.error().hint;
        problems.push_back(std::move(p));
    }
    if (!problems.empty()) {
        std::size_t n = problems.size();
        return Error::problems(
            "revealed values: " + std::to_string(n) + (n == 1 ? " problem" : " problems"),
            std::move(problems));
    }
    return out;
}

Hash derive_seed(const Hash& announcement_id, std::span<const SourceValue> values) {
    Json list = Json::array();
    for (const auto& v : values) list.push_back(Json::array({v.name, v.value}));
    Json doc = {
        {"announcement", to_hex(announcement_id)}, {"scheme", k_seed_scheme}, {"values", list}};
    auto text = canonical_json(doc);
    // Canonical values are valid UTF-8 by construction (canonical_value).
    assert(text.ok());
    return sha256(text ? *text : std::string());
}

Status check_chain_link(ByteView previous, ByteView next) {
    Hash h = sha256(next);
    if (previous.size() != h.size() || !std::equal(h.begin(), h.end(), previous.begin()))
        return Error::bad_input("the revealed chain link does not hash to the previous link",
                                "reveal the next value of the announced hash chain");
    return {};
}

Hash substitution_seed(const Hash& seed, std::uint64_t k, ByteView link) {
    Json doc = Json::array({k_substitution_seed_label, to_hex(seed), k, to_hex(link)});
    auto text = canonical_json(doc);
    assert(text.ok());
    return sha256(text ? *text : std::string());
}

// ---- reading the announcement's source list -----------------------------------------------

Result<std::vector<Source>> parse_sources(const Json& sources, const std::string& file,
                                          const std::string& path) {
    JsonReader in(file);
    std::vector<Source> out;
    if (!sources.is_array() || sources.empty()) {
        in.problem(path, "must be a non-empty list", "a list of randomness sources",
                   detail::show(sources));
        return in.error("sources");
    }
    std::set<std::string> names;
    int secrets = 0;
    for (std::size_t i = 0; i < sources.size(); ++i) {
        std::string p = JsonReader::index(path, i);
        const Json& s = sources[i];
        if (!in.object(s, p,
                       {"name", "kind", "description", "expected", "count", "min", "max", "bytes",
                        "digits", "sha256", "chain"}))
            continue;
        Source src;
        src.name = in.string(JsonReader::member(s, "name"), p + ".name", true).value_or("");
        if (!src.name.empty() && !names.insert(src.name).second)
            in.problem(p + ".name", "repeats an earlier source's name", "a unique name",
                       "\"" + src.name + "\"");
        auto kind = in.string(JsonReader::member(s, "kind"), p + ".kind", true);
        const std::vector<std::pair<std::string_view, SourceKind>> kinds{
            {"numbers", SourceKind::numbers},
            {"text", SourceKind::text},
            {"hex", SourceKind::hex},
            {"witness", SourceKind::witness},
            {"secret", SourceKind::secret}};
        bool known = false;
        for (const auto& [word, k] : kinds)
            if (kind && *kind == word) {
                src.kind = k;
                known = true;
            }
        if (kind && !known)
            in.problem(p + ".kind", "is not a source kind", "numbers, text, hex, witness or secret",
                       "\"" + *kind + "\"");
        auto optional_text = [&](const char* key) -> std::optional<std::string> {
            const Json* v = JsonReader::member(s, key);
            if (v == nullptr || v->is_null()) return std::nullopt;
            return in.string(v, p + "." + key, true);
        };
        src.description = optional_text("description");
        src.expected = optional_text("expected");
        if (src.expected) {
            auto t = parse_time(*src.expected);
            if (!t || format_utc(*t) != *src.expected)
                in.problem(p + ".expected", "is not a UTC time", "YYYY-MM-DDTHH:MM:SSZ",
                           "\"" + *src.expected + "\"");
        }
        auto allowed_only = [&](std::initializer_list<const char*> keys, SourceKind owner) {
            for (const char* key : keys)
                if (known && src.kind != owner && JsonReader::member(s, key) != nullptr)
                    in.problem(p + "." + key,
                               std::string("belongs to sources of kind ") + kind_name(owner),
                               "no \"" + std::string(key) + "\" for kind " + kind_name(src.kind));
        };
        allowed_only({"count", "min", "max"}, SourceKind::numbers);
        allowed_only({"bytes"}, SourceKind::hex);
        allowed_only({"digits"}, SourceKind::witness);
        allowed_only({"sha256", "chain"}, SourceKind::secret);
        auto optional_int = [&](const char* key, std::int64_t lo) -> std::optional<std::int64_t> {
            const Json* v = JsonReader::member(s, key);
            if (v == nullptr || v->is_null()) return std::nullopt;
            return in.integer(v, p + "." + key, lo, k_max_int);
        };
        if (known && src.kind == SourceKind::numbers) {
            const Json* count = JsonReader::member(s, "count");
            if (count == nullptr) in.problem(p + ".count", "is required", "an integer ≥ 1");
            src.count = in.integer(count, p + ".count", 1, k_max_int).value_or(1);
            src.min = optional_int("min", 0);
            src.max = optional_int("max", 0);
            if (src.min && src.max && *src.min > *src.max)
                in.problem(p, "has min greater than max", "min ≤ max");
        } else if (known && src.kind == SourceKind::hex) {
            src.bytes = optional_int("bytes", 1);
        } else if (known && src.kind == SourceKind::witness) {
            const Json* digits = JsonReader::member(s, "digits");
            if (digits == nullptr) in.problem(p + ".digits", "is required", "an integer ≥ 1");
            src.digits = in.integer(digits, p + ".digits", 1, 1000).value_or(1);
        } else if (known && src.kind == SourceKind::secret) {
            ++secrets;
            if (secrets == 2)
                in.problem(p, "is a second secret source", "at most one secret source", "",
                           "substitution rounds use the one secret's hash chain");
            if (auto h = in.string(JsonReader::member(s, "sha256"), p + ".sha256", true)) {
                auto parsed = hash_from_hex(*h);
                if (!parsed || to_hex(*parsed) != *h)
                    in.problem(p + ".sha256", "is not a SHA-256 hash", "64 lower-case hex digits",
                               "\"" + *h + "\"");
                else
                    src.sha256 = *parsed;
            }
            src.chain = optional_int("chain", 1).value_or(1);
        }
        out.push_back(std::move(src));
    }
    if (!in.ok()) return in.error("sources");
    return out;
}

Json sources_to_json(std::span<const Source> sources) {
    Json out = Json::array();
    for (const auto& s : sources) {
        Json j = {{"name", s.name},
                  {"kind", kind_name(s.kind)},
                  {"description", s.description ? Json(*s.description) : Json(nullptr)},
                  {"expected", s.expected ? Json(*s.expected) : Json(nullptr)}};
        switch (s.kind) {
            case SourceKind::numbers:
                j["count"] = s.count;
                j["min"] = s.min ? Json(*s.min) : Json(nullptr);
                j["max"] = s.max ? Json(*s.max) : Json(nullptr);
                break;
            case SourceKind::hex:
                j["bytes"] = s.bytes ? Json(*s.bytes) : Json(nullptr);
                break;
            case SourceKind::witness:
                j["digits"] = s.digits;
                break;
            case SourceKind::secret:
                j["sha256"] = to_hex(s.sha256);
                j["chain"] = s.chain;
                break;
            case SourceKind::text:
                break;
        }
        out.push_back(std::move(j));
    }
    return out;
}

}  // namespace fairdraw
