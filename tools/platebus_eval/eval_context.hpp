#pragma once
// The Context a recognizer runs with under platebus-eval: frames come from the labelled set, what
// it publishes is collected, and its log goes to stderr.
#include <atomic>
#include <condition_variable>
#include <map>
#include <mutex>

#include <spdlog/logger.h>

#include "platebus_eval/recognizer_run.hpp"
#include "platebus/context.hpp"

namespace platebus::eval {

class EvalContext final : public Context {
 public:
  EvalContext(nlohmann::json settings, const LabelledSet& set, std::shared_ptr<spdlog::logger> logger);

  // Waits until every image has its FrameResult (or failed to load), or `timeout` passes without progress.
  bool wait_until_done(std::chrono::seconds stall_timeout);
  std::vector<ImageOutcome> outcomes() const;
  double seconds_since_first_frame() const;
  void request_stop();

  const std::string& instance_id() const override { return id_; }
  const nlohmann::json& config() const override { return settings_; }
  void publish(std::string_view port, Message message) override;
  bool is_published(std::string_view port) const override { return port == "reads" || port == "results"; }
  std::optional<Message> receive(std::chrono::milliseconds timeout) override;
  bool stopping() const override { return stopping_; }
  bool sleep_for(std::chrono::milliseconds duration) override;
  void log(LogLevel level, std::string_view text) override;
  // A recognizer under evaluation calls no services: every call is unavailable.
  Reply call(std::string_view port, Message request, std::chrono::milliseconds deadline) override;
  void reply(const Message&, Reply) override {}

 private:
  std::string id_ = "eval";
  nlohmann::json settings_;
  const LabelledSet& set_;
  std::shared_ptr<spdlog::logger> logger_;
  std::size_t next_image_ = 0;  // receive() runs on the plugin's one thread
  std::chrono::steady_clock::time_point first_frame_{};
  mutable std::mutex mutex_;
  std::condition_variable progress_;
  std::vector<ImageOutcome> outcomes_;
  std::map<std::string, std::size_t> index_by_file_;
  std::size_t finished_ = 0;
  std::atomic<bool> stopping_{false};
};

}  // namespace platebus::eval
