#include "platebus/host/instance_lookup.hpp"

#include <stdexcept>

#include "config/yaml_reading.hpp"
#include "runtime/deployment_loader.hpp"

namespace platebus::host {

InstanceLookup find_instances(const std::filesystem::path& deployment_file, std::string_view use,
                              std::string_view id) {
  std::error_code error;
  if (!std::filesystem::is_regular_file(deployment_file, error))
    throw std::runtime_error("the deployment file '" + deployment_file.string() + "' does not exist");
  Diagnostics diagnostics;
  const auto loaded = load_deployment(deployment_file, diagnostics);
  InstanceLookup lookup;
  if (diagnostics.has_errors()) lookup.errors = diagnostics.to_string();
  for (const auto& instance : loaded.deployment.instances) {
    if (instance.use != use || (!id.empty() && instance.id != id)) continue;
    lookup.instances.push_back({instance.id, instance.settings,
                                instance.config ? yaml_to_json(instance.config) : nlohmann::json::object()});
  }
  return lookup;
}

}  // namespace platebus::host
