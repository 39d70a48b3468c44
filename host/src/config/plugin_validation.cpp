#include "config/plugin_validation.hpp"

#include <fmt/format.h>

#include "config/yaml_reading.hpp"

namespace platebus::host {

namespace {

// Where `key` is written in the instance's config, or the config block when it took its default.
SourceMark mark_of_key(const InstanceConfig& instance, const std::string& key) {
  if (!key.empty() && instance.config && instance.config.IsMap())
    for (const auto& entry : instance.config)
      if (entry.first.Scalar() == key) return mark_of(entry.first, instance.where.file);
  return instance.config ? instance.config_where : instance.use_where;
}

}  // namespace

void check_with_plugin(const InstanceConfig& instance, const PluginLibrary& plugin, Diagnostics& diagnostics) {
  std::vector<ConfigProblem> problems;
  try {
    problems = plugin.validate(instance.settings);
  } catch (const std::exception& e) {
    problems.push_back({"", fmt::format("the plugin's validate() failed: {}; report this to its author", e.what())});
  }
  for (const auto& problem : problems) {
    const auto about = problem.key.empty() ? std::string() : fmt::format("config key '{}' of ", problem.key);
    diagnostics.error(mark_of_key(instance, problem.key),
                      fmt::format("{}plugin '{}': {}", about, plugin.name(), problem.message));
  }
}

}  // namespace platebus::host
