#pragma once
// The Context a plugin instance runs with: its settings, its publisher and subscriber sockets on
// the bus, its inbox, its log and its stop signal. It outlives restarts of the plugin object, so
// queued messages and sequence numbers survive a crash.
#include <atomic>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <thread>

#include <spdlog/logger.h>
#include <zmq.hpp>

#include "bus/flow_control.hpp"
#include "bus/inbox.hpp"
#include "bus/local_router.hpp"
#include "bus/topic_stats.hpp"
#include "config/deployment.hpp"
#include "loader/plugin_catalog.hpp"
#include "runtime/service_registry.hpp"
#include "platebus/context.hpp"

namespace platebus::host {

struct BusAccess {
  zmq::context_t& zmq;
  FlowControl& flow;
  LocalRouter& router;
  ServiceRegistry& services;
  TopicStats& stats;
  std::string host_id;  // marks messages whose lossless room this host reserved
  const std::atomic<bool>& outside_subscribers;  // anyone beyond this host's instances listening
  BusConfig bus;
};

class InstanceContext final : public Context {
 public:
  InstanceContext(const InstanceConfig& config, const PluginLibrary& plugin, BusAccess bus,
                  std::shared_ptr<spdlog::logger> logger);
  ~InstanceContext() override;

  // Connects the publisher to the bus and registers the subscriptions with the local router;
  // from then on every message published on a matching topic reaches this instance's inbox.
  void open();

  // Asks the plugin to stop. What it publishes while stopping (open reads it closes, work its
  // threads finish) still waits for room downstream until `give_up`; after that it is dropped and
  // counted.
  void request_stop(std::chrono::steady_clock::time_point give_up = {});
  // Whether this instance's services take calls (while its plugin runs).
  void set_services_up(bool up);
  // For an instance that has failed for good: publishers stop waiting for it, and what arrives
  // for it from now on is dropped and counted instead of queued.
  void abandon_input();
  void reset_stop() { stopping_ = false; }
  // A fresh plugin object holds no work of the last one's threads.
  void reset_work() { work_in_hand_ = 0; }
  // Leaves the bus, counting and logging what was still queued; the object must not be used afterwards.
  void close();

  // Nothing queued, the plugin waiting for a message, and none of its threads holding work.
  bool idle() const;
  bool subscribes() const { return !slots_.empty(); }
  std::chrono::steady_clock::time_point last_arrival() const;
  std::shared_ptr<spdlog::logger> logger() const { return logger_; }
  // A message this instance took and lost (its isolated process died holding it).
  void count_drop(const std::string& topic) { bus_.stats.count_drops(topic, 1); }

  // Context
  const std::string& instance_id() const override { return id_; }
  const nlohmann::json& config() const override { return settings_; }
  void publish(std::string_view port, Message message) override;
  bool is_published(std::string_view port) const override;
  std::optional<Message> receive(std::chrono::milliseconds timeout) override;
  bool stopping() const override { return stopping_; }
  bool sleep_for(std::chrono::milliseconds duration) override;
  void log(LogLevel level, std::string_view text) override;
  Reply call(std::string_view port, Message request, std::chrono::milliseconds deadline) override;
  void reply(const Message& request, Reply reply) override;
  void begin_work() override { ++work_in_hand_; }
  void end_work() override;

 private:
  struct Publication {
    std::string topic;
    Delivery delivery;
  };

  void deliver(Message message, const std::shared_ptr<SubscriptionSlot>& slot);
  void open_services();
  // Counts (in the topic stats) and logs messages lost because the instance stopped.
  void report_stop_drops(const std::map<std::string, std::size_t>& per_topic, std::string_view how);
  // Throws std::invalid_argument when the plugin's descriptor has no such port.
  void require_declared(std::string_view port, PortDirection direction) const;

  std::string id_;
  nlohmann::json settings_;
  std::shared_ptr<const void> library_keepalive_;
  const PluginLibrary& plugin_;
  BusAccess bus_;
  std::shared_ptr<spdlog::logger> logger_;
  std::map<std::string, Publication, std::less<>> publications_;
  std::vector<PortBinding> subscriptions_;
  std::vector<PortBinding> config_serve_;
  std::vector<std::shared_ptr<SubscriptionSlot>> slots_;

  std::mutex publish_mutex_;  // plugins may publish from worker threads
  zmq::socket_t publisher_;
  std::map<std::string, std::uint64_t> sequence_;  // per topic, guarded by publish_mutex_

  std::uint64_t route_token_ = 0;
  std::vector<std::uint64_t> service_tokens_;
  std::map<std::string, std::string, std::less<>> calls_;  // call port -> service name
  std::shared_ptr<SubscriptionSlot> requests_slot_;       // bounds queued requests

  Inbox inbox_;
  std::atomic<bool> stopping_{false};
  std::atomic<bool> abandoned_{false};
  std::atomic<bool> waiting_{true};
  std::atomic<std::int64_t> work_in_hand_{0};  // begin_work() not yet matched by end_work()
  std::atomic<std::int64_t> give_up_{0};       // steady clock: when publishing while stopping stops waiting
  std::mutex unsent_mutex_;
  std::map<std::string, std::size_t> unsent_at_stop_;  // per topic: published while stopping, never sent
  std::atomic<std::int64_t> last_arrival_{0};
  std::mutex sleep_mutex_;
  std::condition_variable sleep_wake_;
};

}  // namespace platebus::host
