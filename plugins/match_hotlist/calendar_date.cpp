#include "calendar_date.hpp"

#include <string>

namespace platebus::hotlist {

std::optional<Date> parse_compact_date(std::string_view text) {
  if (text.size() != 8) return std::nullopt;
  // Written out with dashes, it is the one date format the SDK parses.
  const std::string dashed = std::string(text.substr(0, 4)) + '-' + std::string(text.substr(4, 2)) + '-' +
                             std::string(text.substr(6, 2));
  return parse_iso_date(dashed);
}

Timestamp end_of_day_utc(Date date) { return start_of(date + std::chrono::days(1)); }

}  // namespace platebus::hotlist
