#include "bus/flow_control.hpp"

#include <algorithm>

namespace platebus::host {

std::shared_ptr<SubscriptionSlot> FlowControl::add(SubscriptionSlot slot) {
  auto shared = std::make_shared<SubscriptionSlot>(std::move(slot));
  std::lock_guard lock(mutex_);
  slots_.push_back(shared);
  return shared;
}

void FlowControl::set_live(const std::shared_ptr<SubscriptionSlot>& slot) {
  std::lock_guard lock(mutex_);
  slot->live = true;
}

void FlowControl::remove(const std::shared_ptr<SubscriptionSlot>& slot) {
  {
    std::lock_guard lock(mutex_);
    slots_.erase(std::remove(slots_.begin(), slots_.end(), slot), slots_.end());
    slot->live = false;
  }
  room_.notify_all();
}

bool FlowControl::reserve(const std::string& topic, Delivery message_class, const std::function<bool()>& stopping,
                          const Reporter& report_wait) {
  std::unique_lock lock(mutex_);
  const auto takes = [&](const SubscriptionSlot& slot) {
    return slot.live && topic.starts_with(slot.prefix) && slot.effective(message_class) == Delivery::lossless;
  };
  const auto started = std::chrono::steady_clock::now();
  auto next_report = started + wait_warning_;
  while (true) {
    const SubscriptionSlot* full = nullptr;
    for (const auto& slot : slots_)
      if (takes(*slot) && slot->in_use >= slot->capacity) full = slot.get();
    if (!full) break;
    if (stopping()) return false;
    room_.wait_for(lock, std::chrono::milliseconds(50));
    const auto now = std::chrono::steady_clock::now();
    if (now >= next_report && full) {
      const auto name = full->instance + "." + full->port;
      next_report = now + wait_warning_;
      const auto waited = std::chrono::duration_cast<std::chrono::milliseconds>(now - started);
      lock.unlock();
      report_wait(name, waited);
      lock.lock();
    }
  }
  for (const auto& slot : slots_)
    if (takes(*slot)) ++slot->in_use;
  return true;
}

void FlowControl::take_unreserved(SubscriptionSlot& slot) {
  std::lock_guard lock(mutex_);
  ++slot.in_use;
}

void FlowControl::release(SubscriptionSlot& slot) {
  {
    std::lock_guard lock(mutex_);
    if (slot.in_use > 0) --slot.in_use;
  }
  room_.notify_all();
}

std::size_t FlowControl::in_use_total() const {
  std::lock_guard lock(mutex_);
  std::size_t total = 0;
  for (const auto& slot : slots_) total += slot->in_use;
  return total;
}

}  // namespace platebus::host
