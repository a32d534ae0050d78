#include "schema.h"

namespace fairdraw::detail {

// Placeholder until the snapshot store lands; replaced by the import module.
const char* const k_schema_snapshots = R"sql(
CREATE TABLE snapshot (
    id INTEGER PRIMARY KEY
);
)sql";

}  // namespace fairdraw::detail
