#pragma once
// Calendar dates as the accounts use them (clearance expiry, designee grants, sweeps): UTC days
// written YYYY-MM-DD.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "platebus/time.hpp"

namespace platebus::accounts {

using Date = std::chrono::sys_days;

// Nothing unless `text` is exactly a valid YYYY-MM-DD date.
std::optional<Date> parse_date(std::string_view text);
std::string to_string(Date date);
// The UTC date an instant falls on.
Date date_of(Timestamp at);
// Midnight UTC at the start of `date`.
Timestamp start_of(Date date);
// "90 days", "36 hours", "90 minutes", "2 s": a duration in words for messages.
std::string describe(std::chrono::milliseconds duration);

}  // namespace platebus::accounts
