#pragma once
// Small helpers for reading YAML with positions: yaml-cpp marks are 0-based, messages are 1-based,
// and yaml-cpp silently accepts duplicate map keys, which a deployment must not.
#include <chrono>
#include <initializer_list>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

#include "config/diagnostics.hpp"

namespace platebus::host {

SourceMark mark_of(const YAML::Node& node, const std::string& file);

// Reports duplicate keys and keys not in `allowed` ("unknown key 'x'; expected one of ...").
void check_map_keys(const YAML::Node& map, std::initializer_list<const char*> allowed, const std::string& where,
                    const std::string& file, Diagnostics& diagnostics);
void check_duplicate_keys(const YAML::Node& map, const std::string& file, Diagnostics& diagnostics);

const char* kind_name(const YAML::Node& node);  // "a map", "a list", "text", "nothing"

// Converts YAML to JSON: plain scalars become numbers, booleans or null when they read as such;
// quoted scalars stay strings.
nlohmann::json yaml_to_json(const YAML::Node& node);

// Reads typed values out of one file's YAML, reporting each problem at its node.
class FieldReader {
 public:
  FieldReader(std::string file, Diagnostics& diagnostics) : file_(std::move(file)), diagnostics_(diagnostics) {}

 protected:
  void error(const YAML::Node& node, std::string text);
  void warning(const YAML::Node& node, std::string text);
  std::optional<std::string> text(const YAML::Node& node, const std::string& what);
  std::optional<bool> boolean(const YAML::Node& node, const std::string& what);
  std::optional<std::vector<std::string>> text_list(const YAML::Node& node, const std::string& what);
  std::optional<std::chrono::milliseconds> duration(const YAML::Node& node, const std::string& what);
  std::optional<long long> whole_number(const YAML::Node& node, const std::string& what, long long min);
  bool expect_map(const YAML::Node& node, const std::string& what);

  std::string file_;
  Diagnostics& diagnostics_;
};

}  // namespace platebus::host
