// draw_output.h — how plan check, draw, result and substitute print for people.
#pragma once

#include <string>

#include "fairdraw/announcement.h"
#include "fairdraw/draw_record.h"

namespace fairdraw::cli {

std::string plan_report_text(const PlanReport& report, const std::string& plan_file);
Json plan_report_json(const PlanReport& report);

// The drawn table: values, seed, pool, strata with cut-offs, groups, and each
// selected entity with its ticket and team (current teams when `teams` is given).
std::string draw_text(const StoredAnnouncement& announcement, const StoredDraw& draw,
                      const DrawResult& result, const DrawLabels& labels,
                      const std::vector<StoredSubstitution>& substitutions);
// The explanation recorded for an impossible draw.
std::string impossible_text(const StoredDraw& draw);

std::string substitution_text(const StoredSubstitution& substitution, const DrawLabels& labels);
Json substitution_output_json(const StoredSubstitution& substitution);

// Pads UTF-8 text to a terminal width, counting East Asian wide characters as two columns.
std::string pad(const std::string& text, std::size_t width);

}  // namespace fairdraw::cli
