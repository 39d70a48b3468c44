#pragma once
// A plugin's own checks of an instance's settings (its optional validate(), docs/plugin-guide.md),
// reported like the host's: FILE:LINE:COL at the key each problem names.
#include "config/deployment.hpp"
#include "loader/plugin_catalog.hpp"

namespace platebus::host {

// Call only once `instance.settings` is complete and well-typed.
void check_with_plugin(const InstanceConfig& instance, const PluginLibrary& plugin, Diagnostics& diagnostics);

}  // namespace platebus::host
