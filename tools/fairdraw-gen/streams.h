// streams.h — stream tags: one independent random stream per kind of value.
//
// The numbers are arbitrary but fixed: changing one changes the generated
// bytes (and the committed sample must then be regenerated).
#pragma once

#include <cstdint>

namespace fairdraw::gen {

inline constexpr std::uint64_t k_stream_enterprises = 1;
inline constexpr std::uint64_t k_stream_code_bodies = 2;
inline constexpr std::uint64_t k_stream_trade_names = 3;
inline constexpr std::uint64_t k_stream_inspectors = 4;
inline constexpr std::uint64_t k_stream_inspector_names = 5;
inline constexpr std::uint64_t k_stream_conflicts = 6;

// The seed of the committed sample district (lists/sample/), and the default
// of --seed: the year of the bureau report the sample district imitates.
inline constexpr std::uint64_t k_sample_seed = 2024;

}  // namespace fairdraw::gen
