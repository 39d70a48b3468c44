#include "region_patterns.hpp"

#include <stdexcept>

#include <fmt/format.h>

namespace platebus::recognition {

RegionPatterns RegionPatterns::from_json(const nlohmann::json& config) {
  if (!config.is_object() || config.empty())
    throw std::invalid_argument("patterns must map at least one region to a pattern, e.g. {us: \"^[A-Z0-9]{2,10}$\"}");
  RegionPatterns result;
  for (const auto& [region, value] : config.items()) {
    const auto list = value.is_array() ? value : nlohmann::json::array({value});
    for (const auto& pattern : list) {
      if (!pattern.is_string())
        throw std::invalid_argument(fmt::format("patterns.{}: each pattern must be text (a regular expression)", region));
      try {
        result.patterns_.emplace_back(region, std::regex(pattern.get<std::string>()));
      } catch (const std::regex_error& e) {
        throw std::invalid_argument(fmt::format("patterns.{}: '{}' is not a valid regular expression: {}", region,
                                                pattern.get<std::string>(), e.what()));
      }
    }
  }
  return result;
}

std::optional<std::string> RegionPatterns::region_of(const std::string& text) const {
  for (const auto& [region, pattern] : patterns_)
    if (std::regex_match(text, pattern)) return region;
  return std::nullopt;
}

}  // namespace platebus::recognition
