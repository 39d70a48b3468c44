#pragma once
// The Context a plugin sees inside an isolated instance's process: each publish, receive, call and
// reply goes over the private channel to the host, which does the bus work (isolation_channel.hpp). A publish
// returns once the host has published, so a lossless port waits here exactly as it would in the host.
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <set>

#include <spdlog/logger.h>
#include <zmq.hpp>

#include "platebus/context.hpp"

namespace platebus::host {

class IsolatedChildContext final : public Context {
 public:
  // Connects to the channel the host named on the command line.
  IsolatedChildContext(zmq::context_t& zmq, const std::string& channel, std::string instance_id);

  // Asks the host for the instance's plugin, settings and log settings (they never travel in argv).
  nlohmann::json hello();
  void set_logger(std::shared_ptr<spdlog::logger> logger) { logger_ = std::move(logger); }
  // What parts' owners may need stays loaded until ZeroMQ has sent them.
  void hold_library(std::shared_ptr<const void> library) { keepalive_ = std::move(library); }
  void report_outcome(const std::string& failure, bool config_error);
  void request_stop();

  const std::string& instance_id() const override { return id_; }
  const nlohmann::json& config() const override { return settings_; }
  void publish(std::string_view port, Message message) override;
  bool is_published(std::string_view port) const override { return published_.contains(std::string(port)); }
  std::optional<Message> receive(std::chrono::milliseconds timeout) override;
  bool stopping() const override { return stopping_; }
  bool sleep_for(std::chrono::milliseconds duration) override;
  void log(LogLevel level, std::string_view text) override;
  Reply call(std::string_view port, Message request, std::chrono::milliseconds deadline) override;
  void reply(const Message& request, Reply reply) override;
  void begin_work() override;
  void end_work() override;

 private:
  std::string id_;
  nlohmann::json settings_ = nlohmann::json::object();
  std::set<std::string> published_;
  std::shared_ptr<spdlog::logger> logger_;
  std::shared_ptr<const void> keepalive_;
  std::mutex publish_mutex_;  // plugins may publish from worker threads
  zmq::socket_t publish_channel_;
  std::mutex receive_mutex_;
  zmq::socket_t receive_channel_;
  std::mutex call_mutex_;  // calls from several threads take turns
  zmq::context_t& zmq_;
  std::string call_endpoint_;
  zmq::socket_t call_channel_;
  std::mutex reply_mutex_;
  zmq::socket_t reply_channel_;
  std::atomic<bool> stopping_{false};
  std::mutex sleep_mutex_;
  std::condition_variable sleep_wake_;
};

}  // namespace platebus::host
