#include "calendar.hpp"

#include <fmt/format.h>

namespace platebus::accounts {

std::optional<Date> parse_date(std::string_view text) {
  using namespace std::chrono;
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  const auto number = [&](std::size_t from, std::size_t count) -> std::optional<int> {
    int value = 0;
    for (std::size_t i = from; i < from + count; ++i) {
      if (text[i] < '0' || text[i] > '9') return std::nullopt;
      value = value * 10 + (text[i] - '0');
    }
    return value;
  };
  const auto y = number(0, 4), m = number(5, 2), d = number(8, 2);
  if (!y || !m || !d) return std::nullopt;
  const year_month_day ymd{year{*y}, month{static_cast<unsigned>(*m)}, day{static_cast<unsigned>(*d)}};
  if (!ymd.ok()) return std::nullopt;
  return sys_days{ymd};
}

std::string to_string(Date date) {
  const std::chrono::year_month_day ymd{date};
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                     static_cast<unsigned>(ymd.day()));
}

Date date_of(Timestamp at) { return std::chrono::floor<std::chrono::days>(at); }

Timestamp start_of(Date date) { return std::chrono::time_point_cast<std::chrono::microseconds>(date); }

std::string describe(std::chrono::milliseconds duration) {
  using namespace std::chrono;
  const auto count = duration.count();
  const auto plural = [](long long n, const char* unit) { return fmt::format("{} {}{}", n, unit, n == 1 ? "" : "s"); };
  if (count % duration_cast<milliseconds>(days{1}).count() == 0) return plural(count / 86'400'000, "day");
  if (count % duration_cast<milliseconds>(hours{1}).count() == 0) return plural(count / 3'600'000, "hour");
  if (count % duration_cast<milliseconds>(minutes{1}).count() == 0) return plural(count / 60'000, "minute");
  if (count % 1000 == 0) return plural(count / 1000, "second");
  return fmt::format("{} ms", count);
}

}  // namespace platebus::accounts
