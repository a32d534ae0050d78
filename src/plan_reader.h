// plan_reader.h — the reader behind parse_plan (docs/SPEC.md §5), shared by its two source files.
#pragma once

#include <algorithm>
#include <array>
#include <optional>
#include <string>

#include "fairdraw/plan.h"
#include "json_reader.h"

namespace fairdraw::detail {

inline constexpr std::int64_t k_plan_max_int = (std::int64_t{1} << 53) - 1;
inline constexpr std::int64_t k_max_team_size = 999;  // SPEC §10: k·1000 + s names a slot

template <std::size_t N>
std::string listing(const std::array<std::string_view, N>& words) {
    std::string out;
    for (auto w : words) out += (out.empty() ? "" : ", ") + std::string(w);
    return out;
}

template <std::size_t N>
bool contains(const std::array<std::string_view, N>& words, std::string_view word) {
    return std::find(words.begin(), words.end(), word) != words.end();
}

// Reads a plan, recording every problem (§5) instead of stopping at the first.
class PlanReader {
  public:
    explicit PlanReader(const std::string& source) : m_in(source) {}
    Result<Plan> read(const Json& root);

  private:
    static bool absent(const Json* v);
    std::optional<Ratio> ratio(const Json* v, const std::string& path);
    void read_header(const Json& root, Plan& plan);
    void read_items(const Json* items, Plan& plan);
    void read_window(const Json* window, Plan& plan);
    void read_population(const Json* pop, Plan& plan);
    void read_repeat(const Json* repeat, Plan& plan);
    void read_strata(const Json* strata, Plan& plan);
    void read_group(const Json& group, const std::string& path, Plan& plan);
    void read_rounding(const Json* rounding, Plan& plan);
    void read_team(const Json* team, Plan& plan);
    void read_eligibility(const Json* elig, Plan& plan);
    void read_recusal(const Json* recusal, Plan& plan);
    void read_confidential(const Json* conf, Plan& plan);

    JsonReader m_in;
    bool m_has_field = false;  // strata.field is present (valid or not)
};

}  // namespace fairdraw::detail
