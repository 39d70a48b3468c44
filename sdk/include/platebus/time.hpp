#pragma once
// Capture and message times are UTC wall-clock instants, written as ISO 8601 with microseconds
// ("2026-11-28T16:49:40.123456Z") so any language can parse them.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "platebus/abi.hpp"

namespace platebus {

using Timestamp = std::chrono::time_point<std::chrono::system_clock, std::chrono::microseconds>;

PLATEBUS_SDK_API Timestamp now_utc();
PLATEBUS_SDK_API std::string to_iso8601(Timestamp t);
// Throws std::invalid_argument naming the text when it is not "YYYY-MM-DDTHH:MM:SS[.ffffff]Z".
PLATEBUS_SDK_API Timestamp parse_iso8601(std::string_view text);

// A UTC calendar day, as requests, uploads and settings write dates ("2026-12-31"): the one date
// parser every plugin uses.
using Date = std::chrono::sys_days;
// Nothing unless `text` is exactly YYYY-MM-DD (ten characters: digits and two dashes) naming a
// day that exists (2026-02-30 does not).
PLATEBUS_SDK_API std::optional<Date> parse_iso_date(std::string_view text);
PLATEBUS_SDK_API std::string to_iso_date(Date date);
// The UTC day an instant falls on, and midnight UTC at the start of a day.
PLATEBUS_SDK_API Date date_of(Timestamp at);
PLATEBUS_SDK_API Timestamp start_of(Date date);

}  // namespace platebus
