#pragma once
// Parsing JSON that others wrote, with bounds checked while it is parsed: nlohmann::json parses a
// document nested 100,000 deep, but copying or printing it recurses until the stack overflows.
#include <cstddef>
#include <stdexcept>
#include <string_view>

#include <nlohmann/json.hpp>

#include "platebus/abi.hpp"

namespace platebus {

struct PLATEBUS_SDK_API JsonLimits {
  int max_depth = 32;                // nested objects and arrays, the outermost one included
  std::size_t max_values = 0;        // values and keys in the whole document; 0 for no limit
  std::size_t max_string_bytes = 0;  // one string or key; 0 for no limit
};

// A document past one of its limits; what() names the limit and the fix ("nests objects and arrays
// deeper than 32 levels; flatten it").
class PLATEBUS_SDK_API JsonLimitError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

// Throws nlohmann::json::parse_error for text that is not JSON and JsonLimitError past a limit
// (or for a number no double holds, such as 1e400), as soon as the parser reaches it.
PLATEBUS_SDK_API nlohmann::json parse_json_within(std::string_view text, const JsonLimits& limits);

}  // namespace platebus
