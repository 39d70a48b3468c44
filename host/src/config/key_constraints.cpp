#include "config/key_constraints.hpp"

#include <cmath>
#include <limits>
#include <optional>
#include <utility>
#include <regex>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "config/duration.hpp"

namespace platebus::host {

namespace {

// std::regex recurses per character: a bound keeps a long value from exhausting the stack.
constexpr std::size_t kLongestPatternValue = 4096;

bool is_list(ConfigType type) { return type == ConfigType::string_list || type == ConfigType::path_list; }

// A bound as the number the host compares (milliseconds for a duration); nothing if unreadable.
std::optional<double> bound_value(const char* text, ConfigType type) {
  if (type == ConfigType::duration) {
    const auto parsed = parse_duration(text);
    return parsed ? std::optional<double>(static_cast<double>(parsed->count())) : std::nullopt;
  }
  double number = 0;
  if (YAML::convert<double>::decode(YAML::Node(std::string(text)), number)) return number;
  return std::nullopt;
}

// A duration in the largest unit that divides it (31536000000 ms reads "365d", as written).
std::string duration_text(long long ms) {
  constexpr std::pair<long long, const char*> kUnits[] = {{86'400'000, "d"}, {3'600'000, "h"}, {60'000, "m"}, {1'000, "s"}};
  for (const auto& [size, unit] : kUnits)
    if (ms != 0 && ms % size == 0) return fmt::format("{}{}", ms / size, unit);
  return fmt::format("{}ms", ms);
}

std::string shown(const nlohmann::json& value, ConfigType type) {
  if (type == ConfigType::duration) return duration_text(value.get<long long>());
  if (value.is_number_float()) return fmt::format("{}", value.get<double>());  // 0, not 0.0, as written
  return value.is_string() ? fmt::format("'{}'", value.get<std::string>()) : value.dump();
}

std::string range_problem(const nlohmann::json& value, const ConfigKey& key) {
  if (!value.is_number() || (!key.minimum && !key.maximum)) return {};
  const double number = value.get<double>();
  const auto low = key.minimum ? bound_value(key.minimum, key.type) : std::nullopt;
  const auto high = key.maximum ? bound_value(key.maximum, key.type) : std::nullopt;
  if ((key.minimum && !low) || (key.maximum && !high))
    return "has a bound its plugin declares wrongly; report this to the plugin's author";
  constexpr double kUnbounded = std::numeric_limits<double>::infinity();
  const double lowest = low.value_or(-kUnbounded);
  const bool too_low = key.minimum_excluded ? !(number > lowest) : !(number >= lowest);
  const bool too_high = !(number <= high.value_or(kUnbounded));
  if (std::isfinite(number) && !too_low && !too_high) return {};  // .inf and .nan fit no bound
  return fmt::format("is {}; give {}", shown(value, key.type), describe_constraints(key));
}

std::string text_problem(const std::string& text, const ConfigKey& key) {
  if (key.choices) {
    const std::string allowed = key.choices;
    bool found = false;
    for (std::size_t start = 0; start <= allowed.size() && !found;) {
      const auto end = std::min(allowed.find('|', start), allowed.size());
      found = allowed.compare(start, end - start, text) == 0 && end - start == text.size();
      start = end + 1;
    }
    if (!found) return fmt::format("is '{}'; give {}", text, describe_constraints(key));
  }
  if (key.pattern) {
    if (text.size() > kLongestPatternValue)
      return fmt::format("is {} characters long; give at most {}", text.size(), kLongestPatternValue);
    try {
      if (!std::regex_match(text, std::regex(key.pattern, std::regex::ECMAScript)))
        return fmt::format("is '{}'; give {}", text, describe_constraints(key));
    } catch (const std::regex_error&) {
      return "has a pattern its plugin declares wrongly; report this to the plugin's author";
    }
  }
  return {};
}

std::string one_value_problem(const nlohmann::json& value, const ConfigKey& key) {
  if (value.is_string()) return text_problem(value.get<std::string>(), key);
  return range_problem(value, key);
}

}  // namespace

std::string constraint_problem(const nlohmann::json& value, const ConfigKey& key) {
  if (value.is_null()) return {};
  if (!is_list(key.type) || !value.is_array()) return one_value_problem(value, key);
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (auto problem = one_value_problem(value[i], key); !problem.empty())
      return fmt::format("has item {} that {}", i + 1, problem);
  }
  return {};
}

std::string describe_constraints(const ConfigKey& key) {
  std::string words;
  const auto add = [&words](const std::string& part) { words += (words.empty() ? "" : ", ") + part; };
  if (key.minimum && key.maximum && !key.minimum_excluded) {
    add(fmt::format("{} to {}", key.minimum, key.maximum));
  } else {
    if (key.minimum) add(fmt::format("{} {}", key.minimum_excluded ? "more than" : "at least", key.minimum));
    if (key.maximum) add(fmt::format("at most {}", key.maximum));
  }
  if (key.choices) {
    std::string choices = key.choices;
    for (std::size_t at = choices.find('|'); at != std::string::npos; at = choices.find('|', at)) choices.replace(at, 1, ", ");
    add("one of: " + choices);
  }
  if (key.pattern) add(fmt::format("text matching {}", key.pattern));
  return words;
}

}  // namespace platebus::host
