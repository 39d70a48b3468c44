#pragma once
// Expiry dates as uploads write them: "2026-12-31" (the SDK's parse_iso_date), or "20261231" in
// state extracts; and the instant an entry that expires on such a date stops matching.
#include <optional>
#include <string_view>

#include "platebus/time.hpp"

namespace platebus::hotlist {

// "YYYYMMDD" only; nothing for anything else, including days that do not exist (20260230).
std::optional<Date> parse_compact_date(std::string_view text);

// An entry that expires on a date matches through that whole day (UTC) and stops at the next
// midnight UTC.
Timestamp end_of_day_utc(Date date);

}  // namespace platebus::hotlist
