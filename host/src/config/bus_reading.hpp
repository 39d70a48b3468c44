#pragma once
// The deployment's `bus:` section: where other processes join, and who may (docs/security.md).
#include <string>

#include <yaml-cpp/yaml.h>

#include "config/deployment.hpp"

namespace platebus::host {

void read_bus(const YAML::Node& node, const std::string& file, Diagnostics& diagnostics, BusConfig& bus);

}  // namespace platebus::host
