#include "config/yaml_reading.hpp"

#include <set>

#include <fmt/format.h>

#include "config/duration.hpp"

namespace platebus::host {

SourceMark mark_of(const YAML::Node& node, const std::string& file) {
  const auto mark = node.Mark();
  if (mark.line < 0) return {file, 0, 0};
  return {file, mark.line + 1, mark.column + 1};
}

void check_duplicate_keys(const YAML::Node& map, const std::string& file, Diagnostics& diagnostics) {
  std::set<std::string> seen;
  for (const auto& entry : map) {
    const auto key = entry.first.Scalar();
    if (!seen.insert(key).second) {
      diagnostics.error(mark_of(entry.first, file),
                        fmt::format("key '{}' appears twice in this map; keep only one", key));
    }
  }
}

void check_map_keys(const YAML::Node& map, std::initializer_list<const char*> allowed, const std::string& where,
                    const std::string& file, Diagnostics& diagnostics) {
  check_duplicate_keys(map, file, diagnostics);
  for (const auto& entry : map) {
    const auto key = entry.first.Scalar();
    bool known = false;
    for (const char* name : allowed) known = known || key == name;
    if (!known) {
      std::string expected;
      for (const char* name : allowed) expected += (expected.empty() ? "" : ", ") + std::string(name);
      diagnostics.error(mark_of(entry.first, file),
                        fmt::format("unknown key '{}' in {}; expected one of: {}", key, where, expected));
    }
  }
}

const char* kind_name(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Map: return "a map";
    case YAML::NodeType::Sequence: return "a list";
    case YAML::NodeType::Scalar: return "text";
    default: return "nothing";
  }
}

nlohmann::json yaml_to_json(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Map: {
      auto object = nlohmann::json::object();
      for (const auto& entry : node) object[entry.first.Scalar()] = yaml_to_json(entry.second);
      return object;
    }
    case YAML::NodeType::Sequence: {
      auto array = nlohmann::json::array();
      for (const auto& item : node) array.push_back(yaml_to_json(item));
      return array;
    }
    case YAML::NodeType::Scalar: {
      if (node.Tag() == "!") return node.Scalar();  // quoted: always text
      long long integer = 0;
      double number = 0;
      bool boolean = false;
      if (YAML::convert<long long>::decode(node, integer)) return integer;
      if (YAML::convert<double>::decode(node, number)) return number;
      if (YAML::convert<bool>::decode(node, boolean)) return boolean;
      if (node.Scalar() == "~" || node.Scalar() == "null") return nullptr;
      return node.Scalar();
    }
    default: return nullptr;
  }
}

void FieldReader::error(const YAML::Node& node, std::string text) {
  diagnostics_.error(mark_of(node, file_), std::move(text));
}

void FieldReader::warning(const YAML::Node& node, std::string text) {
  diagnostics_.warning(mark_of(node, file_), std::move(text));
}

std::optional<std::string> FieldReader::text(const YAML::Node& node, const std::string& what) {
  if (node.IsScalar()) return node.Scalar();
  error(node, fmt::format("{} must be text, not {}", what, kind_name(node)));
  return {};
}

std::optional<bool> FieldReader::boolean(const YAML::Node& node, const std::string& what) {
  bool value = false;
  if (node.IsScalar() && YAML::convert<bool>::decode(node, value)) return value;
  error(node, fmt::format("{} must be true or false", what));
  return {};
}

std::optional<std::vector<std::string>> FieldReader::text_list(const YAML::Node& node, const std::string& what) {
  if (!node.IsSequence()) {
    error(node, fmt::format("{} must be a list of text ([a, b]), not {}", what, kind_name(node)));
    return {};
  }
  std::vector<std::string> items;
  for (const auto& item : node) {
    const auto value = text(item, fmt::format("each entry of {}", what));
    if (!value) return {};
    items.push_back(*value);
  }
  return items;
}

std::optional<std::chrono::milliseconds> FieldReader::duration(const YAML::Node& node, const std::string& what) {
  const auto value = text(node, what);
  if (!value) return {};
  if (auto parsed = parse_duration(*value)) return parsed;
  error(node, fmt::format("{} '{}' is not a duration; write a number with a unit: 250ms, 10s, 5m, 2h or 90d", what,
                          *value));
  return {};
}

std::optional<long long> FieldReader::whole_number(const YAML::Node& node, const std::string& what, long long min) {
  long long value = 0;
  if (node.IsScalar() && YAML::convert<long long>::decode(node, value) && value >= min) return value;
  error(node, fmt::format("{} must be a whole number of at least {}", what, min));
  return {};
}

bool FieldReader::expect_map(const YAML::Node& node, const std::string& what) {
  if (node.IsMap()) return true;
  error(node, fmt::format("{} must be a map (key: value lines), not {}", what, kind_name(node)));
  return false;
}

}  // namespace platebus::host
