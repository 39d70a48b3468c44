#pragma once
// Capture and message times are UTC wall-clock instants, written as ISO 8601 with microseconds
// ("2026-11-28T16:49:40.123456Z") so any language can parse them.
#include <chrono>
#include <string>
#include <string_view>

#include "platebus/abi.hpp"

namespace platebus {

using Timestamp = std::chrono::time_point<std::chrono::system_clock, std::chrono::microseconds>;

PLATEBUS_SDK_API Timestamp now_utc();
PLATEBUS_SDK_API std::string to_iso8601(Timestamp t);
// Throws std::invalid_argument naming the text when it is not "YYYY-MM-DDTHH:MM:SS[.ffffff]Z".
PLATEBUS_SDK_API Timestamp parse_iso8601(std::string_view text);

}  // namespace platebus
