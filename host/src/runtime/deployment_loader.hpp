#pragma once
// Reads a deployment and checks it completely: structure, then against the plugins it can find.
// `platebus check`, `platebus run` and reload all go through here, so they agree.
#include <filesystem>

#include "config/deployment.hpp"
#include "loader/plugin_catalog.hpp"

namespace platebus::host {

struct LoadedDeployment {
  Deployment deployment;
  PluginCatalog catalog;
};

LoadedDeployment load_deployment(const std::filesystem::path& file, Diagnostics& diagnostics);

// Libraries the catalog refused, as warnings naming each file.
void report_refused(const PluginCatalog& catalog, Diagnostics& diagnostics);

}  // namespace platebus::host
