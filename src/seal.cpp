// Public rows and public roots (docs/SPEC.md §6.2).
//
// A canonical row (§3.3) is a flat object of strings plus at most one array
// of string pairs, already in canonical form; the public row is written by
// walking its members once, without a JSON tree, because an announcement
// seals every row of a directory that may hold millions.
#include "fairdraw/seal.h"

#include <algorithm>

#include "fairdraw/canonical_json.h"
#include "fairdraw/keyed_hash.h"

namespace fairdraw {
namespace {

struct Member {
    std::string_view key;
    std::string_view value;  // raw JSON text of the value
};

Error not_a_row(std::string_view why) {
    return Error::bad_input("not a canonical row: " + std::string(why));
}

// Skips a JSON string starting at text[pos] == '"'; returns the index after it.
std::optional<std::size_t> skip_string(std::string_view text, std::size_t pos) {
    for (std::size_t i = pos + 1; i < text.size(); ++i) {
        if (text[i] == '\\') {
            ++i;
        } else if (text[i] == '"') {
            return i + 1;
        }
    }
    return std::nullopt;
}

// Skips an array (of arrays of strings) starting at text[pos] == '['.
std::optional<std::size_t> skip_array(std::string_view text, std::size_t pos) {
    int depth = 0;
    for (std::size_t i = pos; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '"') {
            auto end = skip_string(text, i);
            if (!end) return std::nullopt;
            i = *end - 1;
        } else if (c == '[') {
            ++depth;
        } else if (c == ']') {
            if (--depth == 0) return i + 1;
        }
    }
    return std::nullopt;
}

Result<std::vector<Member>> members_of(std::string_view row) {
    std::vector<Member> out;
    if (row.size() < 2 || row.front() != '{' || row.back() != '}') return not_a_row("no object");
    std::size_t i = 1;
    if (row[i] == '}') return out;
    while (true) {
        if (row[i] != '"') return not_a_row("member name expected");
        auto key_end = skip_string(row, i);
        if (!key_end || *key_end >= row.size() || row[*key_end] != ':')
            return not_a_row("':' expected");
        Member m;
        m.key = row.substr(i + 1, *key_end - i - 2);
        i = *key_end + 1;
        std::optional<std::size_t> end;
        if (i < row.size() && row[i] == '"')
            end = skip_string(row, i);
        else if (i < row.size() && row[i] == '[')
            end = skip_array(row, i);
        if (!end || *end >= row.size()) return not_a_row("string or array value expected");
        m.value = row.substr(i, *end - i);
        out.push_back(m);
        i = *end;
        if (row[i] == '}') {
            if (i + 1 != row.size()) return not_a_row("text after the object");
            return out;
        }
        if (row[i] != ',') return not_a_row("',' expected");
        ++i;
    }
}

int hex_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// The UTF-8 text of a canonical JSON string (with its quotes).
Result<std::string> string_value(std::string_view quoted) {
    if (quoted.size() < 2 || quoted.front() != '"') return not_a_row("a sealed field is not a string");
    std::string out;
    for (std::size_t i = 1; i + 1 < quoted.size(); ++i) {
        char c = quoted[i];
        if (c != '\\') {
            out += c;
            continue;
        }
        if (++i + 1 >= quoted.size()) return not_a_row("bad escape");
        switch (quoted[i]) {
            case '"': out += '"'; break;
            case '\\': out += '\\'; break;
            case '/': out += '/'; break;
            case 'b': out += '\b'; break;
            case 'f': out += '\f'; break;
            case 'n': out += '\n'; break;
            case 'r': out += '\r'; break;
            case 't': out += '\t'; break;
            case 'u': {
                // Canonical JSON escapes only U+0000..U+001F this way.
                if (i + 4 >= quoted.size()) return not_a_row("bad escape");
                int v = 0;
                for (int k = 1; k <= 4; ++k) {
                    const int d = hex_digit(quoted[i + static_cast<std::size_t>(k)]);
                    if (d < 0) return not_a_row("bad escape");
                    v = v * 16 + d;
                }
                if (v >= 0x20) return not_a_row("non-canonical escape");
                out += static_cast<char>(v);
                i += 4;
                break;
            }
            default:
                return not_a_row("bad escape");
        }
    }
    return out;
}

std::string salt_message(DirectoryKind kind, std::string_view id, std::string_view field) {
    std::string out = "[\"";
    append_json_string(out, k_seal_label);
    out += "\",\"";
    append_json_string(out, kind_name(kind));
    out += "\",\"";
    append_json_string(out, id);
    out += "\",\"";
    append_json_string(out, field);
    out += "\"]";
    return out;
}

Result<std::string> seal_row(const KeyedHash& mac, DirectoryKind kind, std::string_view id,
                             std::string_view row, std::span<const std::string> fields) {
    if (fields.empty()) return std::string(row);
    FD_ASSIGN(auto members, members_of(row));
    std::string sealed = "{";
    for (std::size_t f = 0; f < fields.size(); ++f) {
        std::string value;
        for (const auto& m : members) {
            if (m.key != fields[f]) continue;
            FD_ASSIGN(value, string_value(m.value));
        }
        const Hash salt = mac.mac(salt_message(kind, id, fields[f]));
        if (f) sealed += ',';
        sealed += '"' + fields[f] + "\":\"" + to_hex(sealed_value(salt, value)) + '"';
    }
    sealed += '}';
    std::string out = "{";
    bool placed = false, first = true;
    auto put = [&](std::string_view key, std::string_view value) {
        if (!first) out += ',';
        first = false;
        out += '"';
        out += key;
        out += "\":";
        out += value;
    };
    for (const auto& m : members) {
        if (std::find(fields.begin(), fields.end(), m.key) != fields.end()) continue;
        if (!placed && std::string_view(k_sealed_member) < m.key) {
            put(k_sealed_member, sealed);
            placed = true;
        }
        put(m.key, m.value);
    }
    if (!placed) put(k_sealed_member, sealed);
    out += '}';
    return out;
}

}  // namespace

std::vector<std::string> sealed_fields(DirectoryKind kind, const Plan& plan) {
    std::vector<std::string> out;
    switch (kind) {
        case DirectoryKind::enterprises:
            out = plan.confidential;
            break;
        case DirectoryKind::conflicts:
            out = {"reason"};
            break;
        case DirectoryKind::inspectors:
            break;
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

Hash seal_salt(const SealKey& key, DirectoryKind kind, std::string_view id,
               std::string_view field) {
    return KeyedHash(key).mac(salt_message(kind, id, field));
}

Hash sealed_value(const Hash& salt, std::string_view value) {
    Sha256 h;
    h.update(ByteView(salt));
    h.update(value);
    return h.finish();
}

Result<std::string> public_row(DirectoryKind kind, std::string_view id,
                               std::string_view canonical_row, std::span<const std::string> fields,
                               const SealKey& key) {
    return seal_row(KeyedHash(key), kind, id, canonical_row, fields);
}

SnapshotRoots::SnapshotRoots(DirectoryKind kind, std::vector<std::string> fields,
                             const SealKey& key)
    : m_kind(kind), m_fields(std::move(fields)), m_key(key) {}

Hash SnapshotRoots::public_root() const {
    return m_fields.empty() ? m_plain.root() : m_public.root();
}

Status SnapshotRoots::add(std::string_view id, std::string_view canonical_row) {
    const Hash leaf = merkle::leaf_hash(canonical_row);
    m_plain.add(leaf);
    if (m_fields.empty()) return {};  // the public rows are the rows
    if (!m_mac) m_mac = std::make_unique<KeyedHash>(m_key);
    FD_ASSIGN(std::string row, seal_row(*m_mac, m_kind, id, canonical_row, m_fields));
    m_public.add(merkle::leaf_hash(row));
    return {};
}

}  // namespace fairdraw
