// clock.h — the time the tool records, as an adapter.
//
// Times are whole seconds, written as RFC 3339 UTC ("2026-11-28T09:30:00Z").
// The clock reads the system time unless FAIRDRAW_NOW holds an RFC 3339 UTC
// time, which is then used as "now" (for reproducible demonstrations and
// tests; the recorded log shows whatever time was used).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "fairdraw/result.h"

namespace fairdraw {

using UnixSeconds = std::int64_t;

UnixSeconds now_seconds();
std::string format_utc(UnixSeconds t);          // "2026-11-28T09:30:00Z"
std::string format_date(UnixSeconds t);         // "2026-11-28"
// Accepts "YYYY-MM-DDTHH:MM:SSZ", "YYYY-MM-DDTHH:MM:SS+08:00" and "YYYY-MM-DD HH:MM" (+08:00
// when no offset is given is NOT assumed: an offset or Z is required).
Result<UnixSeconds> parse_time(std::string_view text);

// Calendar dates as days since 1970-01-01 (proleptic Gregorian).
using Days = std::int64_t;
Days days_from_civil(int year, unsigned month, unsigned day);
// Parses "YYYY-MM-DD" strictly, checking the day exists.
Result<Days> parse_date(std::string_view text);
std::string format_days(Days days);

}  // namespace fairdraw
