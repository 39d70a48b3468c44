#include "bus/topic_stats.hpp"

namespace platebus::host {

void TopicStats::count_message(const std::string& topic, std::uint64_t bytes) {
  std::lock_guard lock(mutex_);
  auto& counters = counters_[topic];
  ++counters.messages;
  counters.bytes += bytes;
}

void TopicStats::count_drops(const std::string& topic, std::uint64_t drops) {
  std::lock_guard lock(mutex_);
  counters_[topic].drops += drops;
}

std::map<std::string, TopicCounters> TopicStats::snapshot() const {
  std::lock_guard lock(mutex_);
  return {counters_.begin(), counters_.end()};
}

TopicCounters TopicStats::of(const std::string& topic) const {
  std::lock_guard lock(mutex_);
  const auto it = counters_.find(topic);
  return it == counters_.end() ? TopicCounters{} : it->second;
}

}  // namespace platebus::host
