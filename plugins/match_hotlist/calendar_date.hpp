#pragma once
// Calendar dates as uploads write them ("2026-12-31", or "20261231" in state extracts), and the
// instant an entry that expires on such a date stops matching.
#include <optional>
#include <string_view>

#include "platebus/time.hpp"

namespace platebus::hotlist {

struct CalendarDate {
  int year = 0;
  unsigned month = 0;
  unsigned day = 0;
};

// "YYYY-MM-DD" only; nullopt for anything else, including dates that do not exist (2026-02-30).
std::optional<CalendarDate> parse_iso_date(std::string_view text);
// "YYYYMMDD" only.
std::optional<CalendarDate> parse_compact_date(std::string_view text);

// An entry that expires on a date matches through that whole day (UTC) and stops at the next
// midnight UTC.
Timestamp end_of_day_utc(CalendarDate date);

}  // namespace platebus::hotlist
