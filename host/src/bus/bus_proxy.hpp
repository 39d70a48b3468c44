#pragma once
// The host's one bus. A publishing instance hands each message to the local router itself (so
// instances here get it without a thread hop) and sends it to this proxy's inproc XSUB side, which
// forwards it to the XPUB side for subscribers in other processes and tools. With `bus.listen`, a
// second XSUB side takes what other processes publish, and the proxy forwards that both to the
// XPUB side and to the local router. The XSUB sides take every topic, so a publisher never waits
// for a subscription to travel upstream.
#include <atomic>
#include <set>
#include <string>
#include <thread>

#include <spdlog/logger.h>
#include <zmq.hpp>

#include "bus/endpoints.hpp"
#include "bus/local_router.hpp"
#include "bus/topic_stats.hpp"

namespace platebus::host {

class BusProxy {
 public:
  // Binds the inproc endpoints and, when `listen` is set, the external ones. Throws
  // std::runtime_error naming the address when a bind fails (e.g. the port is taken).
  BusProxy(zmq::context_t& context, const std::string& listen, TopicStats& stats, const LocalRouter& router,
           std::shared_ptr<spdlog::logger> logger);
  ~BusProxy();
  BusProxy(const BusProxy&) = delete;
  BusProxy& operator=(const BusProxy&) = delete;

  const std::string& listen() const { return listen_; }
  // Whether anything outside this host's instances (another process, a tap) subscribes at all:
  // publishers skip serialising for the proxy while nobody does.
  const std::atomic<bool>& outside_subscribers() const { return outside_subscribers_; }

 private:
  void forward();
  // Moves one message from `from` to the XPUB side, and to the local router when it came from
  // another process.
  void forward_one_message(zmq::socket_t& from, bool from_outside);
  void report_malformed(const std::string& topic, const char* what);
  void track_subscription(const zmq::message_t& subscription);

  std::string listen_;
  TopicStats& stats_;
  const LocalRouter& router_;
  std::shared_ptr<spdlog::logger> logger_;
  std::chrono::steady_clock::time_point next_malformed_report_{};
  std::uint64_t malformed_since_report_ = 0;
  std::multiset<std::string> subscribed_prefixes_;  // proxy thread only
  std::atomic<bool> outside_subscribers_{false};
  zmq::socket_t frontend_;         // XSUB: this host's publishers
  zmq::socket_t remote_frontend_;  // XSUB: other processes' publishers (with bus.listen)
  zmq::socket_t backend_;   // XPUB
  zmq::socket_t control_receiver_;
  zmq::socket_t control_sender_;
  std::thread thread_;
};

}  // namespace platebus::host
