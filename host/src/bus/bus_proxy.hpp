#pragma once
// The host's one bus: an XSUB socket that every publisher connects to and an XPUB socket that every
// subscriber connects to, joined by a forwarding thread. The XSUB side takes every topic, so a
// publisher never waits for a subscription to travel upstream; subscriptions are matched at XPUB.
#include <atomic>
#include <string>
#include <thread>

#include <zmq.hpp>

#include "bus/endpoints.hpp"
#include "bus/topic_stats.hpp"

namespace platebus::host {

class BusProxy {
 public:
  // Binds the inproc endpoints and, when `listen` is set, the external ones. Throws
  // std::runtime_error naming the address when a bind fails (e.g. the port is taken).
  BusProxy(zmq::context_t& context, const std::string& listen, TopicStats& stats);
  ~BusProxy();
  BusProxy(const BusProxy&) = delete;
  BusProxy& operator=(const BusProxy&) = delete;

  const std::string& listen() const { return listen_; }

 private:
  void forward();
  void forward_one_message();

  std::string listen_;
  TopicStats& stats_;
  zmq::socket_t frontend_;  // XSUB
  zmq::socket_t backend_;   // XPUB
  zmq::socket_t control_receiver_;
  zmq::socket_t control_sender_;
  std::thread thread_;
};

}  // namespace platebus::host
