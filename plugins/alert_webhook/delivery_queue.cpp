#include "delivery_queue.hpp"

namespace platebus::alerts {

std::optional<std::string> DeliveryQueue::push(PendingAlert alert) {
  std::optional<std::string> dropped;
  {
    std::lock_guard lock(mutex_);
    if (alerts_.size() >= capacity_) {
      dropped = std::move(alerts_.front().hit_id);
      alerts_.pop_front();
    }
    alerts_.push_back(std::move(alert));
  }
  changed_.notify_one();
  return dropped;
}

std::optional<PendingAlert> DeliveryQueue::pop(std::chrono::steady_clock::time_point deadline) {
  std::unique_lock lock(mutex_);
  changed_.wait_until(lock, deadline, [this] { return closed_ || !alerts_.empty(); });
  if (alerts_.empty()) return std::nullopt;
  auto alert = std::move(alerts_.front());
  alerts_.pop_front();
  return alert;
}

void DeliveryQueue::close() {
  {
    std::lock_guard lock(mutex_);
    closed_ = true;
  }
  changed_.notify_all();
}

std::vector<PendingAlert> DeliveryQueue::take_all() {
  std::lock_guard lock(mutex_);
  std::vector<PendingAlert> rest(std::make_move_iterator(alerts_.begin()), std::make_move_iterator(alerts_.end()));
  alerts_.clear();
  return rest;
}

std::size_t DeliveryQueue::size() const {
  std::lock_guard lock(mutex_);
  return alerts_.size();
}

}  // namespace platebus::alerts
