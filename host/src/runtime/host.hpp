#pragma once
// The running host: the bus, the plugin instances of one deployment, and the changes a reload makes.
#include <filesystem>
#include <memory>
#include <optional>
#include <vector>

#include <zmq.hpp>

#include "bus/bus_proxy.hpp"
#include "bus/flow_control.hpp"
#include "bus/local_router.hpp"
#include "bus/topic_stats.hpp"
#include "runtime/deployment_loader.hpp"
#include "runtime/instance.hpp"
#include "runtime/private_folder.hpp"
#include "runtime/service_registry.hpp"

namespace platebus::host {

class Host {
 public:
  Host();
  ~Host();
  Host(const Host&) = delete;
  Host& operator=(const Host&) = delete;

  // Checks the deployment and starts it. Returns false, starting nothing, when the check found errors
  // (they are in `diagnostics`). Throws std::runtime_error when the bus cannot start.
  bool start(const std::filesystem::path& file, Diagnostics& diagnostics);
  // Re-reads and checks the file; when it is valid, stops removed and changed instances and starts
  // new ones, leaving unchanged ones running. An invalid file changes nothing and returns false.
  bool reload(const std::filesystem::path& file, Diagnostics& diagnostics);
  // Stops the instances in the data's direction, sources first, each once its input has drained.
  void stop();

  // A level given on the command line wins over the deployment's log.level.
  void force_log_level(std::string level) { forced_log_level_ = std::move(level); }
  // The program an isolated instance's process runs (`PROGRAM isolated-instance ...`): by default
  // the `platebus` beside the running program (itself, for `platebus run`); a program that embeds
  // the host elsewhere (a test, a benchmark) names platebus here.
  void set_isolation_runner(std::filesystem::path program) { isolation_runner_ = std::move(program); }
  void log_stats();
  const TopicStats& stats() const { return stats_; }
  const BusRefusals& bus_refusals() const { return bus_->refusals(); }
  const Deployment& deployment() const { return loaded_->deployment; }
  Instance* instance(const std::string& id);
  const std::string& host_id() const { return host_id_; }

 private:
  std::unique_ptr<Instance> make_instance(const InstanceConfig& config, const PluginLibrary& plugin);
  IsolationAccess isolation_access(const InstanceConfig& config);
  void open_and_start(const std::vector<Instance*>& instances);
  // Stops the instances by the data's direction (runtime/stop_order.hpp); with `drain_first`, each
  // waits until its input has drained. Until `deadline`, what they publish while stopping waits for room.
  void stop_in_order(std::vector<std::unique_ptr<Instance>> instances, std::chrono::steady_clock::time_point deadline,
                     bool drain_first);
  // Waits until every watched instance is idle and quiet; false when `deadline` came first.
  bool drained(const std::vector<Instance*>& watched, std::chrono::steady_clock::time_point deadline);
  // Puts a LifecycleEvent on bus.lifecycle_topic for this host's subscribers; what they make of it
  // (the audit plugin records reloads) is theirs to decide.
  void publish_lifecycle(const char* kind, std::string subject, std::string detail);

  std::string host_id_;
  std::string forced_log_level_;
  std::shared_ptr<spdlog::logger> logger_;
  zmq::context_t zmq_;
  TopicStats stats_;
  std::unique_ptr<FlowControl> flow_;
  LocalRouter router_;
  ServiceRegistry services_;
  std::unique_ptr<LoadedDeployment> loaded_;  // its catalog holds the libraries; instances hold their own
  std::unique_ptr<BusProxy> bus_;
  std::filesystem::path isolation_runner_;
  std::unique_ptr<PrivateFolder> isolation_folder_;   // made when the first isolated instance starts
  std::vector<std::unique_ptr<Instance>> instances_;  // in deployment order
};

}  // namespace platebus::host
