#include "config/duration.hpp"

#include <charconv>
#include <cmath>
#include <string>

namespace platebus::host {

std::optional<std::chrono::milliseconds> parse_duration(std::string_view text) {
  struct Unit {
    std::string_view suffix;
    double millis;
  };
  // "ms" before "m" and "s" so the longest suffix wins.
  constexpr Unit kUnits[] = {{"ms", 1}, {"s", 1000}, {"m", 60'000}, {"h", 3'600'000}, {"d", 86'400'000}};
  for (const auto& unit : kUnits) {
    if (text.size() <= unit.suffix.size() || !text.ends_with(unit.suffix)) continue;
    const auto number = text.substr(0, text.size() - unit.suffix.size());
    double value = 0;
    const auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), value);
    if (ec != std::errc() || end != number.data() + number.size() || value < 0 || !std::isfinite(value)) return {};
    return std::chrono::milliseconds(std::llround(value * unit.millis));
  }
  return {};
}

}  // namespace platebus::host
