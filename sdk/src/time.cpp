#include "platebus/time.hpp"

#include <cstdio>
#include <ctime>
#include <stdexcept>
#include <string>

#include <fmt/format.h>

namespace platebus {

Timestamp now_utc() { return std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::system_clock::now()); }

std::string to_iso8601(Timestamp t) {
  using namespace std::chrono;
  const auto day = floor<days>(t);
  const year_month_day ymd{day};
  const hh_mm_ss hms{t - day};
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:06}Z", static_cast<int>(ymd.year()),
                     static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()), hms.hours().count(),
                     hms.minutes().count(), hms.seconds().count(), hms.subseconds().count());
}

Timestamp parse_iso8601(std::string_view text) {
  using namespace std::chrono;
  const std::string s(text);
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, se = 0, consumed = 0;
  const auto bad = [&] {
    return std::invalid_argument("'" + s + "' is not a UTC time like 2026-11-28T16:49:40.123456Z");
  };
  if (std::sscanf(s.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%n", &y, &mo, &d, &h, &mi, &se, &consumed) != 6) throw bad();
  std::size_t pos = static_cast<std::size_t>(consumed);
  long micros = 0;
  if (pos < s.size() && s[pos] == '.') {
    int digits = 0;
    for (++pos; pos < s.size() && s[pos] >= '0' && s[pos] <= '9'; ++pos, ++digits) {
      if (digits < 6) micros = micros * 10 + (s[pos] - '0');
    }
    if (digits == 0) throw bad();
    for (; digits < 6; ++digits) micros *= 10;
  }
  if (pos + 1 != s.size() || s[pos] != 'Z') throw bad();
  const year_month_day ymd{year{y}, month{static_cast<unsigned>(mo)}, day{static_cast<unsigned>(d)}};
  if (!ymd.ok() || h > 23 || mi > 59 || se > 60) throw bad();
  return Timestamp{sys_days{ymd}.time_since_epoch() + hours{h} + minutes{mi} + seconds{se} + microseconds{micros}};
}

}  // namespace platebus
