#include "progress.h"

#include <unistd.h>

#include <cstdio>
#include <string>

namespace fairdraw::cli {
namespace {

constexpr auto k_refresh = std::chrono::milliseconds(200);

std::string with_thousands(std::uint64_t n) {
    std::string digits = std::to_string(n), out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return out;
}

std::string duration(double seconds) {
    if (seconds < 60) return std::to_string(static_cast<int>(seconds + 0.5)) + " s";
    const int s = static_cast<int>(seconds + 0.5);
    return std::to_string(s / 60) + " min " + std::to_string(s % 60) + " s";
}

}  // namespace

ProgressLine::ProgressLine()
    : m_enabled(::isatty(STDERR_FILENO) == 1), m_start(Clock::now()), m_phase_start(m_start) {}

ProgressLine::~ProgressLine() {
    clear();
}

void ProgressLine::update(const ImportProgress& p) {
    if (!m_enabled) return;
    const auto now = Clock::now();
    if (p.phase != m_phase) {
        m_phase = p.phase;
        m_phase_start = now;
    } else if (m_last && now - *m_last < k_refresh) {
        return;
    }
    m_last = now;
    const double elapsed = std::chrono::duration<double>(now - m_phase_start).count();
    const double rate = elapsed > 0 ? static_cast<double>(p.rows) / elapsed : 0;
    std::string line;
    switch (p.phase) {
        case ImportProgress::Phase::reading: {
            line = "reading: " + with_thousands(p.rows) + " rows, " +
                   with_thousands(static_cast<std::uint64_t>(rate)) + " rows/s";
            if (p.bytes_total > 0 && p.bytes_read > 0) {
                const double done =
                    static_cast<double>(p.bytes_read) / static_cast<double>(p.bytes_total);
                line += ", " + std::to_string(static_cast<int>(done * 100)) + "%";
                if (elapsed > 1 && done < 1)
                    line += ", about " + duration(elapsed * (1 - done) / done) + " left";
            }
            break;
        }
        case ImportProgress::Phase::sorting:
        case ImportProgress::Phase::writing: {
            line = p.phase == ImportProgress::Phase::sorting ? "checking IDs: " : "writing: ";
            line += with_thousands(p.rows) + " of " + with_thousands(p.total_rows) + " rows";
            if (rate > 0 && p.rows < p.total_rows)
                line += ", about " + duration(static_cast<double>(p.total_rows - p.rows) / rate) +
                        " left";
            break;
        }
    }
    std::fprintf(stderr, "\r\033[K%s", line.c_str());
    std::fflush(stderr);
    m_shown = true;
}

void ProgressLine::clear() {
    if (!m_shown) return;
    std::fprintf(stderr, "\r\033[K");
    std::fflush(stderr);
    m_shown = false;
}

}  // namespace fairdraw::cli
