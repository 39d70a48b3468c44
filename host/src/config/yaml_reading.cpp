#include "config/yaml_reading.hpp"

#include <set>

#include <fmt/format.h>

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

}  // namespace platebus::host
