#pragma once
// Lossless delivery inside one host: a publisher reserves room in every local subscriber queue that
// takes its topic losslessly before it sends, and waits while one is full. Memory stays bounded and
// nothing is dropped; a publisher that waits too long is reported with the subscriber it waits for.
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "platebus/descriptor.hpp"

namespace platebus::host {

struct SubscriptionSlot {
  std::string instance;
  std::string port;
  std::string prefix;
  std::optional<Delivery> delivery;  // set: forced for every message; unset: the message's class
  std::size_t capacity = 0;
  std::size_t in_use = 0;  // reserved by publishers or waiting in the queue; guarded by FlowControl
  bool live = false;       // the bus has confirmed the subscription; before that nothing reserves

  Delivery effective(Delivery message_class) const { return delivery.value_or(message_class); }
};

class FlowControl {
 public:
  explicit FlowControl(std::chrono::milliseconds wait_warning) : wait_warning_(wait_warning) {}

  std::shared_ptr<SubscriptionSlot> add(SubscriptionSlot slot);
  void set_live(const std::shared_ptr<SubscriptionSlot>& slot);
  // Removing wakes publishers waiting on the slot: they stop waiting for a subscriber that is gone.
  void remove(const std::shared_ptr<SubscriptionSlot>& slot);

  using Reporter = std::function<void(const std::string& subscriber, std::chrono::milliseconds waited)>;
  // Reserves one place in each live slot that takes `topic` losslessly, waiting for room. Returns
  // false, reserving nothing, when `stopping` turns true while waiting.
  bool reserve(const std::string& topic, Delivery message_class, const std::function<bool()>& stopping,
               const Reporter& report_wait);
  // A message arrived that no local publisher reserved (a remote peer's): count it as in use.
  void take_unreserved(SubscriptionSlot& slot);
  void release(SubscriptionSlot& slot);

  std::size_t in_use_total() const;

 private:
  mutable std::mutex mutex_;
  std::condition_variable room_;
  std::vector<std::shared_ptr<SubscriptionSlot>> slots_;
  std::chrono::milliseconds wait_warning_;
};

}  // namespace platebus::host
