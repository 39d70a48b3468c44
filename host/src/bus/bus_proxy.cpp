#include "bus/bus_proxy.hpp"

#include <fmt/format.h>

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

BusProxy::BusProxy(zmq::context_t& context, const std::string& listen, TopicStats& stats)
    : listen_(listen),
      stats_(stats),
      frontend_(context, zmq::socket_type::xsub),
      backend_(context, zmq::socket_type::xpub),
      control_receiver_(context, zmq::socket_type::pair),
      control_sender_(context, zmq::socket_type::pair) {
  for (auto* socket : {&frontend_, &backend_, &control_receiver_, &control_sender_}) socket->set(zmq::sockopt::linger, 0);
  const auto control = fmt::format("inproc://platebus.bus.control.{}", static_cast<void*>(this));
  control_receiver_.bind(control);
  control_sender_.connect(control);

  frontend_.set(zmq::sockopt::rcvhwm, 0);
  backend_.set(zmq::sockopt::sndhwm, 0);  // local subscribers drain at once into bounded queues
  bind(frontend_, kInprocPublish);
  bind(backend_, kInprocSubscribe);
  if (!listen.empty()) {
    const auto external = external_endpoints(listen);
    backend_.set(zmq::sockopt::sndhwm, kRemoteSubscriberHighWaterMark);
    bind(backend_, external.subscribe);
    bind(frontend_, external.publish);
  }
  // Subscribe the XSUB side to everything: "\x01" followed by an empty prefix.
  const char subscribe_all = '\x01';
  frontend_.send(zmq::buffer(&subscribe_all, 1));
  thread_ = std::thread([this] { forward(); });
}

BusProxy::~BusProxy() {
  control_sender_.send(zmq::str_buffer("stop"));
  thread_.join();
}

void BusProxy::forward() {
  zmq::pollitem_t items[] = {{frontend_.handle(), 0, ZMQ_POLLIN, 0},
                             {backend_.handle(), 0, ZMQ_POLLIN, 0},
                             {control_receiver_.handle(), 0, ZMQ_POLLIN, 0}};
  while (true) {
    zmq::poll(items, 3, std::chrono::milliseconds(-1));
    if (items[2].revents & ZMQ_POLLIN) return;
    if (items[0].revents & ZMQ_POLLIN) {
      // Forward a batch, then look at subscriptions again, so a flood cannot starve them.
      for (int i = 0; i < 256 && (frontend_.get(zmq::sockopt::events) & ZMQ_POLLIN); ++i) forward_one_message();
    }
    if (items[1].revents & ZMQ_POLLIN) {
      // Subscriptions are applied by XPUB itself; read them only so they do not pile up.
      zmq::message_t subscription;
      while (backend_.recv(subscription, zmq::recv_flags::dontwait)) {
      }
    }
  }
}

void BusProxy::forward_one_message() {
  zmq::message_t part;
  if (!frontend_.recv(part, zmq::recv_flags::dontwait)) return;
  const bool control = part.size() > 0 && *static_cast<const char*>(part.data()) == kControlTopicPrefix;
  const std::string topic = control ? std::string() : part.to_string();
  std::uint64_t bytes = 0;
  bool more = part.more();
  backend_.send(part, more ? zmq::send_flags::sndmore : zmq::send_flags::none);
  while (more) {
    (void)frontend_.recv(part);  // the rest of a multipart message has already arrived
    more = part.more();
    bytes += part.size();
    backend_.send(part, more ? zmq::send_flags::sndmore : zmq::send_flags::none);
  }
  if (!control) stats_.count_message(topic, bytes);
}

}  // namespace platebus::host
