#pragma once
// Small helpers for reading YAML with positions: yaml-cpp marks are 0-based, messages are 1-based,
// and yaml-cpp silently accepts duplicate map keys, which a deployment must not.
#include <initializer_list>
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

}  // namespace platebus::host
