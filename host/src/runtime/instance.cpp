#include "runtime/instance.hpp"

#include <deque>

#include <fmt/format.h>

#include "runtime/plugin_run.hpp"

namespace platebus::host {

const char* to_string(InstanceState state) {
  switch (state) {
    case InstanceState::created: return "created";
    case InstanceState::running: return "running";
    case InstanceState::restarting: return "restarting";
    case InstanceState::failed: return "failed";
    case InstanceState::finished: return "finished";
    case InstanceState::stopped: return "stopped";
  }
  return "unknown";
}

Instance::Instance(InstanceConfig config, PluginLibrary plugin, BusAccess bus, SupervisorConfig supervisor,
                   std::shared_ptr<spdlog::logger> logger, IsolationAccess isolation)
    : config_(std::move(config)),
      plugin_(std::move(plugin)),
      supervisor_(supervisor),
      isolation_(std::move(isolation)),
      logger_(logger),
      context_(std::make_unique<InstanceContext>(config_, plugin_, std::move(bus), std::move(logger))) {}

Instance::~Instance() {
  request_stop();
  join();
}

void Instance::start() {
  state_ = InstanceState::running;
  // Up before the thread runs: a caller started next must not find the service down. Requests
  // that come before the plugin is ready wait in its inbox.
  context_->set_services_up(true);
  thread_ = std::thread([this] {
    supervise();
    returned_ = true;
  });
}

void Instance::join() {
  // A plugin that ignores ctx.stopping() would hang shutdown silently; say which one it is.
  auto next_warning = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (thread_.joinable() && !returned_) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    if (std::chrono::steady_clock::now() > next_warning) {
      logger_->warn("has not stopped yet: its plugin must return from run() once ctx.stopping() is true");
      next_warning += std::chrono::seconds(5);
    }
  }
  if (thread_.joinable()) thread_.join();
  if (context_) context_->close();
  if (state_ != InstanceState::failed) state_ = InstanceState::stopped;
}

std::string Instance::fingerprint_of(const InstanceConfig& config, const PluginLibrary& plugin) {
  std::string text = fmt::format("{}|{}|{}|{}", config.use, plugin.file.string(), plugin.descriptor->version,
                                 config.settings.dump());
  const auto add = [&](const char* kind, const std::vector<PortBinding>& bindings) {
    for (const auto& b : bindings) {
      text += fmt::format("|{}:{}={}/{}/{}", kind, b.port, b.topic,
                          b.delivery ? static_cast<int>(*b.delivery) : -1, b.queue);
    }
  };
  add("pub", config.publish);
  add("sub", config.subscribe);
  add("serve", config.serve);
  add("call", config.call);
  if (config.isolate) text += "|isolate";
  return text;
}

std::string Instance::fingerprint() const { return fingerprint_of(config_, plugin_); }

std::string Instance::run_once(bool& config_error) {
  auto failure = config_.isolate
                     ? IsolatedRun(*context_, config_, plugin_, isolation_, supervisor_.stop_timeout).run(config_error)
                     : run_plugin_once(plugin_, *context_, *logger_, config_error);
  context_->reset_work();  // its threads are gone with it; a restarted object starts with nothing in hand
  return failure;
}

bool Instance::idle() const {
  const auto state = state_.load();
  return state == InstanceState::failed || state == InstanceState::finished || context_->idle();
}

void Instance::idle_until_stopped() {
  while (context_->sleep_for(std::chrono::milliseconds(500))) {
  }
}

void Instance::supervise() {
  std::deque<std::chrono::steady_clock::time_point> recent_restarts;
  auto backoff = supervisor_.restart_backoff;
  while (!context_->stopping()) {
    const auto started = std::chrono::steady_clock::now();
    bool config_error = false;
    context_->set_services_up(true);
    const auto failure = run_once(config_error);
    context_->set_services_up(false);  // calls it had not answered fail now, not at their deadline
    if (failure.empty()) {
      if (context_->stopping()) break;
      state_ = InstanceState::finished;
      logger_->info("finished; idle until the host stops or reloads");
      if (context_->subscribes()) context_->abandon_input();
      idle_until_stopped();
      return;
    }
    if (config_error) {
      state_ = InstanceState::failed;
      context_->abandon_input();
      logger_->error("configuration rejected: {}; fix it in the deployment and reload", failure);
      idle_until_stopped();
      return;
    }
    const auto now = std::chrono::steady_clock::now();
    if (now - started > supervisor_.restart_window) backoff = supervisor_.restart_backoff;  // it had recovered
    recent_restarts.push_back(now);
    while (!recent_restarts.empty() && now - recent_restarts.front() > supervisor_.restart_window)
      recent_restarts.pop_front();
    if (static_cast<int>(recent_restarts.size()) > supervisor_.max_restarts) {
      state_ = InstanceState::failed;
      context_->abandon_input();
      logger_->error("failed: {}; it failed {} times within {} ms, so it stays stopped: fix the cause and reload",
                     failure, recent_restarts.size(), supervisor_.restart_window.count());
      idle_until_stopped();
      return;
    }
    state_ = InstanceState::restarting;
    ++restarts_;
    logger_->error("failed: {}; restarting in {} ms", failure, backoff.count());
    if (!context_->sleep_for(backoff)) break;
    backoff = std::min(backoff * 2, supervisor_.max_backoff);
    state_ = InstanceState::running;
  }
}

}  // namespace platebus::host
