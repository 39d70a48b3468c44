#include "config/plugin_checks.hpp"

#include <algorithm>
#include <map>
#include <cctype>

#include <fmt/format.h>

#include "config/duration.hpp"
#include "config/key_constraints.hpp"
#include "config/plugin_validation.hpp"
#include "config/yaml_reading.hpp"

namespace platebus::host {

namespace {

std::string known_names(const PluginCatalog& catalog) {
  std::string names;
  for (const auto& plugin : catalog.plugins()) names += (names.empty() ? "" : ", ") + plugin.name();
  return names.empty() ? "none found" : names;
}

std::string port_names(const PluginLibrary& plugin, PortDirection direction) {
  std::string names;
  for (std::uint32_t i = 0; i < plugin.descriptor->port_count; ++i) {
    const auto& port = plugin.descriptor->ports[i];
    if (port.direction == direction) names += (names.empty() ? "" : ", ") + std::string(port.name);
  }
  return names.empty() ? "none" : names;
}

const char* verb_of(PortDirection direction) {
  switch (direction) {
    case PortDirection::input: return "subscribe";
    case PortDirection::output: return "publish";
    case PortDirection::serve: return "serve";
    case PortDirection::call: return "call";
  }
  return "unknown";
}

void check_bindings(const InstanceConfig& instance, const PluginLibrary& plugin, const std::vector<PortBinding>& bindings,
                    PortDirection direction, Diagnostics& diagnostics) {
  const char* verb = verb_of(direction);
  for (const auto& binding : bindings) {
    const auto* port = plugin.port(binding.port);
    if (!port || port->direction != direction) {
      diagnostics.error(binding.where,
                        fmt::format("plugin '{}' has no {} port '{}'; its {} ports are: {}", plugin.name(),
                                    to_string(direction), binding.port, verb, port_names(plugin, direction)));
    }
  }
  (void)instance;
}

// Type errors go to `diagnostics`, values outside their key's constraints to `out_of_bounds`.
void check_settings(InstanceConfig& instance, const PluginLibrary& plugin, Diagnostics& diagnostics,
                    Diagnostics& out_of_bounds) {
  const auto& file = instance.where.file;
  const auto base = std::filesystem::absolute(std::filesystem::path(file)).parent_path();
  instance.settings = nlohmann::json::object();
  if (instance.config && instance.config.IsMap()) {
    for (const auto& entry : instance.config) {
      const auto key = entry.first.Scalar();
      const auto* spec = plugin.config_key(key);
      if (!spec) {
        std::string keys;
        for (std::uint32_t i = 0; i < plugin.descriptor->config_key_count; ++i)
          keys += (keys.empty() ? "" : ", ") + std::string(plugin.descriptor->config_keys[i].name);
        diagnostics.error(mark_of(entry.first, file),
                          fmt::format("plugin '{}' has no config key '{}'; its keys are: {} (see `platebus plugins {}`)",
                                      plugin.name(), key, keys.empty() ? "none" : keys, plugin.name()));
        continue;
      }
      std::string problem;
      if (entry.second.IsNull() && spec->default_value && std::string_view(spec->default_value) == "null") {
        instance.settings[key] = nullptr;
      } else if (auto value = convert_setting(entry.second, spec->type, base, problem)) {
        if (problem = constraint_problem(*value, *spec); !problem.empty())
          out_of_bounds.error(mark_of(entry.second, file),
                            fmt::format("config key '{}' of plugin '{}' {} (see `platebus plugins {}`)", key,
                                        plugin.name(), problem, plugin.name()));
        instance.settings[key] = std::move(*value);
      } else {
        diagnostics.error(mark_of(entry.second, file),
                          fmt::format("config key '{}' of plugin '{}' {}", key, plugin.name(), problem));
      }
    }
  }
  for (std::uint32_t i = 0; i < plugin.descriptor->config_key_count; ++i) {
    const auto& spec = plugin.descriptor->config_keys[i];
    if (instance.settings.contains(spec.name)) continue;
    if (!spec.default_value) {
      diagnostics.error(instance.config_where,
                        fmt::format("instance '{}' must set config key '{}' ({}): {}", instance.id, spec.name,
                                    to_string(spec.type), spec.description ? spec.description : ""));
      continue;
    }
    std::string problem;
    const auto node = YAML::Load(spec.default_value);
    if (std::string_view(spec.default_value) == "null") {
      instance.settings[spec.name] = nullptr;
    } else if (auto value = convert_setting(node, spec.type, base, problem)) {
      if (problem = constraint_problem(*value, spec); !problem.empty())
        diagnostics.error({plugin.file.string(), 0, 0},
                          fmt::format("plugin '{}' declares a default for '{}' that {}; report this to its author",
                                      plugin.name(), spec.name, problem));
      instance.settings[spec.name] = std::move(*value);
    } else {
      diagnostics.error({plugin.file.string(), 0, 0},
                        fmt::format("plugin '{}' declares a default for '{}' that {}; report this to its author",
                                    plugin.name(), spec.name, problem));
    }
  }
}

// Paths in a deployment mean what they say wherever platebus is started from.
std::string resolve_path(const std::string& text, const std::filesystem::path& base) {
  const bool number = !text.empty() && std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c); });
  if (text.empty() || number || text.find("://") != std::string::npos) return text;
  const std::filesystem::path path(text);
  if (path.is_absolute()) return text;
  return (base / path).lexically_normal().string();
}

std::size_t error_count(const Diagnostics& diagnostics) {
  return std::count_if(diagnostics.items().begin(), diagnostics.items().end(),
                       [](const Diagnostic& item) { return item.severity == Severity::error; });
}

bool topic_matches(const std::string& prefix, const std::string& topic) { return topic.starts_with(prefix); }

void warn_unpublished_subscriptions(const Deployment& deployment, Diagnostics& diagnostics) {
  for (const auto& instance : deployment.instances) {
    for (const auto& subscription : instance.subscribe) {
      // The host itself publishes its lifecycle events.
      const auto& host_topic = deployment.bus.lifecycle_topic;
      bool published = !host_topic.empty() && topic_matches(subscription.topic, host_topic);
      for (const auto& other : deployment.instances)
        for (const auto& publication : other.publish)
          published = published || topic_matches(subscription.topic, publication.topic);
      if (!published) {
        diagnostics.warning(subscription.where,
                            fmt::format("no instance here publishes a topic starting with '{}'; fine if a peer on "
                                        "the bus publishes it, otherwise check the spelling",
                                        subscription.topic));
      }
    }
  }
}

// One provider per service name; a call nobody here serves is only a warning (it fails fast at run time).
void check_services(const Deployment& deployment, Diagnostics& diagnostics) {
  std::map<std::string, std::string> providers;
  for (const auto& instance : deployment.instances) {
    for (const auto& binding : instance.serve) {
      const auto [it, added] = providers.emplace(binding.topic, instance.id);
      if (!added) {
        diagnostics.error(binding.where, fmt::format("service '{}' is already served by instance '{}'; one instance "
                                                     "serves each service name",
                                                     binding.topic, it->second));
      }
    }
  }
  for (const auto& instance : deployment.instances) {
    for (const auto& binding : instance.call) {
      if (!providers.contains(binding.topic)) {
        diagnostics.warning(binding.where, fmt::format("no instance here serves '{}'; calls to it will fail as "
                                                       "unavailable until one does",
                                                       binding.topic));
      }
    }
  }
}

}  // namespace

const char* to_string(PortDirection direction) {
  switch (direction) {
    case PortDirection::input: return "input";
    case PortDirection::output: return "output";
    case PortDirection::serve: return "serve";
    case PortDirection::call: return "call";
  }
  return "unknown";
}

const char* to_string(ConfigType type) {
  switch (type) {
    case ConfigType::string: return "text";
    case ConfigType::integer: return "whole number";
    case ConfigType::number: return "number";
    case ConfigType::boolean: return "true or false";
    case ConfigType::duration: return "duration";
    case ConfigType::string_list: return "list of text";
    case ConfigType::map: return "map";
    case ConfigType::list: return "list";
    case ConfigType::path: return "path";
    case ConfigType::path_list: return "list of paths";
  }
  return "value";
}

std::optional<nlohmann::json> convert_setting(const YAML::Node& value, ConfigType type,
                                              const std::filesystem::path& base, std::string& problem) {
  const bool scalar = value.IsScalar();
  switch (type) {
    case ConfigType::string:
      if (scalar) return value.Scalar();
      problem = fmt::format("must be text, not {}", kind_name(value));
      return {};
    case ConfigType::integer: {
      long long number = 0;
      if (scalar && YAML::convert<long long>::decode(value, number)) return number;
      problem = "must be a whole number, e.g. 5";
      return {};
    }
    case ConfigType::number: {
      double number = 0;
      if (scalar && YAML::convert<double>::decode(value, number)) return number;
      problem = "must be a number, e.g. 2.5";
      return {};
    }
    case ConfigType::boolean: {
      bool flag = false;
      if (scalar && YAML::convert<bool>::decode(value, flag)) return flag;
      problem = "must be true or false";
      return {};
    }
    case ConfigType::duration:
      if (scalar) {
        if (auto parsed = parse_duration(value.Scalar())) return parsed->count();
      }
      problem = "must be a duration with a unit: 250ms, 10s, 5m, 2h or 90d";
      return {};
    case ConfigType::path:
      if (scalar) return resolve_path(value.Scalar(), base);
      problem = fmt::format("must be a path, not {}", kind_name(value));
      return {};
    case ConfigType::string_list:
    case ConfigType::path_list: {
      if (!value.IsSequence()) {
        problem = fmt::format("must be a list of text, e.g. [ABC123, XYZ789], not {}", kind_name(value));
        return {};
      }
      auto list = nlohmann::json::array();
      for (const auto& item : value) {
        if (!item.IsScalar()) {
          problem = fmt::format("must be a list of text, but an item is {}", kind_name(item));
          return {};
        }
        list.push_back(type == ConfigType::path_list ? resolve_path(item.Scalar(), base) : item.Scalar());
      }
      return list;
    }
    case ConfigType::map:
      if (value.IsMap()) return yaml_to_json(value);
      problem = fmt::format("must be a map, not {}", kind_name(value));
      return {};
    case ConfigType::list:
      if (value.IsSequence()) return yaml_to_json(value);
      problem = fmt::format("must be a list, not {}", kind_name(value));
      return {};
  }
  problem = "has a type this host does not know";
  return {};
}

void check_against_plugins(Deployment& deployment, const PluginCatalog& catalog, Diagnostics& diagnostics) {
  for (auto& instance : deployment.instances) {
    if (instance.use.empty()) continue;
    if (const auto* duplicates = catalog.duplicates_of(instance.use)) {
      std::string files;
      for (const auto& file : *duplicates) files += (files.empty() ? "" : " and ") + file.string();
      diagnostics.error(instance.use_where, fmt::format("plugin '{}' is provided by {}; remove all but one from the "
                                                        "plugin path",
                                                        instance.use, files));
      continue;
    }
    const auto* plugin = catalog.find(instance.use);
    if (!plugin) {
      diagnostics.error(instance.use_where,
                        fmt::format("no plugin named '{}' was found; known plugins: {}. Check the name, or add its "
                                    "folder to plugin_path{}",
                                    instance.use, known_names(catalog),
                                    catalog.refused().empty() ? "" : " (some libraries were refused, see above)"));
      continue;
    }
    check_bindings(instance, *plugin, instance.publish, PortDirection::output, diagnostics);
    check_bindings(instance, *plugin, instance.subscribe, PortDirection::input, diagnostics);
    check_bindings(instance, *plugin, instance.serve, PortDirection::serve, diagnostics);
    check_bindings(instance, *plugin, instance.call, PortDirection::call, diagnostics);
    const auto errors_before = error_count(diagnostics);
    Diagnostics out_of_bounds;
    check_settings(instance, *plugin, diagnostics, out_of_bounds);
    const bool well_typed = error_count(diagnostics) == errors_before;
    diagnostics.append(out_of_bounds);
    // The plugin's own checks see only settings that every key's type already accepted.
    if (well_typed) check_with_plugin(instance, *plugin, diagnostics);
  }
  warn_unpublished_subscriptions(deployment, diagnostics);
  check_services(deployment, diagnostics);
}

}  // namespace platebus::host
