#include "calendar_date.hpp"

#include <chrono>

namespace platebus::hotlist {

namespace {

std::optional<unsigned> digits(std::string_view text) {
  unsigned value = 0;
  for (const char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + static_cast<unsigned>(c - '0');
  }
  return value;
}

std::optional<CalendarDate> checked(std::optional<unsigned> y, std::optional<unsigned> m, std::optional<unsigned> d) {
  if (!y || !m || !d) return std::nullopt;
  const std::chrono::year_month_day ymd{std::chrono::year(static_cast<int>(*y)), std::chrono::month(*m),
                                        std::chrono::day(*d)};
  if (!ymd.ok() || *y < 1900) return std::nullopt;
  return CalendarDate{static_cast<int>(*y), *m, *d};
}

}  // namespace

std::optional<CalendarDate> parse_iso_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  return checked(digits(text.substr(0, 4)), digits(text.substr(5, 2)), digits(text.substr(8, 2)));
}

std::optional<CalendarDate> parse_compact_date(std::string_view text) {
  if (text.size() != 8) return std::nullopt;
  return checked(digits(text.substr(0, 4)), digits(text.substr(4, 2)), digits(text.substr(6, 2)));
}

Timestamp end_of_day_utc(CalendarDate date) {
  const std::chrono::sys_days day{std::chrono::year_month_day{
      std::chrono::year(date.year), std::chrono::month(date.month), std::chrono::day(date.day)}};
  return std::chrono::time_point_cast<std::chrono::microseconds>(day + std::chrono::days(1));
}

}  // namespace platebus::hotlist
