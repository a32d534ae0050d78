#!/bin/sh
# Benchmarks the signed log with a Release build in build-release/:
#   - appends/s with a signed checkpoint and a durable commit per entry, against
#     bare durable SQLite commits (with and without the checkpoint-file replace)
#     measured in the same run;
#   - verification speed of a 1,000,000-entry log against raw SHA-256 over the
#     same entry bytes, measured in the same run.
# Usage: bench/log_bench.sh [ENTRIES [APPENDS [SCRATCH_DIR]]]
#   defaults: 1000000 entries, 2000 appends, a new folder in the temp folder
#   (durable-commit figures depend on the disk: put SCRATCH_DIR where workspaces live).
set -eu
cd "$(dirname "$0")/.."
build="${FAIRDRAW_BENCH_BUILD_DIR:-build-release}"
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DFAIRDRAW_TESTS=OFF >/dev/null
cmake --build "$build" --target log_bench -j2 >/dev/null
if [ -n "${3:-}" ]; then
  exec "$build/log_bench" --entries "${1:-1000000}" --appends "${2:-2000}" --dir "$3"
fi
exec "$build/log_bench" --entries "${1:-1000000}" --appends "${2:-2000}"
