// text_trim.h — white space as fairdraw trims it in typed values and multi-valued fields.
#pragma once

#include <string_view>

namespace fairdraw::detail {

// Removes leading and trailing U+0020 SPACE and U+3000 IDEOGRAPHIC SPACE (SPEC §6, §9.1).
inline std::string_view trim_spaces(std::string_view s) {
    constexpr std::string_view k_ideographic_space = "\xe3\x80\x80";
    for (bool changed = true; changed && !s.empty();) {
        changed = false;
        if (s.front() == ' ') {
            s.remove_prefix(1);
            changed = true;
        } else if (s.starts_with(k_ideographic_space)) {
            s.remove_prefix(k_ideographic_space.size());
            changed = true;
        }
        if (!s.empty() && s.back() == ' ') {
            s.remove_suffix(1);
            changed = true;
        } else if (s.ends_with(k_ideographic_space)) {
            s.remove_suffix(k_ideographic_space.size());
            changed = true;
        }
    }
    return s;
}

}  // namespace fairdraw::detail
