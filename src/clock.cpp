#include "fairdraw/clock.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>

namespace fairdraw {
namespace {

bool all_digits(std::string_view s) {
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return !s.empty();
}

int to_int(std::string_view s) {
    int v = 0;
    for (char c : s) v = v * 10 + (c - '0');
    return v;
}

void civil_from_days(Days z, int& year, unsigned& month, unsigned& day) {
    // Howard Hinnant's algorithm (public domain), days since 1970-01-01.
    z += 719468;
    const Days era = (z >= 0 ? z : z - 146096) / 146097;
    const auto doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const Days y = static_cast<Days>(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    day = doy - (153 * mp + 2) / 5 + 1;
    month = mp < 10 ? mp + 3 : mp - 9;
    year = static_cast<int>(y + (month <= 2));
}

}  // namespace

Days days_from_civil(int year, unsigned month, unsigned day) {
    const int y = year - (month <= 2 ? 1 : 0);
    const int era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return static_cast<Days>(era) * 146097 + static_cast<Days>(doe) - 719468;
}

Result<Days> parse_date(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-' || !all_digits(text.substr(0, 4)) ||
        !all_digits(text.substr(5, 2)) || !all_digits(text.substr(8, 2)))
        return Error::bad_input("not a date in the form YYYY-MM-DD");
    int year = to_int(text.substr(0, 4));
    auto month = static_cast<unsigned>(to_int(text.substr(5, 2)));
    auto day = static_cast<unsigned>(to_int(text.substr(8, 2)));
    if (month < 1 || month > 12 || day < 1 || day > 31)
        return Error::bad_input("month or day out of range");
    Days d = days_from_civil(year, month, day);
    int y2 = 0;
    unsigned m2 = 0, d2 = 0;
    civil_from_days(d, y2, m2, d2);
    if (y2 != year || m2 != month || d2 != day) return Error::bad_input("no such day in that month");
    return d;
}

std::string format_days(Days days) {
    int y = 0;
    unsigned m = 0, d = 0;
    civil_from_days(days, y, m, d);
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", y, m, d);
    return buf;
}

UnixSeconds now_seconds() {
    if (const char* fixed = std::getenv("FAIRDRAW_NOW"); fixed != nullptr && *fixed != '\0') {
        if (auto t = parse_time(fixed)) return *t;
    }
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

std::string format_utc(UnixSeconds t) {
    Days days = t >= 0 ? t / 86400 : (t - 86399) / 86400;
    auto secs = static_cast<int>(t - days * 86400);
    char buf[48];
    std::snprintf(buf, sizeof buf, "%sT%02d:%02d:%02dZ", format_days(days).c_str(), secs / 3600,
                  (secs / 60) % 60, secs % 60);
    return buf;
}

std::string format_date(UnixSeconds t) { return format_utc(t).substr(0, 10); }

Result<UnixSeconds> parse_time(std::string_view text) {
    const auto bad = [&] {
        return Error::bad_input("not a time in the form YYYY-MM-DDTHH:MM:SSZ or YYYY-MM-DDTHH:MM:SS+08:00",
                                "give the time zone explicitly, e.g. 2026-12-01T10:00:00+08:00");
    };
    if (text.size() < 20) return bad();
    auto date = parse_date(text.substr(0, 10));
    if (!date || (text[10] != 'T' && text[10] != ' ')) return bad();
    auto hh = text.substr(11, 2), mm = text.substr(14, 2), ss = text.substr(17, 2);
    if (text[13] != ':' || text[16] != ':' || !all_digits(hh) || !all_digits(mm) || !all_digits(ss)) return bad();
    int h = to_int(hh), m = to_int(mm), s = to_int(ss);
    if (h > 23 || m > 59 || s > 59) return bad();
    std::string_view zone = text.substr(19);
    int offset = 0;
    if (zone == "Z") {
        offset = 0;
    } else if (zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') && zone[3] == ':' &&
               all_digits(zone.substr(1, 2)) && all_digits(zone.substr(4, 2))) {
        int oh = to_int(zone.substr(1, 2)), om = to_int(zone.substr(4, 2));
        if (oh > 23 || om > 59) return bad();
        offset = (oh * 3600 + om * 60) * (zone[0] == '-' ? -1 : 1);
    } else {
        return bad();
    }
    return *date * 86400 + h * 3600 + m * 60 + s - offset;
}

}  // namespace fairdraw
