// Exact decimal ratios (docs/SPEC.md §5): "0.05", "5%", "2.5%", "1", "1/20".
#include <numeric>

#include "fairdraw/plan.h"

namespace fairdraw {
namespace {

constexpr std::uint64_t k_million = 1'000'000;  // at most 6 decimal places
constexpr std::size_t k_max_digits = 12;        // longer numbers cannot be a ratio ≤ 1

bool digits(std::string_view s) {
    if (s.empty()) return false;
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return true;
}

std::uint64_t to_u64(std::string_view s) {
    std::uint64_t v = 0;
    for (char c : s) v = v * 10 + static_cast<std::uint64_t>(c - '0');
    return v;
}

std::string_view strip_leading_zeros(std::string_view s) {
    while (s.size() > 1 && s.front() == '0') s.remove_prefix(1);
    return s;
}

Result<Ratio> finish(std::uint64_t num, std::uint64_t den) {
    if (num == 0) return Error::bad_input("must be greater than 0");
    if (num > den) return Error::bad_input("must be at most 1 (100%)");
    std::uint64_t g = std::gcd(num, den);
    Ratio r{num / g, den / g};
    if (k_million % r.den != 0) return Error::bad_input("has more than 6 decimal places");
    return r;
}

}  // namespace

std::string Ratio::text() const {
    return std::to_string(num) + "/" + std::to_string(den);
}

Result<Ratio> parse_ratio(std::string_view text) {
    if (auto slash = text.find('/'); slash != std::string_view::npos) {
        auto n = text.substr(0, slash), d = text.substr(slash + 1);
        if (!digits(n) || !digits(d) || n.size() > k_max_digits || d.size() > k_max_digits ||
            to_u64(d) == 0)
            return Error::bad_input("is not a fraction of whole numbers like \"1/20\"");
        return finish(to_u64(n), to_u64(d));
    }
    bool percent = !text.empty() && text.back() == '%';
    if (percent) text.remove_suffix(1);
    auto dot = text.find('.');
    std::string_view whole = text.substr(0, dot);
    std::string_view fraction =
        dot == std::string_view::npos ? std::string_view() : text.substr(dot + 1);
    if (!digits(whole) || (dot != std::string_view::npos && !digits(fraction)))
        return Error::bad_input("is not a decimal number or percentage");
    while (!fraction.empty() && fraction.back() == '0') fraction.remove_suffix(1);
    whole = strip_leading_zeros(whole);
    std::size_t places = fraction.size() + (percent ? 2 : 0);
    if (places > 6) return Error::bad_input("has more than 6 decimal places");
    if (whole.size() > 3) return Error::bad_input("must be at most 1 (100%)");
    std::uint64_t den = 1;
    for (std::size_t i = 0; i < places; ++i) den *= 10;
    std::uint64_t scale = 1;
    for (std::size_t i = 0; i < fraction.size(); ++i) scale *= 10;
    std::uint64_t num = to_u64(whole) * scale + (fraction.empty() ? 0 : to_u64(fraction));
    return finish(num, den);
}

}  // namespace fairdraw
