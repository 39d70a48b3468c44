#pragma once
// The alerts waiting for the webhook, bounded: when it is full the oldest alert gives way to the
// newest (a fresh hit matters more than a stale one) and the caller is told which one went.
#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace platebus::alerts {

struct PendingAlert {
  std::string hit_id;
  std::string body;  // the JSON to post
};

class DeliveryQueue {
 public:
  explicit DeliveryQueue(std::size_t capacity) : capacity_(capacity) {}

  // Never waits. Returns the hit id of the alert dropped to make room, if one was.
  std::optional<std::string> push(PendingAlert alert);
  // The oldest alert, waiting until one arrives, `deadline` passes or close() is called.
  std::optional<PendingAlert> pop(std::chrono::steady_clock::time_point deadline);
  // Wakes pop() for good once the queue is empty.
  void close();
  // Takes what is left (for the stop log).
  std::vector<PendingAlert> take_all();
  std::size_t size() const;

 private:
  const std::size_t capacity_;
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<PendingAlert> alerts_;
  bool closed_ = false;
};

}  // namespace platebus::alerts
