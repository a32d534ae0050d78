#include "fairdraw/result.h"

namespace fairdraw {

int exit_code(ErrorKind kind) {
    switch (kind) {
        case ErrorKind::verification_failed: return k_exit_verification_failed;
        case ErrorKind::bad_input: return k_exit_bad_input;
        case ErrorKind::environment: return k_exit_environment;
    }
    return k_exit_environment;
}

std::string Problem::render() const {
    std::string out;
    if (!file.empty()) {
        out += file;
        if (line != 0) out += ":" + std::to_string(line);
        out += ": ";
    } else if (line != 0) {
        out += "line " + std::to_string(line) + ": ";
    }
    if (!field.empty()) out += field + ": ";
    out += message;
    if (!expected.empty() || !found.empty()) {
        out += ": expected " + (expected.empty() ? std::string("a value") : expected);
        out += ", found " + (found.empty() ? std::string("nothing") : found);
    }
    return out;
}

Error Error::bad_input(std::string message, std::string hint) {
    Error e;
    e.kind = ErrorKind::bad_input;
    e.message = std::move(message);
    e.hint = std::move(hint);
    return e;
}

Error Error::verification_failed(std::string message, std::string hint) {
    Error e = bad_input(std::move(message), std::move(hint));
    e.kind = ErrorKind::verification_failed;
    return e;
}

Error Error::environment(std::string message, std::string hint) {
    Error e = bad_input(std::move(message), std::move(hint));
    e.kind = ErrorKind::environment;
    return e;
}

Error Error::problems(std::string message, std::vector<Problem> problems, std::size_t not_shown) {
    Error e = bad_input(std::move(message));
    e.details = std::move(problems);
    e.details_not_shown = not_shown;
    return e;
}

}  // namespace fairdraw
