#include "platebus/time.hpp"

#include <optional>
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

namespace {

// The number the decimal digits text[from, from + count) spell, or nothing when any is not a digit
// (no signs, no spaces: sscanf's %d would take both).
std::optional<unsigned> digits_at(std::string_view text, std::size_t from, std::size_t count) {
  if (from + count > text.size()) return std::nullopt;
  unsigned value = 0;
  for (const char c : text.substr(from, count)) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + static_cast<unsigned>(c - '0');
  }
  return value;
}

}  // namespace

std::optional<Date> parse_iso_date(std::string_view text) {
  using namespace std::chrono;
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  const auto y = digits_at(text, 0, 4), m = digits_at(text, 5, 2), d = digits_at(text, 8, 2);
  if (!y || !m || !d) return std::nullopt;
  const year_month_day ymd{year{static_cast<int>(*y)}, month{*m}, day{*d}};
  if (!ymd.ok()) return std::nullopt;
  return sys_days{ymd};
}

std::string to_iso_date(Date date) {
  const std::chrono::year_month_day ymd{date};
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                     static_cast<unsigned>(ymd.day()));
}

Date date_of(Timestamp at) { return std::chrono::floor<std::chrono::days>(at); }

Timestamp start_of(Date date) { return std::chrono::time_point_cast<std::chrono::microseconds>(date); }

Timestamp parse_iso8601(std::string_view text) {
  using namespace std::chrono;
  const auto bad = [&] {
    return std::invalid_argument(fmt::format("'{}' is not a UTC time like 2026-11-28T16:49:40.123456Z", text));
  };
  // YYYY-MM-DDTHH:MM:SS, then an optional fraction, then Z.
  const auto date = parse_iso_date(text.substr(0, 10));
  if (!date || text.size() < 20 || text[10] != 'T' || text[13] != ':' || text[16] != ':') throw bad();
  const auto h = digits_at(text, 11, 2), mi = digits_at(text, 14, 2), se = digits_at(text, 17, 2);
  if (!h || !mi || !se || *h > 23 || *mi > 59 || *se > 60) throw bad();
  std::size_t pos = 19;
  long micros = 0;
  if (text[pos] == '.') {
    int fraction_digits = 0;
    for (++pos; pos < text.size() && text[pos] >= '0' && text[pos] <= '9'; ++pos, ++fraction_digits) {
      if (fraction_digits < 6) micros = micros * 10 + (text[pos] - '0');
    }
    if (fraction_digits == 0) throw bad();
    for (; fraction_digits < 6; ++fraction_digits) micros *= 10;
  }
  if (pos + 1 != text.size() || text[pos] != 'Z') throw bad();
  return start_of(*date) + hours{*h} + minutes{*mi} + seconds{*se} + microseconds{micros};
}

}  // namespace platebus
