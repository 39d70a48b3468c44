#include "runtime/instance_context.hpp"

#include <fmt/format.h>

#include "bus/bus_sockets.hpp"
#include "config/plugin_checks.hpp"
#include "bus/endpoints.hpp"
#include "platebus/time.hpp"
#include "bus/wire.hpp"
#include "runtime/logging.hpp"

namespace platebus::host {

namespace {
// Default queue sizes per subscription: frames are worth little once stale; lossless traffic is
// small and bursty.
constexpr std::size_t kLatestQueue = 4;
constexpr std::size_t kLosslessQueue = 256;
// Requests waiting for a provider: each caller waits for its answer, so this many is plenty.
constexpr std::size_t kQueuedRequests = 1024;

std::int64_t steady_now() { return std::chrono::steady_clock::now().time_since_epoch().count(); }
}  // namespace

InstanceContext::InstanceContext(const InstanceConfig& config, const PluginLibrary& plugin, BusAccess bus,
                                 std::shared_ptr<spdlog::logger> logger)
    : id_(config.id),
      settings_(config.settings),
      library_keepalive_(plugin.library),
      plugin_(plugin),
      bus_(std::move(bus)),
      logger_(std::move(logger)),
      subscriptions_(config.subscribe),
      config_serve_(config.serve),
      inbox_(bus_.flow, bus_.stats) {
  for (const auto& binding : config.call) calls_[binding.port] = binding.topic;
  for (const auto& binding : config.publish) {
    const auto* port = plugin.port(binding.port);
    publications_[binding.port] = {binding.topic, binding.delivery.value_or(port ? port->delivery : Delivery::lossless)};
  }
}

InstanceContext::~InstanceContext() { close(); }

void InstanceContext::open() {
  if (!publications_.empty()) publisher_ = connect_publisher(bus_.zmq);
  open_services();
  if (subscriptions_.empty()) return;
  std::vector<LocalRouter::Route> routes;
  for (const auto& binding : subscriptions_) {
    SubscriptionSlot slot;
    slot.instance = id_;
    slot.port = binding.port;
    slot.prefix = binding.topic;
    slot.delivery = binding.delivery;
    const auto* port = plugin_.port(binding.port);
    const bool latest = binding.delivery.value_or(port ? port->delivery : Delivery::lossless) == Delivery::latest;
    slot.capacity = binding.queue ? binding.queue : (latest ? kLatestQueue : kLosslessQueue);
    slots_.push_back(bus_.flow.add(std::move(slot)));
    routes.push_back({slots_.back(), [this](Message message, const std::shared_ptr<SubscriptionSlot>& target) {
                        deliver(std::move(message), target);
                      }});
  }
  route_token_ = bus_.router.add(std::move(routes));
  // Live only now: a publisher that reserves room from here on is sure its message gets here.
  for (const auto& slot : slots_) bus_.flow.set_live(slot);
}

void InstanceContext::open_services() {
  if (config_serve_.empty()) return;
  SubscriptionSlot slot;
  slot.instance = id_;
  slot.port = "";  // each request keeps the serve port it came in on
  slot.capacity = kQueuedRequests;
  requests_slot_ = std::make_shared<SubscriptionSlot>(slot);
  for (const auto& binding : config_serve_) {
    service_tokens_.push_back(bus_.services.offer(binding.topic, id_, [this, port = binding.port](Message request) {
      request.port = port;
      request.topic = "service:" + request.text(field::service);
      inbox_.push(std::move(request), requests_slot_, /*lossless=*/false);
    }));
  }
}

void InstanceContext::require_declared(std::string_view port, PortDirection direction) const {
  const auto* spec = plugin_.port(port);
  if (!spec || spec->direction != direction) {
    // A plugin bug, not a deployment's: its own descriptor does not have this port.
    throw std::invalid_argument(fmt::format("used port '{}', which plugin '{}' does not declare as a {} port", port,
                                            plugin_.name(), to_string(direction)));
  }
}

void InstanceContext::set_services_up(bool up) {
  for (const auto token : service_tokens_) bus_.services.set_up(token, up);
}

Reply InstanceContext::call(std::string_view port, Message request, std::chrono::milliseconds deadline) {
  const auto it = calls_.find(port);
  if (it == calls_.end()) {
    require_declared(port, PortDirection::call);
    return Reply::failure(ServiceStatus::unavailable,
                          fmt::format("call port '{}' of instance '{}' is not mapped to a service; add call: {{{}: "
                                      "SERVICE}} to the deployment",
                                      port, id_, port));
  }
  if (request.type().empty()) return Reply::failure(ServiceStatus::invalid, "the request has no \"type\"");
  request.header[field::source] = id_;
  if (!request.header.contains(field::time)) request.header[field::time] = to_iso8601(now_utc());
  return bus_.services.call(it->second, std::move(request), deadline);
}

void InstanceContext::reply(const Message& request, Reply reply) {
  if (!request.is_request())
    throw std::invalid_argument("reply() takes a request that receive() delivered on a serve port");
  bus_.services.answer(request.request_id, std::move(reply));
}

void InstanceContext::request_stop(std::chrono::steady_clock::time_point give_up) {
  give_up_ = give_up.time_since_epoch().count();
  stopping_ = true;
  sleep_wake_.notify_all();
  inbox_.wake_all();
}

void InstanceContext::abandon_input() {
  abandoned_ = true;
  for (const auto& slot : slots_) bus_.flow.remove(slot);
  std::size_t discarded = 0;
  for (const auto& [topic, count] : inbox_.clear()) discarded += count;
  if (discarded > 0) logger_->warn("discarded {} queued message(s): this instance has failed", discarded);
}

void InstanceContext::end_work() {
  if (work_in_hand_.fetch_sub(1) > 0) return;
  work_in_hand_ = 0;
  logger_->warn("end_work() was called more often than begin_work(); the plugin's count of work in hand is wrong");
}

void InstanceContext::report_stop_drops(const std::map<std::string, std::size_t>& per_topic, std::string_view how) {
  for (const auto& [topic, count] : per_topic)
    logger_->warn("dropped {} message(s) on '{}' at stop: {}", count, topic, how);
}

void InstanceContext::close() {
  for (const auto token : service_tokens_) bus_.services.withdraw(token);
  service_tokens_.clear();
  for (const auto& slot : slots_) bus_.flow.remove(slot);
  if (route_token_) bus_.router.remove(route_token_);
  route_token_ = 0;
  slots_.clear();
  // Off the router now, so nothing arrives after this count.
  report_stop_drops(inbox_.clear(), "still queued for this instance when it stopped");
  {
    std::lock_guard lock(unsent_mutex_);
    report_stop_drops(unsent_at_stop_, "published while stopping; a subscriber had no room before stop_timeout");
    unsent_at_stop_.clear();
  }
  std::lock_guard lock(publish_mutex_);
  if (publisher_) publisher_.close();
}

bool InstanceContext::idle() const { return waiting_ && inbox_.empty() && work_in_hand_ == 0; }

std::chrono::steady_clock::time_point InstanceContext::last_arrival() const {
  return std::chrono::steady_clock::time_point(std::chrono::steady_clock::duration(last_arrival_.load()));
}

void InstanceContext::publish(std::string_view port, Message message) {
  const auto it = publications_.find(port);
  if (it == publications_.end()) {
    require_declared(port, PortDirection::output);
    return;  // a declared port the deployment does not wire: nobody wants it
  }
  if (message.type().empty()) {
    throw std::invalid_argument(fmt::format("published a message with no \"type\" on port '{}'", port));
  }
  const auto& publication = it->second;
  auto& header = message.header;
  header[field::source] = id_;
  if (!header.contains(field::time)) header[field::time] = to_iso8601(now_utc());
  header[field::delivery] = to_string(publication.delivery);
  header["host"] = bus_.host_id;
  header.erase("peer");  // the bus sets it on what other processes send; an instance here is no peer
  const auto report = [&](const std::string& subscriber, std::chrono::milliseconds waited) {
    logger_->warn("publishing on '{}' has waited {} ms for subscriber {}, which is not keeping up", publication.topic,
                  waited.count(), subscriber);
  };
  const auto give_up = [this] { return stopping_ && steady_now() >= give_up_.load(); };
  if (!bus_.flow.reserve(publication.topic, publication.delivery, give_up, report)) {
    bus_.stats.count_drops(publication.topic, 1);
    std::lock_guard lock(unsent_mutex_);
    ++unsent_at_stop_[publication.topic];
    return;
  }
  std::lock_guard lock(publish_mutex_);
  header[field::seq] = ++sequence_[publication.topic];
  // Instances of this host get the message straight away, in publish order, as ZeroMQ messages that
  // share the parts' bytes. Only when something outside listens is it serialised for the proxy.
  const bool outside = bus_.outside_subscribers.load();
  auto parts = encode_parts(message, library_keepalive_);
  std::vector<zmq::message_t> frames;
  if (outside) {
    frames.emplace_back(publication.topic.data(), publication.topic.size());
    const auto text = message.header.dump();
    frames.emplace_back(text.data(), text.size());
  }
  message.topic = publication.topic;
  std::uint64_t bytes = 0;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    auto shared = std::make_shared<zmq::message_t>();
    shared->copy(parts[i]);
    bytes += shared->size();
    message.parts[i] = Blob{shared, static_cast<const std::byte*>(shared->data()), shared->size()};
    if (outside) frames.push_back(std::move(parts[i]));
  }
  bus_.stats.count_message(publication.topic, bytes);
  bus_.router.route(std::move(message));
  for (std::size_t i = 0; i < frames.size(); ++i)
    publisher_.send(frames[i], i + 1 < frames.size() ? zmq::send_flags::sndmore : zmq::send_flags::none);
}

bool InstanceContext::is_published(std::string_view port) const { return publications_.contains(port); }

std::optional<Message> InstanceContext::receive(std::chrono::milliseconds timeout) {
  waiting_ = true;
  auto message = inbox_.pop(timeout, stopping_);
  if (message) waiting_ = false;
  return message;
}

bool InstanceContext::sleep_for(std::chrono::milliseconds duration) {
  std::unique_lock lock(sleep_mutex_);
  return !sleep_wake_.wait_for(lock, duration, [this] { return stopping_.load(); });
}

void InstanceContext::log(LogLevel level, std::string_view text) { logger_->log(to_spdlog(level), "{}", text); }

void InstanceContext::deliver(Message message, const std::shared_ptr<SubscriptionSlot>& slot) {
  last_arrival_ = steady_now();
  if (abandoned_) {
    bus_.stats.count_drops(message.topic, 1);
    return;
  }
  // Unknown or missing classes count as lossless: never drop what the sender may need kept.
  const Delivery message_class = message.text(field::delivery) == "latest" ? Delivery::latest : Delivery::lossless;
  const bool lossless = slot->effective(message_class) == Delivery::lossless;
  // A peer in another process reserved nothing: its message takes a place of its own.
  if (lossless && message.text("host") != bus_.host_id) bus_.flow.take_unreserved(*slot);
  inbox_.push(std::move(message), slot, lossless);
}

}  // namespace platebus::host
