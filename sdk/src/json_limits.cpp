#include "platebus/json_limits.hpp"

#include <fmt/format.h>

namespace platebus {

nlohmann::json parse_json_within(std::string_view text, const JsonLimits& limits) {
  std::size_t values = 0;
  using Event = nlohmann::json::parse_event_t;
  // `depth` is that of the container an object or array opens in: 0 for the outermost one.
  const auto check = [&](int depth, Event event, nlohmann::json& parsed) {
    if ((event == Event::object_start || event == Event::array_start) && depth >= limits.max_depth)
      throw JsonLimitError(
          fmt::format("nests objects and arrays deeper than {} levels; flatten it", limits.max_depth));
    if (event != Event::key && event != Event::value) return true;
    if (limits.max_values != 0 && ++values > limits.max_values)
      throw JsonLimitError(fmt::format("holds more than {} values; send fewer", limits.max_values));
    if (limits.max_string_bytes != 0 && parsed.is_string() &&
        parsed.get_ref<const std::string&>().size() > limits.max_string_bytes)
      throw JsonLimitError(
          fmt::format("holds a string longer than {} bytes; shorten it", limits.max_string_bytes));
    return true;
  };
  try {
    return nlohmann::json::parse(text, check);
  } catch (const nlohmann::json::out_of_range&) {  // what the parser throws for 1e400, not a parse_error
    throw JsonLimitError("holds a number too large for a double (such as 1e400); send a smaller one");
  }
}

}  // namespace platebus
