#pragma once
// One instance's received messages, waiting for its thread. Each subscription has a bounded share:
// a `latest` subscription drops its oldest message when full (counted); a `lossless` one is never
// full because publishers reserved its room (see flow_control.hpp).
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include "bus/flow_control.hpp"
#include "bus/topic_stats.hpp"
#include "platebus/message.hpp"

namespace platebus::host {

class Inbox {
 public:
  Inbox(FlowControl& flow, TopicStats& stats) : flow_(flow), stats_(stats) {}

  // `lossless` says the message holds a place in the slot's lossless budget.
  void push(Message message, const std::shared_ptr<SubscriptionSlot>& slot, bool lossless);
  std::optional<Message> pop(std::chrono::milliseconds timeout, const std::atomic<bool>& stopping);
  void wake_all();
  // Empties the queue, giving back lossless places and counting each message as dropped; returns
  // how many were dropped, per topic.
  std::map<std::string, std::size_t> clear();

  bool empty() const;
  std::uint64_t drops() const { return drops_; }

 private:
  struct Entry {
    Message message;
    std::shared_ptr<SubscriptionSlot> slot;
    bool lossless;
  };

  FlowControl& flow_;
  TopicStats& stats_;
  mutable std::mutex mutex_;
  std::condition_variable arrived_;
  std::deque<Entry> entries_;
  std::atomic<std::uint64_t> drops_{0};
};

}  // namespace platebus::host
