#pragma once
// Per-topic counters: messages and bytes through the bus, and drops seen by subscribers.
#include <cstdint>
#include <map>
#include <mutex>
#include <string>

namespace platebus::host {

struct TopicCounters {
  std::uint64_t messages = 0;
  std::uint64_t bytes = 0;
  std::uint64_t drops = 0;
};

class TopicStats {
 public:
  void count_message(const std::string& topic, std::uint64_t bytes);
  void count_drops(const std::string& topic, std::uint64_t drops);
  std::map<std::string, TopicCounters> snapshot() const;
  TopicCounters of(const std::string& topic) const;

 private:
  mutable std::mutex mutex_;
  std::map<std::string, TopicCounters, std::less<>> counters_;
};

}  // namespace platebus::host
