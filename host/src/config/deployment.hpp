#pragma once
// A deployment as written in YAML: where plugins are, the bus, and the plugin instances with their
// config and topic bindings. Parsing checks the structure; plugin_checks.hpp checks it against the
// plugins found.
#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

#include "bus/topic_grants.hpp"
#include "config/diagnostics.hpp"
#include "platebus/descriptor.hpp"

namespace platebus::host {

struct PortBinding {
  std::string port;
  std::string topic;  // a concrete topic for publish; a prefix for subscribe ("frames." takes all cameras)
  std::optional<Delivery> delivery;  // unset: the port's class (publish) or the message's class (subscribe)
  std::size_t queue = 0;             // subscribe only; 0 takes the default for the delivery class
  SourceMark where;
};

struct InstanceConfig {
  std::string id;
  std::string use;
  YAML::Node config;                // as written; checked and converted into `settings`
  nlohmann::json settings;          // filled by check_against_plugins(): every key, defaults applied
  std::vector<PortBinding> publish;
  std::vector<PortBinding> subscribe;
  std::vector<PortBinding> serve;  // serve port -> service name (in `topic`)
  std::vector<PortBinding> call;   // call port -> service name
  bool isolate = false;            // runs in a child process of the host (docs/configuration.md)
  SourceMark where;
  SourceMark use_where;
  SourceMark config_where;
};

struct SupervisorConfig {
  std::chrono::milliseconds restart_backoff{200};
  std::chrono::milliseconds max_backoff{10'000};
  int max_restarts = 5;  // within restart_window; past it the instance is left stopped
  std::chrono::milliseconds restart_window{60'000};
  std::chrono::milliseconds stop_timeout{10'000};  // how long shutdown waits for draining
};

// A process allowed onto a tcp bus: its CURVE public key and what it may do (nothing by default).
struct BusPeer {
  std::string name;
  std::string public_key;  // Z85
  TopicGrants grants;
  SourceMark where;
};

struct BusConfig {
  std::string listen;  // "", "tcp://HOST:PORT" or "ipc://PATH"
  bool insecure = false;               // plain tcp, on loopback only
  std::filesystem::path server_key;    // CURVE key pair file; required for tcp unless insecure
  std::vector<BusPeer> peers;          // CURVE peers (tcp)
  // Peers on ipc:// or insecure tcp, whom the socket's folder (or loopback) vouches for.
  TopicGrants local_grants{{""}, {""}};
  std::vector<std::string> protected_topics{"audit"};  // plus lifecycle_topic; see topic_grants.hpp
  std::chrono::milliseconds publish_wait_warning{1'000};
  std::string lifecycle_topic;  // where the host publishes its LifecycleEvents (reloads, starts, stops); "" for none
};

// Whether two bus configs let the same processes in with the same rights (what needs a restart).
bool same_bus_access(const BusConfig& a, const BusConfig& b);
void keep_bus_access(BusConfig& next, const BusConfig& running);

struct LogConfig {
  std::string level = "info";
  std::chrono::milliseconds stats_interval{60'000};
};

struct Deployment {
  std::filesystem::path file;
  std::vector<std::filesystem::path> plugin_path;  // absolute (relative entries resolved against the file's folder)
  std::vector<SourceMark> plugin_path_where;
  BusConfig bus;
  LogConfig log;
  SupervisorConfig supervisor;
  std::vector<InstanceConfig> instances;

  const InstanceConfig* find(const std::string& id) const;
};

// Reads and structurally checks a deployment file. Problems go to `diagnostics`; the result holds
// whatever could be read, so all problems are reported at once.
Deployment parse_deployment(const std::filesystem::path& file, Diagnostics& diagnostics);
Deployment parse_deployment_text(const std::string& text, const std::filesystem::path& file_name,
                                 Diagnostics& diagnostics);

const char* to_string(Delivery delivery);
std::optional<Delivery> delivery_from(const std::string& name);

}  // namespace platebus::host
