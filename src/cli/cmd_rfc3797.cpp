// fairdraw rfc3797: the standalone RFC 3797 selection (docs/SPEC.md §11).
// Needs no workspace and changes nothing.
#include <algorithm>
#include <charconv>
#include <iostream>

#include "cli.h"
#include "fairdraw/canonical_json.h"
#include "fairdraw/rfc3797.h"

namespace fairdraw::cli {
namespace {

struct Rfc3797Options {
    std::string pool;
    std::string count;
    std::vector<std::string> sources;
    bool json = false;
};

Result<std::size_t> parse_count(const std::string& text) {
    std::uint64_t value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    bool digits_only = !text.empty() && std::all_of(text.begin(), text.end(),
                                                    [](char c) { return c >= '0' && c <= '9'; });
    if (!digits_only || end != text.data() + text.size())
        return Error::bad_input(
            "--count: expected a whole number of entries to select, found \"" + text + "\"",
            "give the number of entries to select, e.g. --count 10");
    if (ec == std::errc::result_out_of_range || value > rfc3797::k_max_selections)
        return Error::bad_input("--count: " + text + " is more than the " +
                                    std::to_string(rfc3797::k_max_selections) +
                                    " selections RFC 3797's 2-byte counter can number",
                                "select fewer entries");
    return static_cast<std::size_t>(value);
}

const char* kind_name(rfc3797::SourceKind kind) {
    return kind == rfc3797::SourceKind::numbers ? "numbers" : "text";
}

Json to_json(const rfc3797::Draw& d, const std::string& pool_file) {
    Json sources = Json::array();
    for (const auto& s : d.sources)
        sources.push_back(
            {{"given", s.given}, {"kind", kind_name(s.kind)}, {"canonical", s.canonical}});
    Json rows = Json::array();
    for (const auto& r : d.selections)
        rows.push_back({{"selection", r.index + 1},
                        {"md5", rfc3797::md5_hex_upper(r.md5)},
                        {"remainder", r.remainder},
                        {"modulus", r.modulus},
                        {"position", r.position + 1},
                        {"entry", r.entry}});
    return {{"algorithm", "RFC 3797"},
            {"pool", {{"file", pool_file}, {"size", d.pool_size}}},
            {"count", d.selections.size()},
            {"sources", std::move(sources)},
            {"key", d.key},
            {"selections", std::move(rows)}};
}

std::string pad_left(const std::string& text, std::size_t width) {
    return text.size() >= width ? text : std::string(width - text.size(), ' ') + text;
}
std::string pad_right(const std::string& text, std::size_t width) {
    return text.size() >= width ? text : text + std::string(width - text.size(), ' ');
}

void print_text(const rfc3797::Draw& d, const std::string& pool_file) {
    std::cout << "RFC 3797 selection of " << d.selections.size() << " from a pool of "
              << d.pool_size << " (" << pool_file << ")\n";
    for (std::size_t i = 0; i < d.sources.size(); ++i)
        std::cout << "source " << i + 1 << ": " << d.sources[i].given << "  ->  "
                  << d.sources[i].canonical << "\n";
    std::cout << "key: " << d.key << "\n\n";

    std::vector<std::string> number, ratio, position;
    for (const auto& r : d.selections) {
        number.push_back(std::to_string(r.index + 1));
        ratio.push_back(std::to_string(r.remainder) + "/" + std::to_string(r.modulus));
        position.push_back(std::to_string(r.position + 1));
    }
    auto width = [](const std::vector<std::string>& column, std::size_t header) {
        std::size_t w = header;
        for (const auto& v : column) w = std::max(w, v.size());
        return w;
    };
    const std::size_t w_number = width(number, 1), w_ratio = width(ratio, 17),
                      w_position = width(position, 8);
    const std::size_t w_md5 = 2 * rfc3797::k_md5_size;
    std::cout << pad_left("#", w_number) << "  " << pad_right("MD5", w_md5) << "  "
              << pad_left("remainder/modulus", w_ratio) << "  " << pad_left("position", w_position)
              << "  entry\n";
    for (std::size_t i = 0; i < d.selections.size(); ++i)
        std::cout << pad_left(number[i], w_number) << "  "
                  << rfc3797::md5_hex_upper(d.selections[i].md5) << "  "
                  << pad_left(ratio[i], w_ratio) << "  " << pad_left(position[i], w_position)
                  << "  " << d.selections[i].entry << "\n";
}

}  // namespace

void add_rfc3797_command(CLI::App& app, Globals& globals) {
    auto options = std::make_shared<Rfc3797Options>();
    auto* cmd =
        app.add_subcommand("rfc3797",
                           "Select entries from a published list by RFC 3797 (needs no workspace, "
                           "changes nothing)")
            ->footer(
                "Example (the worked example of RFC 3797 section 6):\n"
                "  fairdraw rfc3797 --pool volunteers.txt --count 10 \\\n"
                "      --source \"9319\" --source \"2 5 12 8 10\" --source \"9 18 26 34 41 45\"\n"
                "The pool file has one entry per line, in the published order (UTF-8).");
    cmd->add_option("--pool", options->pool,
                    "The published list: one entry per line, UTF-8, in published order")
        ->type_name("FILE");
    cmd->add_option("--count", options->count, "How many entries to select")->type_name("N");
    cmd->add_option("--source", options->sources,
                    "A randomness source's value, in the announced order; repeat for each source "
                    "(numbers separated by spaces, e.g. \"2 5 12 8 10\")")
        ->type_name("VALUE")
        ->expected(1)
        ->allow_extra_args(false)
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
    cmd->add_flag("--json", options->json, "Print the result as JSON");
    cmd->callback([options, &globals] {
        globals.exit_code = run([&]() -> Status {
            if (options->pool.empty())
                return Error::bad_input("no pool file given",
                                        "give the published list with --pool FILE");
            if (options->count.empty())
                return Error::bad_input("no --count given",
                                        "say how many entries to select, e.g. --count 10");
            if (options->sources.empty())
                return Error::bad_input(
                    "no randomness sources given",
                    "give each announced source's value with --source, in the announced order, "
                    "e.g. --source \"2 5 12 8 10\"");
            FD_ASSIGN(std::size_t count, parse_count(options->count));
            FD_ASSIGN(auto pool, rfc3797::read_pool(options->pool));
            FD_ASSIGN(auto result, rfc3797::draw(options->sources, pool, count));
            if (options->json)
                std::cout << to_json(result, options->pool)
                                 .dump(2, ' ', false, Json::error_handler_t::strict)
                          << "\n";
            else
                print_text(result, options->pool);
            return {};
        });
    });
}

}  // namespace fairdraw::cli
