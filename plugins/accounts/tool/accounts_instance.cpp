#include "accounts_instance.hpp"

#include <stdexcept>

#include "platebus/plugin.hpp"
#include "runtime/deployment_loader.hpp"

namespace platebus::accounts {

AccountSettings accounts_settings_from(const std::filesystem::path& deployment_file,
                                       const std::optional<std::string>& instance_id) {
  if (!std::filesystem::exists(deployment_file))
    throw std::runtime_error("the deployment file '" + deployment_file.string() + "' does not exist");
  host::Diagnostics diagnostics;
  const auto loaded = host::load_deployment(deployment_file, diagnostics);
  if (diagnostics.has_errors())
    throw std::runtime_error("the deployment has errors; fix them first (`platebus check " + deployment_file.string() +
                             "`):\n" + diagnostics.to_string());
  const host::InstanceConfig* found = nullptr;
  for (const auto& instance : loaded.deployment.instances) {
    if (instance_id ? instance.id != *instance_id : instance.use != "accounts") continue;
    if (found)
      throw std::runtime_error("'" + deployment_file.string() + "' has more than one accounts instance ('" + found->id +
                               "', '" + instance.id + "'); choose one with --instance");
    found = &instance;
  }
  if (!found)
    throw std::runtime_error(instance_id ? "'" + deployment_file.string() + "' has no instance '" + *instance_id + "'"
                                         : "'" + deployment_file.string() +
                                               "' has no instance with `use: accounts`; add one (docs/security.md)");
  if (found->use != "accounts")
    throw std::runtime_error("instance '" + found->id + "' uses '" + found->use + "', not the accounts plugin");
  return AccountSettings::from_config(found->settings);  // checked with the deployment above
}

}  // namespace platebus::accounts
