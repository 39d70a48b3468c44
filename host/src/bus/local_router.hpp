#pragma once
// Hands each message the bus forwards to the local subscriptions whose prefix matches, on the bus
// thread itself: one decode per message, and no socket or thread per subscriber. Subscriptions are
// added before their instance starts, so nothing published after that can miss them.
#include <cstdint>
#include <functional>
#include <memory>
#include <shared_mutex>
#include <vector>

#include "bus/flow_control.hpp"
#include "platebus/message.hpp"

namespace platebus::host {

class LocalRouter {
 public:
  using Deliver = std::function<void(Message, const std::shared_ptr<SubscriptionSlot>&)>;
  struct Route {
    std::shared_ptr<SubscriptionSlot> slot;  // its prefix decides what it takes
    Deliver deliver;
  };

  // Returns a token for remove().
  std::uint64_t add(std::vector<Route> routes);
  void remove(std::uint64_t token);
  // Delivers `message` to every matching route; the last one gets the original, the others copies
  // that share the parts' bytes.
  void route(Message message) const;
  // Whether any route takes `topic`: the bus skips decoding what no local instance wants.
  bool wants(const std::string& topic) const;

 private:
  struct Registered {
    std::uint64_t token;
    Route route;
  };
  mutable std::shared_mutex mutex_;
  std::vector<Registered> routes_;
  std::uint64_t next_token_ = 1;
};

}  // namespace platebus::host
