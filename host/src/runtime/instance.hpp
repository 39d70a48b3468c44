#pragma once
// One plugin instance: its context, its thread, and the supervision that restarts it after a crash
// with backoff, up to a cap on the restart rate.
#include <atomic>
#include <memory>
#include <thread>

#include "runtime/instance_context.hpp"
#include "runtime/isolated_run.hpp"

namespace platebus::host {

enum class InstanceState { created, running, restarting, failed, finished, stopped };
const char* to_string(InstanceState state);

class Instance {
 public:
  // `isolation` is used when the config says `isolate: true`: the plugin then runs in a child process.
  Instance(InstanceConfig config, PluginLibrary plugin, BusAccess bus, SupervisorConfig supervisor,
           std::shared_ptr<spdlog::logger> logger, IsolationAccess isolation = {});
  ~Instance();

  void open() { context_->open(); }
  InstanceContext& context() { return *context_; }
  void start();
  // What the plugin publishes while stopping may wait for room downstream until `give_up`.
  void request_stop(std::chrono::steady_clock::time_point give_up = {}) { context_->request_stop(give_up); }
  void join();  // waits for the thread, then leaves the bus

  const InstanceConfig& config() const { return config_; }
  const PluginLibrary& plugin() const { return plugin_; }
  InstanceState state() const { return state_; }
  // Nothing queued and nothing being worked on (or not consuming at all any more).
  bool idle() const;
  int restarts() const { return restarts_; }
  // Equal fingerprints mean a reload can keep the running instance as it is.
  std::string fingerprint() const;
  static std::string fingerprint_of(const InstanceConfig& config, const PluginLibrary& plugin);

 private:
  void supervise();
  std::string run_once(bool& config_error);
  void idle_until_stopped();

  InstanceConfig config_;
  PluginLibrary plugin_;  // a copy: it holds the library for as long as the instance lives
  SupervisorConfig supervisor_;
  IsolationAccess isolation_;
  std::shared_ptr<spdlog::logger> logger_;
  std::unique_ptr<InstanceContext> context_;
  std::thread thread_;
  std::atomic<InstanceState> state_{InstanceState::created};
  std::atomic<int> restarts_{0};
  std::atomic<bool> returned_{false};
};

}  // namespace platebus::host
