#include "config/deployment.hpp"

#include <fstream>
#include <set>
#include <sstream>

#include <fmt/format.h>

#include "config/bus_reading.hpp"
#include "config/config_text.hpp"
#include "config/yaml_reading.hpp"

namespace platebus::host {

namespace {

bool is_name(const std::string& text) {
  if (text.empty()) return false;
  for (const char c : text) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
                    c == '-' || c == '.';
    if (!ok) return false;
  }
  return true;
}

class DeploymentReader : FieldReader {
 public:
  using FieldReader::FieldReader;

  void read(const YAML::Node& root, Deployment& deployment) {
    if (!root.IsMap()) {
      refuse_root(root);
      return;
    }
    check_map_keys(root, {"plugin_path", "bus", "log", "supervisor", "instances"}, "the deployment", file_,
                   diagnostics_);
    read_plugin_path(root["plugin_path"], deployment);
    read_bus(root["bus"], file_, diagnostics_, deployment.bus);
    read_log(root["log"], deployment.log);
    read_supervisor(root["supervisor"], deployment.supervisor);
    read_instances(root["instances"], root, deployment.instances);
  }

 private:
  // Says what the file holds instead of a map, at 1:1 when yaml-cpp knows no place (an empty stream).
  void refuse_root(const YAML::Node& root) {
    auto where = mark_of(root, file_);
    if (where.line == 0) where = {file_, 1, 1};
    const char* expected = "a deployment is a map with 'instances:' (and optionally plugin_path, bus, log, supervisor)";
    if (root.IsNull() || !root.IsDefined()) {
      diagnostics_.error(where, fmt::format("this file holds no YAML value (only blank lines, comments or document "
                                            "markers); {}",
                                            expected));
    } else if (root.IsScalar()) {
      diagnostics_.error(where, fmt::format("{}, but this file holds the text '{}'; is it cut short?", expected,
                                            root.Scalar().substr(0, 40)));
    } else {
      diagnostics_.error(where, fmt::format("{}, but this file holds {}", expected, kind_name(root)));
    }
  }

  void read_plugin_path(const YAML::Node& node, Deployment& deployment) {
    if (!node) return;
    std::vector<YAML::Node> entries;
    if (node.IsScalar()) {
      entries.push_back(node);
    } else if (node.IsSequence()) {
      for (const auto& entry : node) entries.push_back(entry);
    } else {
      error(node, "plugin_path must be a folder or a list of folders");
      return;
    }
    const auto base = std::filesystem::path(file_).parent_path();
    for (const auto& entry : entries) {
      const auto folder = text(entry, "a plugin_path entry");
      if (!folder) continue;
      std::filesystem::path path(*folder);
      if (path.is_relative()) path = base / path;
      std::error_code ec;
      if (!std::filesystem::is_directory(path, ec)) {
        error(entry, fmt::format("plugin_path folder '{}' does not exist; build the plugins first or fix the path "
                                 "(relative paths start at the config file's folder)",
                                 path.string()));
        continue;
      }
      deployment.plugin_path.push_back(std::filesystem::weakly_canonical(path));
      deployment.plugin_path_where.push_back(mark_of(entry, file_));
    }
  }

  void read_log(const YAML::Node& node, LogConfig& log) {
    if (!node || !expect_map(node, "log")) return;
    check_map_keys(node, {"level", "stats_interval"}, "log", file_, diagnostics_);
    if (const auto level = node["level"]) {
      if (const auto value = text(level, "log.level")) {
        static const std::set<std::string> kLevels{"trace", "debug", "info", "warn", "error"};
        if (kLevels.contains(*value)) {
          log.level = *value;
        } else {
          error(level, fmt::format("log.level '{}' is not one of trace, debug, info, warn, error", *value));
        }
      }
    }
    if (const auto interval = node["stats_interval"]) {
      if (auto value = duration(interval, "log.stats_interval")) log.stats_interval = *value;
    }
  }

  void read_supervisor(const YAML::Node& node, SupervisorConfig& supervisor) {
    if (!node || !expect_map(node, "supervisor")) return;
    check_map_keys(node, {"restart_backoff", "max_backoff", "max_restarts", "restart_window", "stop_timeout"},
                   "supervisor", file_, diagnostics_);
    const auto set_duration = [&](const char* key, std::chrono::milliseconds& target) {
      if (const auto value = node[key]) {
        if (auto parsed = duration(value, fmt::format("supervisor.{}", key))) target = *parsed;
      }
    };
    set_duration("restart_backoff", supervisor.restart_backoff);
    set_duration("max_backoff", supervisor.max_backoff);
    set_duration("restart_window", supervisor.restart_window);
    set_duration("stop_timeout", supervisor.stop_timeout);
    if (const auto value = node["max_restarts"]) {
      if (auto parsed = whole_number(value, "supervisor.max_restarts", 0)) supervisor.max_restarts = int(*parsed);
    }
  }

  void read_instances(const YAML::Node& node, const YAML::Node& root, std::vector<InstanceConfig>& instances) {
    if (!node) {
      error(root, "the deployment has no 'instances:' list; add one entry per plugin instance (id, use, config, "
                  "publish, subscribe)");
      return;
    }
    if (!node.IsSequence()) {
      error(node, fmt::format("instances must be a list (lines starting with '- '), not {}", kind_name(node)));
      return;
    }
    std::set<std::string> ids;
    for (const auto& entry : node) {
      InstanceConfig instance;
      instance.where = mark_of(entry, file_);
      if (!expect_map(entry, "each instance")) continue;
      check_map_keys(entry, {"id", "use", "config", "publish", "subscribe", "serve", "call", "isolate"}, "an instance",
                     file_, diagnostics_);
      if (const auto id = entry["id"]) {
        if (const auto value = text(id, "id")) {
          instance.id = *value;
          if (!is_name(*value)) {
            error(id, fmt::format("id '{}' may only hold letters, digits, '.', '_' and '-'", *value));
          } else if (!ids.insert(*value).second) {
            error(id, fmt::format("id '{}' is used by an earlier instance; give each instance its own id", *value));
          }
        }
      } else {
        error(entry, "this instance has no 'id'; add one, e.g. id: camera-north");
      }
      if (const auto use = entry["use"]) {
        instance.use_where = mark_of(use, file_);
        if (const auto value = text(use, "use")) instance.use = *value;
      } else {
        error(entry, fmt::format("instance '{}' has no 'use'; name the plugin it runs (see `platebus plugins`)",
                                 instance.id));
      }
      // reset(), not =: assigning a yaml-cpp Node writes through to the node it shares.
      if (const auto config = entry["config"]) instance.config.reset(config);
      instance.config_where = config_mark(entry);
      if (instance.config && !instance.config.IsNull() && expect_map(instance.config, "config")) {
        check_duplicate_keys(instance.config, file_, diagnostics_);
      }
      read_bindings(entry["publish"], "publish", instance.publish);
      read_bindings(entry["subscribe"], "subscribe", instance.subscribe);
      read_bindings(entry["serve"], "serve", instance.serve);
      read_bindings(entry["call"], "call", instance.call);
      read_isolate(entry["isolate"], instance);
      instances.push_back(std::move(instance));
    }
  }

  void read_isolate(const YAML::Node& node, InstanceConfig& instance) {
    if (!node) return;
    if (const auto value = boolean(node, "isolate")) instance.isolate = *value;
  }

  // Where a missing config key is reported: the config block, its `config:` key when the block is
  // empty (yaml-cpp places an empty value at the next line), or the instance when there is none.
  SourceMark config_mark(const YAML::Node& instance) const {
    for (const auto& entry : instance) {
      if (entry.first.Scalar() != "config") continue;
      const auto value = mark_of(entry.second, file_);
      return entry.second.IsNull() || value.line == 0 ? mark_of(entry.first, file_) : value;
    }
    return mark_of(instance, file_);
  }

  void read_bindings(const YAML::Node& node, const std::string& direction, std::vector<PortBinding>& bindings) {
    if (!node || node.IsNull()) return;
    if (!expect_map(node, direction)) return;
    check_duplicate_keys(node, file_, diagnostics_);
    const bool subscribing = direction == "subscribe";
    for (const auto& entry : node) {
      PortBinding binding;
      binding.port = entry.first.Scalar();
      binding.where = mark_of(entry.first, file_);
      const auto& value = entry.second;
      YAML::Node topic = value;
      const bool service = direction == "serve" || direction == "call";
      if (value.IsMap() && service) {
        error(value, fmt::format("{} port '{}' takes a service name, e.g. {}: audit.records", direction, binding.port,
                                 binding.port));
        continue;
      }
      if (value.IsMap()) {
        if (subscribing) {
          check_map_keys(value, {"topic", "delivery", "queue"}, direction + " binding", file_, diagnostics_);
        } else {
          check_map_keys(value, {"topic", "delivery"}, direction + " binding", file_, diagnostics_);
        }
        const auto topic_node = value["topic"];
        if (const auto delivery = value["delivery"]) {
          if (const auto name = text(delivery, "delivery")) {
            binding.delivery = delivery_from(*name);
            if (!binding.delivery) error(delivery, fmt::format("delivery '{}' must be latest or lossless", *name));
          }
        }
        if (const auto queue = value["queue"]) {
          if (auto parsed = whole_number(queue, "queue", 1)) binding.queue = std::size_t(*parsed);
        }
        if (!topic_node) {
          error(value, fmt::format("{} binding for port '{}' has no topic", direction, binding.port));
          continue;
        }
        topic.reset(topic_node);
      }
      const auto name = text(topic, fmt::format("the topic of port '{}'", binding.port));
      if (!name) continue;
      if (name->empty() || name->find_first_of(" \t\r\n") != std::string::npos || (*name)[0] == '\x01') {
        error(topic, fmt::format("topic '{}' must be non-empty text without spaces", *name));
        continue;
      }
      binding.topic = *name;
      bindings.push_back(std::move(binding));
    }
  }

};

}  // namespace

const InstanceConfig* Deployment::find(const std::string& id) const {
  for (const auto& instance : instances)
    if (instance.id == id) return &instance;
  return nullptr;
}

const char* to_string(Delivery delivery) { return delivery == Delivery::latest ? "latest" : "lossless"; }

std::optional<Delivery> delivery_from(const std::string& name) {
  if (name == "latest") return Delivery::latest;
  if (name == "lossless") return Delivery::lossless;
  return {};
}

Deployment parse_deployment_text(const std::string& text, const std::filesystem::path& file_name,
                                 Diagnostics& diagnostics) {
  Deployment deployment;
  deployment.file = file_name;
  if (text.empty()) {
    diagnostics.error({file_name.string(), 1, 1}, "this file is empty; a deployment is a map with 'instances:' "
                                                  "(see docs/configuration.md)");
    return deployment;
  }
  if (const auto problem = first_text_problem(text)) {
    diagnostics.error({file_name.string(), problem->line, problem->column}, problem->text);
    return deployment;
  }
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::ParserException& e) {
    diagnostics.error({file_name.string(), e.mark.line + 1, e.mark.column + 1},
                      fmt::format("YAML syntax: {}; check the indentation and quoting here", e.msg));
    return deployment;
  }
  DeploymentReader(file_name.string(), diagnostics).read(root, deployment);
  return deployment;
}

Deployment parse_deployment(const std::filesystem::path& file, Diagnostics& diagnostics) {
  std::ifstream in(file);
  if (!in) {
    diagnostics.error({file.string(), 0, 0}, "cannot read the file; check the path and its permissions");
    Deployment deployment;
    deployment.file = file;
    return deployment;
  }
  std::stringstream text;
  text << in.rdbuf();
  return parse_deployment_text(text.str(), file, diagnostics);
}

}  // namespace platebus::host
