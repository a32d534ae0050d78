// announcement_doc.h — the announcement document (docs/SPEC.md §6) and the
// checks on the text an announcement publishes.
#pragma once

#include <string>
#include <vector>

#include "fairdraw/announcement.h"

namespace fairdraw::detail {

// The canonical JSON of an announcement from its parts (id and log_index are ignored).
Result<std::string> announcement_json(const StoredAnnouncement& parts);

// Text that is published and shown to witnesses must not hide anything:
// strings holding control characters (C0, DEL, C1) or bidirectional
// formatting characters (U+202A–U+202E, U+2066–U+2069) are reported, each
// with its path below `path`.
void hostile_text_problems(const Json& value, const std::string& path, const std::string& file,
                           std::vector<Problem>& problems);
// The first such character in a string, described ("U+001B"), or "".
std::string hostile_character(std::string_view text);

// The text with every such character replaced by U+FFFD, for terminals and summaries.
std::string safe_text(std::string_view text);

// parse_plan, then the hostile-text check over the normalized plan.
Result<Plan> read_plan(std::string_view text, const std::string& source);

}  // namespace fairdraw::detail
