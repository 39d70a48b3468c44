#include "bus/bus_proxy.hpp"

#include <fmt/format.h>

#include "platebus/wire.hpp"

namespace platebus::host {

namespace {
// How many messages a remote subscriber may fall behind before ZeroMQ drops for it (counted by the
// subscriber through sequence gaps). Local subscribers are bounded by their own queues instead.
constexpr int kRemoteSubscriberHighWaterMark = 10'000;

void bind(zmq::socket_t& socket, const std::string& address) {
  try {
    socket.bind(address);
  } catch (const zmq::error_t& e) {
    throw std::runtime_error(fmt::format("cannot listen on {}: {}; choose another address in bus.listen or stop the "
                                         "process using it",
                                         address, e.what()));
  }
}
}  // namespace

BusProxy::BusProxy(zmq::context_t& context, const std::string& listen, TopicStats& stats, const LocalRouter& router,
                   std::shared_ptr<spdlog::logger> logger)
    : listen_(listen),
      stats_(stats),
      router_(router),
      logger_(std::move(logger)),
      frontend_(context, zmq::socket_type::xsub),
      remote_frontend_(context, zmq::socket_type::xsub),
      backend_(context, zmq::socket_type::xpub),
      control_receiver_(context, zmq::socket_type::pair),
      control_sender_(context, zmq::socket_type::pair) {
  for (auto* socket : {&frontend_, &remote_frontend_, &backend_, &control_receiver_, &control_sender_})
    socket->set(zmq::sockopt::linger, 0);
  const auto control = fmt::format("inproc://platebus.bus.control.{}", static_cast<void*>(this));
  control_receiver_.bind(control);
  control_sender_.connect(control);

  frontend_.set(zmq::sockopt::rcvhwm, 0);
  remote_frontend_.set(zmq::sockopt::rcvhwm, 0);
  backend_.set(zmq::sockopt::sndhwm, 1000);  // in-process tools; plugin instances are fed by the router
  bind(frontend_, kInprocPublish);
  bind(backend_, kInprocSubscribe);
  if (!listen.empty()) {
    const auto external = external_endpoints(listen);
    backend_.set(zmq::sockopt::sndhwm, kRemoteSubscriberHighWaterMark);
    bind(backend_, external.subscribe);
    bind(remote_frontend_, external.publish);
  }
  // Subscribe the XSUB sides to everything: "\x01" followed by an empty prefix.
  const char subscribe_all = '\x01';
  frontend_.send(zmq::buffer(&subscribe_all, 1));
  remote_frontend_.send(zmq::buffer(&subscribe_all, 1));
  thread_ = std::thread([this] { forward(); });
}

BusProxy::~BusProxy() {
  control_sender_.send(zmq::str_buffer("stop"));
  thread_.join();
}

void BusProxy::forward() {
  zmq::pollitem_t items[] = {{frontend_.handle(), 0, ZMQ_POLLIN, 0},
                             {remote_frontend_.handle(), 0, ZMQ_POLLIN, 0},
                             {backend_.handle(), 0, ZMQ_POLLIN, 0},
                             {control_receiver_.handle(), 0, ZMQ_POLLIN, 0}};
  const auto drain = [this](zmq::socket_t& from, bool from_outside) {
    // A batch at a time, then subscriptions and the other side again, so a flood starves nothing.
    for (int i = 0; i < 256 && (from.get(zmq::sockopt::events) & ZMQ_POLLIN); ++i) forward_one_message(from, from_outside);
  };
  while (true) {
    zmq::poll(items, 4, std::chrono::milliseconds(-1));
    if (items[3].revents & ZMQ_POLLIN) return;
    if (items[0].revents & ZMQ_POLLIN) drain(frontend_, false);
    if (items[1].revents & ZMQ_POLLIN) drain(remote_frontend_, true);
    if (items[2].revents & ZMQ_POLLIN) {
      // XPUB applies subscriptions itself; we only follow whether anyone subscribes at all.
      zmq::message_t subscription;
      while (backend_.recv(subscription, zmq::recv_flags::dontwait)) track_subscription(subscription);
    }
  }
}

void BusProxy::forward_one_message(zmq::socket_t& from, bool from_outside) {
  std::vector<zmq::message_t> frames;
  zmq::message_t part;
  if (!from.recv(part, zmq::recv_flags::dontwait)) return;
  frames.push_back(std::move(part));
  while (frames.back().more()) {
    (void)from.recv(part);  // the rest of a multipart message has already arrived
    frames.push_back(std::move(part));
  }
  const std::string topic = frames[0].to_string();
  std::uint64_t bytes = 0;
  for (std::size_t i = 0; i < frames.size(); ++i) {
    const auto flags = i + 1 < frames.size() ? zmq::send_flags::sndmore : zmq::send_flags::none;
    if (i > 1) bytes += frames[i].size();  // counters count the binary parts
    if (!from_outside) {
      backend_.send(frames[i], flags);  // this host's own: counted and routed by its publisher
      continue;
    }
    zmq::message_t copy;  // shares the bytes; the original goes on to the router
    copy.copy(frames[i]);
    backend_.send(copy, flags);
  }
  if (!from_outside || topic.empty() || topic[0] == kControlTopicPrefix) return;
  stats_.count_message(topic, bytes);
  if (!router_.wants(topic)) return;
  try {
    auto message = decode_message(std::move(frames));
    if (message.type().empty()) throw MessageError("its header has no \"type\" text");
    router_.route(std::move(message));
  } catch (const std::exception& e) {
    report_malformed(topic, e.what());
  }
}

void BusProxy::track_subscription(const zmq::message_t& subscription) {
  if (subscription.size() < 1) return;
  const auto* bytes = subscription.data<char>();
  const std::string prefix(bytes + 1, subscription.size() - 1);
  if (bytes[0] == 1) {
    subscribed_prefixes_.insert(prefix);
  } else if (bytes[0] == 0) {
    if (const auto it = subscribed_prefixes_.find(prefix); it != subscribed_prefixes_.end()) subscribed_prefixes_.erase(it);
  }
  outside_subscribers_ = !subscribed_prefixes_.empty();
}

void BusProxy::report_malformed(const std::string& topic, const char* what) {
  // A peer flooding bad messages must not flood the log too: one line a second at most.
  ++malformed_since_report_;
  stats_.count_drops(topic, 1);
  const auto now = std::chrono::steady_clock::now();
  if (now < next_malformed_report_) return;
  logger_->warn("dropped a malformed message on '{}': {} ({} dropped since the last report)", topic, what,
                malformed_since_report_);
  malformed_since_report_ = 0;
  next_malformed_report_ = now + std::chrono::seconds(1);
}

}  // namespace platebus::host
