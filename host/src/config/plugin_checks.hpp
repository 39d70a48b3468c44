#pragma once
// Checks a parsed deployment against the plugins found: every `use` names a plugin, every port
// exists with the right direction, every config key is declared and well-typed. Fills each
// instance's `settings` (defaults applied) for the plugin to read.
#include "config/deployment.hpp"
#include "loader/plugin_catalog.hpp"

namespace platebus::host {

void check_against_plugins(Deployment& deployment, const PluginCatalog& catalog, Diagnostics& diagnostics);

// Converts one config value to the JSON the plugin reads; nothing (and a reason) when it does not fit.
// Relative paths are resolved against `base` (the deployment file's folder).
std::optional<nlohmann::json> convert_setting(const YAML::Node& value, ConfigType type,
                                              const std::filesystem::path& base, std::string& problem);
const char* to_string(ConfigType type);
const char* to_string(PortDirection direction);  // "input", "output", "serve", "call"

}  // namespace platebus::host
