#include "bus/inbox.hpp"

#include <algorithm>

namespace platebus::host {

void Inbox::push(Message message, const std::shared_ptr<SubscriptionSlot>& slot, bool lossless) {
  std::string dropped_topic;
  {
    std::lock_guard lock(mutex_);
    if (!lossless) {
      const auto queued = std::count_if(entries_.begin(), entries_.end(),
                                        [&](const Entry& e) { return e.slot == slot && !e.lossless; });
      if (static_cast<std::size_t>(queued) >= slot->capacity) {
        const auto oldest =
            std::find_if(entries_.begin(), entries_.end(), [&](const Entry& e) { return e.slot == slot && !e.lossless; });
        dropped_topic = oldest->message.topic;
        entries_.erase(oldest);
      }
    }
    entries_.push_back({std::move(message), slot, lossless});
  }
  if (!dropped_topic.empty()) {
    ++drops_;
    stats_.count_drops(dropped_topic, 1);
  }
  arrived_.notify_one();
}

std::optional<Message> Inbox::pop(std::chrono::milliseconds timeout, const std::atomic<bool>& stopping) {
  std::unique_lock lock(mutex_);
  if (!arrived_.wait_for(lock, timeout, [&] { return !entries_.empty() || stopping.load(); })) return std::nullopt;
  if (stopping.load() || entries_.empty()) return std::nullopt;
  Entry entry = std::move(entries_.front());
  entries_.pop_front();
  lock.unlock();
  if (entry.lossless) flow_.release(*entry.slot);
  // A subscription names its port; service requests carry their serve port already (one slot serves all).
  if (!entry.slot->port.empty()) entry.message.port = entry.slot->port;
  return std::move(entry.message);
}

std::map<std::string, std::size_t> Inbox::clear() {
  std::deque<Entry> dropped;
  {
    std::lock_guard lock(mutex_);
    dropped.swap(entries_);
  }
  std::map<std::string, std::size_t> per_topic;
  for (auto& entry : dropped) {
    if (entry.lossless) flow_.release(*entry.slot);
    stats_.count_drops(entry.message.topic, 1);
    ++per_topic[entry.message.topic];
  }
  drops_ += dropped.size();
  return per_topic;
}

void Inbox::wake_all() { arrived_.notify_all(); }

bool Inbox::empty() const {
  std::lock_guard lock(mutex_);
  return entries_.empty();
}

}  // namespace platebus::host
