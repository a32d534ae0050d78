// commands.h — what each fairdraw-gen command writes (SCHEMA.md, "Generator").
//
// Each function checks its sizes (bad input: nothing is written), then streams
// its rows into the output file; the same arguments give the same bytes on
// every machine.
#pragma once

#include <cstdint>
#include <filesystem>

#include "fairdraw/result.h"

namespace fairdraw::gen {

// The committed sample district in lists/sample/.
inline constexpr std::uint64_t k_sample_enterprises = 3'000;
inline constexpr std::uint64_t k_sample_inspectors = 60;
inline constexpr std::size_t k_sample_departments = 4;
inline constexpr std::uint64_t k_sample_conflicts = 30;

Status write_enterprises(const std::filesystem::path& out, std::uint64_t rows, std::uint64_t seed);
Status write_inspectors(const std::filesystem::path& out, std::uint64_t rows,
                        std::uint64_t departments, std::uint64_t seed);
Status write_conflicts(const std::filesystem::path& out, std::uint64_t count,
                       std::uint64_t enterprise_rows, std::uint64_t inspector_rows,
                       std::uint64_t seed);
// enterprises.csv, inspectors.csv and conflicts.csv of the sample district in
// `dir` (created if missing): the three commands above with k_sample_seed.
Status write_sample(const std::filesystem::path& dir);

}  // namespace fairdraw::gen
