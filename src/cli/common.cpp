#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli.h"
#include "snapshot_options.h"

namespace fairdraw::cli {

int report(const Error& error) {
    std::ostream& err = std::cerr;
    err << "fairdraw: error: " << error.message << "\n";
    for (const auto& problem : error.details) {
        err << "fairdraw: error: " << problem.render() << "\n";
        if (!problem.hint.empty()) err << "fairdraw: hint: " << problem.hint << "\n";
    }
    if (error.details_not_shown > 0)
        err << "fairdraw: error: ... and " << error.details_not_shown << " more problems not shown\n";
    if (!error.hint.empty()) err << "fairdraw: hint: " << error.hint << "\n";
    return exit_code(error.kind);
}

int run(const std::function<Status()>& body) {
    try {
        auto status = body();
        if (!status) return report(status.error());
        return k_exit_ok;
    } catch (const std::exception& e) {
        return report(Error::environment(std::string("unexpected failure: ") + e.what()));
    }
}

std::string resolve_actor(const Globals& globals) {
    return globals.actor.empty() ? default_actor() : globals.actor;
}

Result<std::string> read_passphrase(const Globals& globals) {
    if (!globals.passphrase_file.empty()) {
        std::ifstream in(globals.passphrase_file, std::ios::binary);
        if (!in) return Error::bad_input("cannot read passphrase file " + globals.passphrase_file);
        std::string line;
        std::getline(in, line);
        if (!line.empty() && line.back() == '\r') line.pop_back();
        return line;
    }
    if (const char* p = std::getenv("FAIRDRAW_PASSPHRASE"); p != nullptr) return std::string(p);
    return std::string();
}

Result<std::int64_t> parse_whole_number(const std::string& text, const std::string& option,
                                        std::int64_t min, std::int64_t max) {
    const bool digits = !text.empty() && text.size() <= 15 &&
                        text.find_first_not_of("0123456789") == std::string::npos &&
                        (text.size() == 1 || text[0] != '0');
    std::int64_t value = 0;
    if (digits)
        for (char c : text) value = value * 10 + (c - '0');
    if (!digits || value < min || value > max)
        return Error::bad_input(option + ": expected a whole number from " + std::to_string(min) +
                                    " to " + std::to_string(max) + ", found \"" + text + "\"",
                                "write it in decimal digits, without sign or leading zeros");
    return value;
}

Result<std::string> read_input_file(const std::string& path, const char* what) {
    constexpr std::uintmax_t k_max_input = std::uintmax_t{64} << 20;
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec))
        return Error::bad_input("cannot read the " + std::string(what) + " file " + path +
                                    ": no such file",
                                "check the path");
    if (std::filesystem::file_size(path, ec) > k_max_input)
        return Error::bad_input("the " + std::string(what) + " file " + path + " is larger than 64 MiB");
    std::ifstream in(path, std::ios::binary);
    if (!in) return Error::bad_input("cannot read the " + std::string(what) + " file " + path);
    std::ostringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

void report_warnings(const std::vector<Problem>& warnings) {
    for (const auto& w : warnings) {
        std::cerr << "fairdraw: warning: " << w.render() << "\n";
        if (!w.hint.empty()) std::cerr << "fairdraw: hint: " << w.hint << "\n";
    }
}

Result<Workspace> open_workspace(const Globals& globals) {
    FD_ASSIGN(std::string passphrase, read_passphrase(globals));
    std::filesystem::path dir = globals.workspace.empty() ? std::filesystem::path(".") : std::filesystem::path(globals.workspace);
    return Workspace::open(dir, OpenOptions{resolve_actor(globals), passphrase});
}

}  // namespace fairdraw::cli
