#include "bus/bus_proxy.hpp"

#include <algorithm>
#include <filesystem>

#include <sys/stat.h>

#include <fmt/format.h>

#include "bus/curve_keys.hpp"
#include "bus/wire.hpp"

namespace platebus::host {

namespace {
// How many messages a remote subscriber may fall behind before ZeroMQ drops for it (counted by the
// subscriber through sequence gaps). Local subscribers are bounded by their own queues instead.
constexpr int kRemoteSubscriberHighWaterMark = 10'000;
constexpr const char* kZapDomain = "platebus";
// Set by the bus on every message from another process: who sent it (a peer's name, or "local").
constexpr const char* kPeerField = "peer";
constexpr const char* kLocalPeer = "local";

void bind(zmq::socket_t& socket, const std::string& address) {
  try {
    socket.bind(address);
  } catch (const zmq::error_t& e) {
    throw std::runtime_error(fmt::format("cannot listen on {}: {}; choose another address in bus.listen or stop the "
                                         "process using it",
                                         address, e.what()));
  }
}

// An ipc socket is as private as its folder: create it 0700, and refuse one that others may open.
void require_private_folder(const std::string& listen) {
  const auto folder = std::filesystem::path(listen.substr(6)).parent_path();
  if (folder.empty()) return;
  std::error_code error;
  if (!std::filesystem::exists(folder, error)) {
    std::filesystem::create_directories(folder, error);
    std::filesystem::permissions(folder, std::filesystem::perms::owner_all, error);
  }
  struct stat status {};
  if (::stat(folder.c_str(), &status) != 0)
    throw std::runtime_error(fmt::format("cannot create the bus socket's folder '{}'; point bus.listen at a folder "
                                         "this account may write",
                                         folder.string()));
  if (status.st_mode & (S_IRWXG | S_IRWXO))
    throw std::runtime_error(fmt::format("the bus socket's folder '{}' may be opened by other users (mode {:o}), who "
                                         "could then read and publish on the bus; run chmod 700 '{}' or choose a "
                                         "private folder",
                                         folder.string(), status.st_mode & 0777, folder.string()));
}

// The name the ZAP handler gave the message's sender, or "" where no handler ran (ipc, plain tcp).
std::string user_id(zmq::message_t& message) {
  const char* value = zmq_msg_gets(message.handle(), "User-Id");
  return value ? value : "";
}

std::vector<std::string> protected_topics(const BusConfig& bus) {
  auto topics = bus.protected_topics;
  if (!bus.lifecycle_topic.empty()) topics.push_back(bus.lifecycle_topic);
  return topics;
}

void set_common_options(zmq::socket_t& socket) { socket.set(zmq::sockopt::linger, 0); }
}  // namespace

BusProxy::BusProxy(zmq::context_t& context, const BusConfig& bus, TopicStats& stats, const LocalRouter& router,
                   std::shared_ptr<spdlog::logger> logger)
    : listen_(bus.listen),
      stats_(stats),
      router_(router),
      logger_(std::move(logger)),
      protected_topics_(protected_topics(bus)),
      local_grants_(bus.local_grants),
      frontend_(context, zmq::socket_type::xsub),
      remote_frontend_(context, zmq::socket_type::xsub),
      backend_(context, zmq::socket_type::xpub),
      remote_backend_(context, zmq::socket_type::xpub),
      control_receiver_(context, zmq::socket_type::pair),
      control_sender_(context, zmq::socket_type::pair) {
  for (auto* socket : {&frontend_, &remote_frontend_, &backend_, &remote_backend_, &control_receiver_, &control_sender_})
    set_common_options(*socket);
  const auto control = fmt::format("inproc://platebus.bus.control.{}", static_cast<void*>(this));
  control_receiver_.bind(control);
  control_sender_.connect(control);

  frontend_.set(zmq::sockopt::rcvhwm, 0);
  backend_.set(zmq::sockopt::sndhwm, 1000);  // in-process tools; plugin instances are fed by the router
  bind(frontend_, kInprocPublish);
  bind(backend_, kInprocSubscribe);
  if (!listen_.empty()) open_external(context, bus);
  // Subscribe the XSUB sides to everything: "\x01" followed by an empty prefix.
  const char subscribe_all = '\x01';
  frontend_.send(zmq::buffer(&subscribe_all, 1));
  if (!listen_.empty()) remote_frontend_.send(zmq::buffer(&subscribe_all, 1));
  thread_ = std::thread([this] { forward(); });
}

void BusProxy::open_external(zmq::context_t& context, const BusConfig& bus) {
  if (listen_.starts_with("ipc://")) require_private_folder(listen_);
  if (!bus.server_key.empty()) {
    const auto server = read_key_pair_file(bus.server_key);
    std::map<std::string, std::string> allowed;
    for (const auto& peer : bus.peers) {
      allowed[raw_key(peer.public_key)] = peer.name;
      peer_grants_[peer.name] = peer.grants;
    }
    zap_ = std::make_unique<ZapHandler>(context, std::move(allowed));
    for (auto* socket : {&remote_frontend_, &remote_backend_}) {
      socket->set(zmq::sockopt::curve_server, 1);
      socket->set(zmq::sockopt::curve_secretkey, server.secret_key);
      socket->set(zmq::sockopt::zap_domain, kZapDomain);
    }
  }
  remote_frontend_.set(zmq::sockopt::rcvhwm, 0);
  remote_backend_.set(zmq::sockopt::sndhwm, kRemoteSubscriberHighWaterMark);
  remote_backend_.set(zmq::sockopt::xpub_manual, 1);  // every subscription is checked before it applies
  const auto external = external_endpoints(listen_);
  bind(remote_backend_, external.subscribe);
  bind(remote_frontend_, external.publish);
}

BusProxy::~BusProxy() {
  control_sender_.send(zmq::str_buffer("stop"));
  thread_.join();
}

void BusProxy::forward() {
  std::vector<zmq::pollitem_t> items = {{frontend_.handle(), 0, ZMQ_POLLIN, 0},
                                        {backend_.handle(), 0, ZMQ_POLLIN, 0},
                                        {control_receiver_.handle(), 0, ZMQ_POLLIN, 0}};
  if (!listen_.empty()) {
    items.push_back({remote_frontend_.handle(), 0, ZMQ_POLLIN, 0});
    items.push_back({remote_backend_.handle(), 0, ZMQ_POLLIN, 0});
  }
  if (zap_) items.push_back({zap_->socket().handle(), 0, ZMQ_POLLIN, 0});
  // A batch at a time, then subscriptions and the other side again, so a flood starves nothing.
  const auto drain = [](zmq::socket_t& from, auto&& one) {
    for (int i = 0; i < 256 && (from.get(zmq::sockopt::events) & ZMQ_POLLIN); ++i) one();
  };
  while (true) {
    zmq::poll(items.data(), items.size(), std::chrono::milliseconds(-1));
    if (items[2].revents & ZMQ_POLLIN) return;
    if (items[0].revents & ZMQ_POLLIN) drain(frontend_, [this] { forward_local(); });
    if (items[1].revents & ZMQ_POLLIN) {
      // XPUB applies in-process tools' subscriptions itself; we only follow whether anyone subscribes.
      zmq::message_t subscription;
      while (backend_.recv(subscription, zmq::recv_flags::dontwait)) track_subscription(subscription);
    }
    if (listen_.empty()) continue;
    if (items[3].revents & ZMQ_POLLIN) drain(remote_frontend_, [this] { forward_remote(); });
    if (items[4].revents & ZMQ_POLLIN) drain(remote_backend_, [this] { take_remote_subscription(); });
    if (zap_ && (items[5].revents & ZMQ_POLLIN)) {
      if (const auto refused = zap_->answer_one(); !refused.empty()) {
        ++refusals_.connections;
        report(fmt::format("refused a bus connection from {}: its CURVE key is not in bus.peers", refused));
      }
    }
  }
}

namespace {
std::vector<zmq::message_t> receive_frames(zmq::socket_t& from) {
  std::vector<zmq::message_t> frames;
  zmq::message_t part;
  if (!from.recv(part, zmq::recv_flags::dontwait)) return frames;
  frames.push_back(std::move(part));
  while (frames.back().more()) {
    (void)from.recv(part);  // the rest of a multipart message has already arrived
    frames.push_back(std::move(part));
  }
  return frames;
}
}  // namespace

bool BusProxy::is_protected(const zmq::message_t& topic) const {
  const std::string_view name(topic.data<char>(), topic.size());
  return std::any_of(protected_topics_.begin(), protected_topics_.end(),
                     [&](const std::string& prefix) { return name.starts_with(prefix); });
}

void BusProxy::send_to_subscribers(std::vector<zmq::message_t>& frames) {
  // The audit trail's topics never leave this host over the bus: people read them through the API.
  const bool to_other_processes = !listen_.empty() && !is_protected(frames[0]);
  for (std::size_t i = 0; i < frames.size(); ++i) {
    const auto flags = i + 1 < frames.size() ? zmq::send_flags::sndmore : zmq::send_flags::none;
    if (to_other_processes) {
      zmq::message_t copy;  // shares the bytes
      copy.copy(frames[i]);
      remote_backend_.send(copy, flags);
    }
    backend_.send(frames[i], flags);
  }
}

void BusProxy::forward_local() {
  auto frames = receive_frames(frontend_);
  if (!frames.empty()) send_to_subscribers(frames);  // this host's own: counted and routed by its publisher
}

void BusProxy::forward_remote() {
  auto frames = receive_frames(remote_frontend_);
  if (frames.empty()) return;
  const std::string topic = frames[0].to_string();
  const auto peer = user_id(frames[0]);
  if (topic.empty() || topic[0] == kControlTopicPrefix) return;
  if (!grants_cover(grants_of(peer).publish, topic, protected_topics_)) {
    ++refusals_.messages;
    stats_.count_drops(topic, 1);
    report(fmt::format("refused a message on '{}' from bus peer '{}': its grants do not allow publishing there", topic,
                       peer.empty() ? kLocalPeer : peer));
    return;
  }
  std::uint64_t bytes = 0;
  for (std::size_t i = 2; i < frames.size(); ++i) bytes += frames[i].size();  // counters count the binary parts
  stats_.count_message(topic, bytes);
  Message message;
  try {
    message = decode_message(std::move(frames));
    if (message.type().empty()) throw MessageError("its header has no \"type\" text");
  } catch (const std::exception& e) {
    stats_.count_drops(topic, 1);
    report(fmt::format("dropped a malformed message on '{}': {}", topic, e.what()));
    return;
  }
  // Whoever reads it learns which peer sent it, whatever the peer wrote there itself.
  message.header[kPeerField] = peer.empty() ? kLocalPeer : peer;
  auto forwarded = encode_message(topic, message);
  send_to_subscribers(forwarded);
  if (router_.wants(topic)) router_.route(std::move(message));
}

void BusProxy::take_remote_subscription() {
  zmq::message_t subscription;
  if (!remote_backend_.recv(subscription, zmq::recv_flags::dontwait) || subscription.size() < 1) return;
  const auto* bytes = subscription.data<char>();
  const std::string prefix(bytes + 1, subscription.size() - 1);
  const bool subscribe = bytes[0] == 1;
  if (bytes[0] != 0 && !subscribe) return;
  const char* sender = zmq_msg_gets(subscription.handle(), "User-Id");
  // An unsubscription without a sender comes from a peer that left: it only ever held granted ones.
  const bool granted = (!subscribe && !sender) || grants_cover(grants_of(sender ? sender : "").subscribe, prefix, {});
  if (!granted) {
    if (subscribe) {
      ++refusals_.subscriptions;
      report(fmt::format("refused a subscription to '{}' from bus peer '{}': its grants do not cover it (subscribe "
                         "to a granted prefix or one under it)",
                         prefix, sender && *sender ? sender : kLocalPeer));
    }
    return;
  }
  if (subscribe) remote_backend_.set(zmq::sockopt::subscribe, prefix);
  else remote_backend_.set(zmq::sockopt::unsubscribe, prefix);
  track_subscription(subscription);
}

const TopicGrants& BusProxy::grants_of(const std::string& peer) const {
  static const TopicGrants kNone;
  if (peer.empty()) return zap_ ? kNone : local_grants_;  // with CURVE, every peer has a name
  const auto it = peer_grants_.find(peer);
  return it == peer_grants_.end() ? kNone : it->second;
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

void BusProxy::report(const std::string& what) {
  ++unreported_;
  const auto now = std::chrono::steady_clock::now();
  if (now < next_report_) return;
  logger_->warn("{} ({} refused or dropped since the last report)", what, unreported_);
  unreported_ = 0;
  next_report_ = now + std::chrono::seconds(1);
}

}  // namespace platebus::host
