#include "accounts_instance.hpp"

#include <stdexcept>

#include "platebus/host/instance_lookup.hpp"
#include "platebus/plugin.hpp"

namespace platebus::accounts {

AccountSettings accounts_settings_from(const std::filesystem::path& deployment_file,
                                       const std::optional<std::string>& instance_id) {
  const auto file = deployment_file.string();
  const auto lookup = host::find_instances(deployment_file, "accounts", instance_id.value_or(""));
  if (!lookup.errors.empty())
    throw std::runtime_error("the deployment has errors; fix them first (`platebus check " + file + "`):\n" +
                             lookup.errors);
  if (lookup.instances.empty())
    throw std::runtime_error(instance_id ? "'" + file + "' has no accounts instance with id '" + *instance_id + "'"
                                         : "'" + file + "' has no instance with `use: accounts`; add one "
                                                        "(docs/security.md)");
  if (lookup.instances.size() > 1)
    throw std::runtime_error("'" + file + "' has more than one accounts instance ('" + lookup.instances[0].id +
                             "', '" + lookup.instances[1].id + "'); choose one with --instance");
  return AccountSettings::from_config(lookup.instances.front().settings);  // checked with the deployment
}

}  // namespace platebus::accounts
