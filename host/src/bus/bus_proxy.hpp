#pragma once
// The host's one bus. A publishing instance hands each message to the local router itself (so
// instances here get it without a thread hop) and sends it to this proxy's inproc XSUB side, which
// forwards it to the XPUB sides for tools in this process and for subscribers in other processes.
// With `bus.listen`, a second XSUB side takes what other processes publish, and the proxy forwards
// that both to the XPUB sides and to the local router. The XSUB sides take every topic, so a
// publisher never waits for a subscription to travel upstream.
//
// Other processes are trusted only as far as the deployment says (docs/security.md): on tcp each
// peer proves a CURVE key from bus.peers, and every peer's subscriptions and publications are
// checked against its grants; what is refused is counted and logged, never forwarded. Protected
// topics (the audit trail's) never go out to other processes, and come in only from a peer granted
// them by name.
#include <atomic>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <thread>

#include <spdlog/logger.h>
#include <zmq.hpp>

#include "bus/endpoints.hpp"
#include "bus/local_router.hpp"
#include "bus/topic_stats.hpp"
#include "bus/zap_handler.hpp"
#include "config/deployment.hpp"

namespace platebus::host {

// What the bus refused from other processes since it started.
struct BusRefusals {
  std::atomic<std::uint64_t> connections{0};    // unknown CURVE keys
  std::atomic<std::uint64_t> subscriptions{0};  // outside the peer's grants
  std::atomic<std::uint64_t> messages{0};       // published outside the peer's grants
};

class BusProxy {
 public:
  // Binds the inproc endpoints and, when `bus.listen` is set, the external ones. Throws
  // std::runtime_error naming the address when a bind fails (e.g. the port is taken), and for an
  // ipc socket whose folder other users may open.
  BusProxy(zmq::context_t& context, const BusConfig& bus, TopicStats& stats, const LocalRouter& router,
           std::shared_ptr<spdlog::logger> logger);
  ~BusProxy();
  BusProxy(const BusProxy&) = delete;
  BusProxy& operator=(const BusProxy&) = delete;

  const std::string& listen() const { return listen_; }
  // Whether anything outside this host's instances (another process, a tap) subscribes at all:
  // publishers skip serialising for the proxy while nobody does.
  const std::atomic<bool>& outside_subscribers() const { return outside_subscribers_; }
  const BusRefusals& refusals() const { return refusals_; }

 private:
  void open_external(zmq::context_t& context, const BusConfig& bus);
  void forward();
  void forward_local();
  void forward_remote();
  void send_to_subscribers(std::vector<zmq::message_t>& frames);
  void take_remote_subscription();
  void track_subscription(const zmq::message_t& subscription);
  bool is_protected(const zmq::message_t& topic) const;
  const TopicGrants& grants_of(const std::string& peer) const;
  // One warning a second at most, however fast a peer misbehaves.
  void report(const std::string& what);

  std::string listen_;
  TopicStats& stats_;
  const LocalRouter& router_;
  std::shared_ptr<spdlog::logger> logger_;
  std::vector<std::string> protected_topics_;
  TopicGrants local_grants_;
  std::map<std::string, TopicGrants> peer_grants_;  // by peer name (the CURVE User-Id)
  BusRefusals refusals_;
  std::chrono::steady_clock::time_point next_report_{};
  std::uint64_t unreported_ = 0;
  std::multiset<std::string> subscribed_prefixes_;  // proxy thread only
  std::atomic<bool> outside_subscribers_{false};
  std::unique_ptr<ZapHandler> zap_;  // on tcp with CURVE
  zmq::socket_t frontend_;           // XSUB: this host's publishers
  zmq::socket_t remote_frontend_;    // XSUB: other processes' publishers (with bus.listen)
  zmq::socket_t backend_;            // XPUB: tools in this process
  zmq::socket_t remote_backend_;     // XPUB, subscriptions applied by hand: other processes
  zmq::socket_t control_receiver_;
  zmq::socket_t control_sender_;
  std::thread thread_;
};

}  // namespace platebus::host
