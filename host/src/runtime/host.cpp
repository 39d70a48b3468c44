#include "runtime/host.hpp"

#include <algorithm>
#include <random>
#include <thread>
#include <unistd.h>

#include <boost/dll/runtime_symbol_info.hpp>
#include <fmt/format.h>

#include "platebus/lifecycle_event.hpp"
#include "runtime/logging.hpp"
#include "runtime/stop_order.hpp"

namespace platebus::host {

namespace {
std::string new_host_id() {
  std::random_device random;
  char name[256] = {};
  gethostname(name, sizeof(name) - 1);
  return fmt::format("{}:{}:{:08x}", name, getpid(), random());
}

void log_diagnostics(spdlog::logger& logger, const Diagnostics& diagnostics) {
  for (const auto& d : diagnostics.items()) {
    if (d.severity == Severity::error) {
      logger.error("{}", d.to_string());
    } else {
      logger.warn("{}", d.to_string());
    }
  }
}
}  // namespace

Host::Host()
    : host_id_(new_host_id()),
      logger_(make_logger("platebus")),
      zmq_(1),
      isolation_runner_(boost::dll::program_location().parent_path().string() + "/platebus") {}

Host::~Host() { stop(); }

Instance* Host::instance(const std::string& id) {
  for (auto& instance : instances_)
    if (instance->config().id == id) return instance.get();
  return nullptr;
}

std::unique_ptr<Instance> Host::make_instance(const InstanceConfig& config, const PluginLibrary& plugin) {
  const auto& deployment = loaded_->deployment;
  return std::make_unique<Instance>(config, plugin, BusAccess{zmq_, *flow_, router_, services_, stats_, host_id_, bus_->outside_subscribers(), deployment.bus},
                                    deployment.supervisor, make_logger(config.id), isolation_access(config));
}

IsolationAccess Host::isolation_access(const InstanceConfig& config) {
  if (!config.isolate) return {};
  if (!isolation_folder_) {
    auto folder = std::make_unique<PrivateFolder>("platebus-isolated");
    // A socket path holds at most 107 bytes; the channel adds "/iN.recv" with N up to 20 digits.
    constexpr std::size_t kLongestFolder = 107 - 26;
    if (folder->path().string().size() > kLongestFolder) {
      throw std::runtime_error(fmt::format("the folder for isolated instances' sockets, {}, is longer than {} bytes; "
                                           "set TMPDIR to a shorter folder",
                                           folder->path().string(), kLongestFolder));
    }
    isolation_folder_ = std::move(folder);
  }
  return {isolation_runner_, isolation_folder_->path()};
}

bool Host::start(const std::filesystem::path& file, Diagnostics& diagnostics) {
  auto loaded = std::make_unique<LoadedDeployment>(load_deployment(file, diagnostics));
  log_diagnostics(*logger_, diagnostics);
  if (diagnostics.has_errors()) return false;
  loaded_ = std::move(loaded);
  const auto& deployment = loaded_->deployment;
  set_log_level(forced_log_level_.empty() ? deployment.log.level : forced_log_level_);
  flow_ = std::make_unique<FlowControl>(deployment.bus.publish_wait_warning);
  bus_ = std::make_unique<BusProxy>(zmq_, deployment.bus, stats_, router_, make_logger("bus"));
  if (!deployment.bus.listen.empty()) {
    const auto endpoints = external_endpoints(deployment.bus.listen);
    logger_->info("bus listening: subscribe at {}, publish to {}", endpoints.subscribe, endpoints.publish);
  }
  std::vector<Instance*> started;
  for (const auto& config : deployment.instances) {
    instances_.push_back(make_instance(config, *loaded_->catalog.find(config.use)));
    started.push_back(instances_.back().get());
  }
  open_and_start(started);
  logger_->info("running {} instance(s) from {}", instances_.size(), file.string());
  return true;
}

void Host::open_and_start(const std::vector<Instance*>& instances) {
  // Every new subscription is registered before any new instance runs, so start order loses nothing.
  for (auto* instance : instances) instance->open();
  for (auto* instance : instances) {
    logger_->info("starting {} ({} {})", instance->config().id, instance->plugin().name(),
                  instance->plugin().descriptor->version);
    instance->start();
    publish_lifecycle(lifecycle_kind::instance_started, instance->config().id, instance->plugin().name());
  }
}

bool Host::drained(const std::vector<Instance*>& watched, std::chrono::steady_clock::time_point deadline) {
  // Drained: each one waiting for input with nothing queued and no work in its own threads, and
  // quiet for a moment (a peer's message may still be on its way through the proxy).
  constexpr auto kQuiet = std::chrono::milliseconds(100);
  while (std::chrono::steady_clock::now() < deadline) {
    bool idle = true;
    auto last = std::chrono::steady_clock::time_point{};
    for (auto* instance : watched) {
      idle = idle && instance->idle();
      last = std::max(last, instance->context().last_arrival());
    }
    if (idle && std::chrono::steady_clock::now() - last > kQuiet) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return false;
}

void Host::stop_in_order(std::vector<std::unique_ptr<Instance>> instances, std::chrono::steady_clock::time_point deadline,
                         bool drain_first) {
  std::vector<const InstanceConfig*> configs;
  for (const auto& instance : instances) configs.push_back(&instance->config());
  for (const auto& layer : stop_layers(configs)) {
    std::vector<Instance*> members, watched;
    for (const auto i : layer.members) members.push_back(instances[i].get());
    // A layer that breaks a cycle waits for the whole rest to drain, since what feeds it still runs.
    for (const auto& instance : instances)
      if (instance && (layer.breaks_cycle || std::find(members.begin(), members.end(), instance.get()) != members.end()))
        watched.push_back(instance.get());
    if (drain_first && !drained(watched, deadline)) {
      const auto ids = [](const std::vector<Instance*>& list, bool busy_only) {
        std::string text;
        for (auto* instance : list)
          if (!busy_only || !instance->idle()) text += (text.empty() ? "" : ", ") + instance->config().id;
        return text;
      };
      const auto busy = ids(watched, true);
      logger_->warn("stopping {} without a full drain: {} after stop_timeout ({} ms)", ids(members, false),
                    busy.empty() ? "messages were still arriving" : busy + " still had work",
                    loaded_->deployment.supervisor.stop_timeout.count());
    }
    for (auto* instance : members) instance->request_stop(deadline);
    for (const auto i : layer.members) {
      instances[i]->join();
      logger_->info("stopped {}", instances[i]->config().id);
      publish_lifecycle(lifecycle_kind::instance_stopped, instances[i]->config().id, instances[i]->plugin().name());
      instances[i].reset();
    }
  }
}

void Host::stop() {
  if (!bus_) return;
  const auto deadline = std::chrono::steady_clock::now() + loaded_->deployment.supervisor.stop_timeout;
  // Sources first, then each instance once everything feeding it has stopped and its input drained.
  stop_in_order(std::move(instances_), deadline, /*drain_first=*/true);
  instances_.clear();
  log_stats();
  isolation_folder_.reset();
  bus_.reset();
  loaded_.reset();  // libraries unload once the last object from them is gone
  logger_->info("stopped");
}

bool Host::reload(const std::filesystem::path& file, Diagnostics& diagnostics) {
  auto loaded = std::make_unique<LoadedDeployment>(load_deployment(file, diagnostics));
  log_diagnostics(*logger_, diagnostics);
  if (diagnostics.has_errors()) {
    logger_->error("reload refused: {} has errors; the running deployment is unchanged", file.string());
    std::string errors;
    for (const auto& d : diagnostics.items())
      if (d.severity == Severity::error) errors += (errors.empty() ? "" : "; ") + d.to_string();
    publish_lifecycle(lifecycle_kind::config_refused, file.string(), "the file has errors: " + errors);
    return false;
  }
  if (!same_bus_access(loaded->deployment.bus, loaded_->deployment.bus)) {
    logger_->warn("bus.listen, server_key, peers or protected_topics changed; the bus keeps '{}' and its peers "
                  "until the host restarts",
                  loaded_->deployment.bus.listen);
    keep_bus_access(loaded->deployment.bus, loaded_->deployment.bus);
  }
  set_log_level(forced_log_level_.empty() ? loaded->deployment.log.level : forced_log_level_);

  std::vector<std::unique_ptr<Instance>> kept, retired;
  for (auto& instance : instances_) {
    const auto* wanted = loaded->deployment.find(instance->config().id);
    const auto* plugin = wanted ? loaded->catalog.find(wanted->use) : nullptr;
    const bool same = plugin && Instance::fingerprint_of(*wanted, *plugin) == instance->fingerprint();
    (same ? kept : retired).push_back(std::move(instance));
  }
  instances_.clear();
  // In the data's direction, as at shutdown, but without waiting for input to drain: kept
  // instances may go on feeding a retired one. What is still queued for it is counted as dropped.
  stop_in_order(std::move(retired), std::chrono::steady_clock::now() + loaded_->deployment.supervisor.stop_timeout,
                /*drain_first=*/false);

  loaded_ = std::move(loaded);
  std::vector<Instance*> started;
  for (const auto& config : loaded_->deployment.instances) {
    const auto existing = std::find_if(kept.begin(), kept.end(), [&](const auto& i) { return i->config().id == config.id; });
    if (existing != kept.end()) {
      instances_.push_back(std::move(*existing));
      kept.erase(existing);
      continue;
    }
    instances_.push_back(make_instance(config, *loaded_->catalog.find(config.use)));
    started.push_back(instances_.back().get());
  }
  open_and_start(started);
  logger_->info("reloaded {}: {} instance(s) started, {} kept running", file.string(), started.size(),
                instances_.size() - started.size());
  publish_lifecycle(lifecycle_kind::reloaded, file.string(),
                    fmt::format("{} instance(s) started, {} kept running", started.size(), instances_.size() - started.size()));
  return true;
}

void Host::publish_lifecycle(const char* kind, std::string subject, std::string detail) {
  const auto& topic = loaded_->deployment.bus.lifecycle_topic;
  if (topic.empty()) return;
  LifecycleEvent event;
  event.at = now_utc();
  event.kind = kind;
  event.subject = std::move(subject);
  event.detail = std::move(detail);
  auto message = event.to_message();
  message.topic = topic;
  message.header[field::source] = "platebus";
  message.header[field::delivery] = "lossless";
  message.header[field::time] = to_iso8601(event.at);
  // Delivered like a peer's message (no "host" mark): the subscriber's queue counts it on arrival.
  router_.route(std::move(message));
}

void Host::log_stats() {
  for (const auto& [topic, counters] : stats_.snapshot()) {
    logger_->info("stats topic={} messages={} bytes={} drops={}", topic, counters.messages, counters.bytes,
                  counters.drops);
  }
}

}  // namespace platebus::host
