#pragma once
// Remembers which (read, hot-plate entry) pairs already raised a hit, so the refinements of one car
// pass (later PlateReads with the same read_id) do not alert twice for the same entry. Memory is
// bounded twice: pairs older than the window are forgotten, and past `capacity` the oldest go first.
#include <chrono>
#include <cstddef>
#include <deque>
#include <string>
#include <string_view>
#include <unordered_set>

namespace platebus::hotlist {

class HitDedupe {
 public:
  using Clock = std::chrono::steady_clock;

  HitDedupe(std::chrono::milliseconds window, std::size_t capacity) : window_(window), capacity_(capacity) {}

  // True the first time the pair is seen within the window (and remembers it); false for a repeat.
  bool first_time(std::string_view read_id, std::string_view entry_key, Clock::time_point now = Clock::now());
  std::size_t size() const { return seen_.size(); }

 private:
  void forget_old(Clock::time_point now);

  std::chrono::milliseconds window_;
  std::size_t capacity_;
  std::unordered_set<std::string> seen_;
  std::deque<std::pair<Clock::time_point, std::string>> order_;  // oldest first
};

}  // namespace platebus::hotlist
