// progress.h — the import progress line on a terminal.
//
// Shown on standard error only when it is a terminal, refreshed at most five
// times per second, and erased when the work is done, so that logs and pipes
// never see it.
#pragma once

#include <chrono>
#include <optional>

#include "fairdraw/snapshot.h"

namespace fairdraw::cli {

class ProgressLine {
  public:
    // A display that does nothing unless standard error is a terminal.
    ProgressLine();
    ~ProgressLine();
    ProgressLine(const ProgressLine&) = delete;
    ProgressLine& operator=(const ProgressLine&) = delete;

    void update(const ImportProgress& progress);
    void clear();

  private:
    using Clock = std::chrono::steady_clock;
    bool m_enabled = false;
    bool m_shown = false;
    Clock::time_point m_start;
    Clock::time_point m_phase_start;
    std::optional<Clock::time_point> m_last;
    ImportProgress::Phase m_phase = ImportProgress::Phase::reading;
};

}  // namespace fairdraw::cli
