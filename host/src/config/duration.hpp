#pragma once
#include <chrono>
#include <optional>
#include <string_view>

namespace platebus::host {

// Parses "250ms", "10s", "1.5m", "2h", "90d"; nothing for anything else (a unit is always required, so
// "10" is never silently taken as seconds or milliseconds).
std::optional<std::chrono::milliseconds> parse_duration(std::string_view text);

}  // namespace platebus::host
