// snapshot_output.h — how the import and lists commands print snapshots.
#pragma once

#include <string>

#include "fairdraw/snapshot.h"

namespace fairdraw::cli {

// Every recorded attribute of a snapshot, for --json output.
Json snapshot_json(const SnapshotInfo& info);
// The import summary, for --json output.
Json import_report_json(const ImportReport& report);
// The import summary as text lines.
std::string import_report_text(const ImportReport& report);

}  // namespace fairdraw::cli
