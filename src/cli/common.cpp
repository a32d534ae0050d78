#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli.h"

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

Result<Workspace> open_workspace(const Globals& globals) {
    FD_ASSIGN(std::string passphrase, read_passphrase(globals));
    std::filesystem::path dir = globals.workspace.empty() ? std::filesystem::path(".") : std::filesystem::path(globals.workspace);
    return Workspace::open(dir, OpenOptions{resolve_actor(globals), passphrase});
}

}  // namespace fairdraw::cli
