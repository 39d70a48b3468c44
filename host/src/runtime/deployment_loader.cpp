#include "runtime/deployment_loader.hpp"

#include "config/plugin_checks.hpp"

namespace platebus::host {

void report_refused(const PluginCatalog& catalog, Diagnostics& diagnostics) {
  for (const auto& refused : catalog.refused()) diagnostics.warning({refused.file.string(), 0, 0}, refused.reason);
}

LoadedDeployment load_deployment(const std::filesystem::path& file, Diagnostics& diagnostics) {
  LoadedDeployment loaded;
  loaded.deployment = parse_deployment(file, diagnostics);
  loaded.catalog = PluginCatalog::scan(plugin_search_path(loaded.deployment.plugin_path));
  report_refused(loaded.catalog, diagnostics);
  check_against_plugins(loaded.deployment, loaded.catalog, diagnostics);
  return loaded;
}

}  // namespace platebus::host
