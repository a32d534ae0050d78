// fairdraw-gen — deterministic enterprise, inspector and conflict directories
// for demonstrations, tests and benchmarks (SCHEMA.md, "Generator").
//
// Messages follow the fairdraw rules: "fairdraw-gen: error: …" and
// "fairdraw-gen: hint: …" on standard error; exit 2 for usage errors (nothing
// written), 3 when a file cannot be written.
#include <CLI/CLI.hpp>
#include <cstdint>
#include <exception>
#include <functional>
#include <iostream>
#include <limits>
#include <string>

#include "commands.h"
#include "streams.h"

namespace {

int report(const fairdraw::Error& error) {
    std::cerr << "fairdraw-gen: error: " << error.message << "\n";
    if (!error.hint.empty()) std::cerr << "fairdraw-gen: hint: " << error.hint << "\n";
    return fairdraw::exit_code(error.kind);
}

// Accepts decimal digits only, up to 2^64 - 1, and drops leading zeros (CLI11
// alone would wrap "-1" and 2^64 and read "010" as octal).
const CLI::Validator whole_number(
    [](std::string& text) -> std::string {
        const bool digits =
            !text.empty() && text.find_first_not_of("0123456789") == std::string::npos;
        if (!digits) return "expected a whole number, found '" + text + "'";
        const std::string max = std::to_string(std::numeric_limits<std::uint64_t>::max());
        const std::string trimmed =
            text.substr(std::min(text.find_first_not_of('0'), text.size() - 1));
        if (trimmed.size() > max.size() || (trimmed.size() == max.size() && trimmed > max))
            return "'" + text + "' is larger than " + max;
        text = trimmed;
        return {};
    },
    "N");

}  // namespace

int main(int argc, char** argv) {
    using namespace fairdraw::gen;
    CLI::App app{
        "fairdraw-gen: deterministic sample directories for fairdraw (enterprises, inspectors, "
        "conflicts)",
        "fairdraw-gen"};
    app.require_subcommand(1);
    std::function<fairdraw::Status()> action;

    std::string sample_out;
    auto* sample = app.add_subcommand(
        "sample", "Write the sample district: enterprises.csv, inspectors.csv, conflicts.csv");
    sample->add_option("--out", sample_out, "Folder to write into (created if missing)")
        ->required();
    sample->footer("Example: fairdraw-gen sample --out lists/sample");
    sample->callback([&] { action = [&] { return write_sample(sample_out); }; });

    std::string ent_out;
    std::uint64_t ent_rows = 0;
    std::uint64_t ent_seed = k_sample_seed;
    auto* ent =
        app.add_subcommand("enterprises", "Write N enterprise rows (streamed, constant memory)");
    ent->add_option("--rows", ent_rows, "Number of rows")->transform(whole_number)->required();
    ent->add_option("--out", ent_out, "CSV file to write")->required();
    ent->add_option("--seed", ent_seed, "Seed (default: the sample district's)")
        ->transform(whole_number)
        ->capture_default_str();
    ent->footer("Example: fairdraw-gen enterprises --rows 1000000 --out province.csv --seed 7");
    ent->callback([&] { action = [&] { return write_enterprises(ent_out, ent_rows, ent_seed); }; });

    std::string ins_out;
    std::uint64_t ins_rows = 0;
    std::uint64_t ins_departments = 0;
    std::uint64_t ins_seed = k_sample_seed;
    auto* ins = app.add_subcommand("inspectors", "Write N inspector rows in K departments");
    ins->add_option("--rows", ins_rows, "Number of rows")->transform(whole_number)->required();
    ins->add_option("--departments", ins_departments, "Number of departments")
        ->transform(whole_number)
        ->required();
    ins->add_option("--out", ins_out, "CSV file to write")->required();
    ins->add_option("--seed", ins_seed, "Seed (default: the sample district's)")
        ->transform(whole_number)
        ->capture_default_str();
    ins->footer("Example: fairdraw-gen inspectors --rows 300 --departments 8 --out inspectors.csv");
    ins->callback([&] {
        action = [&] { return write_inspectors(ins_out, ins_rows, ins_departments, ins_seed); };
    });

    std::string con_out;
    std::uint64_t con_count = 0;
    std::uint64_t con_enterprises = 0;
    std::uint64_t con_inspectors = 0;
    std::uint64_t con_seed = k_sample_seed;
    auto* con = app.add_subcommand("conflicts",
                                   "Write N conflicts between the first K generated inspectors and "
                                   "the first M generated enterprises");
    con->add_option("--count", con_count, "Number of conflicts")
        ->transform(whole_number)
        ->required();
    con->add_option("--enterprise-rows", con_enterprises,
                    "M: enterprises generated with the same seed")
        ->transform(whole_number)
        ->required();
    con->add_option("--inspector-rows", con_inspectors,
                    "K: inspectors generated with the same seed")
        ->transform(whole_number)
        ->required();
    con->add_option("--out", con_out, "CSV file to write")->required();
    con->add_option("--seed", con_seed, "Seed (default: the sample district's)")
        ->transform(whole_number)
        ->capture_default_str();
    con->footer(
        "Example: fairdraw-gen conflicts --count 40 --enterprise-rows 10000 --inspector-rows 80 "
        "--out conflicts.csv");
    con->callback([&] {
        action = [&] {
            return write_conflicts(con_out, con_count, con_enterprises, con_inspectors, con_seed);
        };
    });

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        std::cerr
            << "fairdraw-gen: error: " << e.what() << "\n"
            << "fairdraw-gen: hint: run 'fairdraw-gen --help' or 'fairdraw-gen COMMAND --help'\n";
        return fairdraw::k_exit_bad_input;
    }
    try {
        const fairdraw::Status status = action();
        return status ? fairdraw::k_exit_ok : report(status.error());
    } catch (const std::exception& e) {
        return report(fairdraw::Error::environment(std::string("unexpected failure: ") + e.what()));
    }
}
