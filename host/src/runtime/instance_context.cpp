#include "runtime/instance_context.hpp"

#include <fmt/format.h>

#include "bus/bus_sockets.hpp"
#include "bus/endpoints.hpp"
#include "platebus/time.hpp"
#include "platebus/wire.hpp"

namespace platebus::host {

namespace {
// Default queue sizes per subscription: frames are worth little once stale; lossless traffic is
// small and bursty.
constexpr std::size_t kLatestQueue = 4;
constexpr std::size_t kLosslessQueue = 256;

std::int64_t steady_now() { return std::chrono::steady_clock::now().time_since_epoch().count(); }

spdlog::level::level_enum spdlog_level(LogLevel level) {
  switch (level) {
    case LogLevel::trace: return spdlog::level::trace;
    case LogLevel::debug: return spdlog::level::debug;
    case LogLevel::info: return spdlog::level::info;
    case LogLevel::warn: return spdlog::level::warn;
    case LogLevel::error: return spdlog::level::err;
  }
  return spdlog::level::info;
}
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
      inbox_(bus_.flow, bus_.stats) {
  for (const auto& binding : config.publish) {
    const auto* port = plugin.port(binding.port);
    publications_[binding.port] = {binding.topic, binding.delivery.value_or(port ? port->delivery : Delivery::lossless)};
  }
}

InstanceContext::~InstanceContext() { close(); }

void InstanceContext::open() {
  if (!publications_.empty()) publisher_ = connect_publisher(bus_.zmq);
  if (subscriptions_.empty()) return;
  subscriber_ = connect_subscriber(bus_.zmq);
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
    subscriber_.set(zmq::sockopt::subscribe, binding.topic);
  }
  // Subscribed last: once a probe arrives, the bus has applied every subscription above.
  probe_topic_ = fmt::format("{}probe.{}.{}", kControlTopicPrefix, id_, static_cast<void*>(this));
  subscriber_.set(zmq::sockopt::subscribe, probe_topic_);
  receiver_ = std::thread([this] { receive_loop(); });
}

void InstanceContext::mark_live() {
  for (const auto& slot : slots_) bus_.flow.set_live(slot);
}

void InstanceContext::request_stop() {
  stopping_ = true;
  sleep_wake_.notify_all();
  inbox_.wake_all();
}

void InstanceContext::abandon_input() {
  abandoned_ = true;
  for (const auto& slot : slots_) bus_.flow.remove(slot);
  const auto discarded = inbox_.clear();
  if (discarded > 0) logger_->warn("discarded {} queued message(s): this instance has failed", discarded);
}

void InstanceContext::close() {
  receiver_stop_ = true;
  if (receiver_.joinable()) receiver_.join();
  for (const auto& slot : slots_) bus_.flow.remove(slot);
  slots_.clear();
  if (subscriber_) subscriber_.close();
  std::lock_guard lock(publish_mutex_);
  if (publisher_) publisher_.close();
}

bool InstanceContext::idle() const { return waiting_ && inbox_.empty(); }

std::chrono::steady_clock::time_point InstanceContext::last_arrival() const {
  return std::chrono::steady_clock::time_point(std::chrono::steady_clock::duration(last_arrival_.load()));
}

void InstanceContext::publish(std::string_view port, Message message) {
  const auto it = publications_.find(port);
  if (it == publications_.end()) {
    const auto* spec = plugin_.port(port);
    if (!spec || spec->direction != PortDirection::output) {
      throw std::invalid_argument(fmt::format("published on '{}', which plugin '{}' does not declare as an output port",
                                              port, plugin_.name()));
    }
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
  const auto report = [&](const std::string& subscriber, std::chrono::milliseconds waited) {
    logger_->warn("publishing on '{}' has waited {} ms for subscriber {}, which is not keeping up", publication.topic,
                  waited.count(), subscriber);
  };
  if (!bus_.flow.reserve(publication.topic, publication.delivery, [this] { return stopping_.load(); }, report)) return;
  std::lock_guard lock(publish_mutex_);
  header[field::seq] = ++sequence_[publication.topic];
  send_message(publisher_, publication.topic, message, zmq::send_flags::none, library_keepalive_);
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

void InstanceContext::log(LogLevel level, std::string_view text) { logger_->log(spdlog_level(level), "{}", text); }

void InstanceContext::receive_loop() {
  while (!receiver_stop_) {
    zmq::pollitem_t item{subscriber_.handle(), 0, ZMQ_POLLIN, 0};
    zmq::poll(&item, 1, std::chrono::milliseconds(100));
    if (!(item.revents & ZMQ_POLLIN)) continue;
    while (true) {
      // Whatever a peer on the bus sends, this thread must survive it.
      try {
        auto message = receive_message(subscriber_);
        if (!message) break;
        if (!message->topic.empty() && message->topic[0] == kControlTopicPrefix) {
          if (message->topic == probe_topic_) probe_seen_ = true;
          continue;
        }
        deliver(std::move(*message));
      } catch (const std::exception& e) {
        logger_->warn("dropped a malformed message: {}", e.what());
      }
    }
  }
}

void InstanceContext::deliver(Message message) {
  last_arrival_ = steady_now();
  count_sequence_gap(message);
  if (abandoned_) {
    bus_.stats.count_drops(message.topic, 1);
    return;
  }
  if (message.type().empty()) {
    logger_->warn("dropped a message on '{}' from '{}' whose header has no \"type\" text", message.topic,
                  message.source());
    bus_.stats.count_drops(message.topic, 1);
    return;
  }
  const auto text_field = [&](const char* name) {
    const auto it = message.header.find(name);
    return it != message.header.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  // Unknown or missing classes count as lossless: never drop what the sender may need kept.
  const Delivery message_class = text_field(field::delivery) == "latest" ? Delivery::latest : Delivery::lossless;
  const bool reserved = text_field("host") == bus_.host_id;
  std::vector<std::shared_ptr<SubscriptionSlot>> matching;
  for (const auto& slot : slots_)
    if (message.topic.starts_with(slot->prefix)) matching.push_back(slot);
  for (std::size_t i = 0; i < matching.size(); ++i) {
    const auto& slot = matching[i];
    const bool lossless = slot->effective(message_class) == Delivery::lossless;
    if (lossless && !reserved) bus_.flow.take_unreserved(*slot);
    inbox_.push(i + 1 == matching.size() ? std::move(message) : message, slot, lossless);
  }
}

void InstanceContext::count_sequence_gap(const Message& message) {
  const auto seq = message.header.find(field::seq);
  if (seq == message.header.end() || !seq->is_number_unsigned()) return;
  const auto current = seq->get<std::uint64_t>();
  auto& last = last_seen_sequence_[{message.source(), message.topic}];
  if (last != 0 && current > last + 1) {
    const auto lost = current - last - 1;
    bus_.stats.count_drops(message.topic, lost);
    logger_->debug("{} message(s) from '{}' on '{}' were dropped before reaching this instance", lost,
                   message.source(), message.topic);
  }
  last = current;  // a lower number means the publisher started over
}

}  // namespace platebus::host
