#include "hit_dedupe.hpp"

namespace platebus::hotlist {

bool HitDedupe::first_time(std::string_view read_id, std::string_view entry_key, Clock::time_point now) {
  forget_old(now);
  std::string key;
  key.reserve(read_id.size() + 1 + entry_key.size());
  key.append(read_id).push_back('\x1f');
  key.append(entry_key);
  if (!seen_.insert(key).second) return false;
  order_.emplace_back(now, std::move(key));
  while (order_.size() > capacity_) {
    seen_.erase(order_.front().second);
    order_.pop_front();
  }
  return true;
}

void HitDedupe::forget_old(Clock::time_point now) {
  while (!order_.empty() && now - order_.front().first >= window_) {
    seen_.erase(order_.front().second);
    order_.pop_front();
  }
}

}  // namespace platebus::hotlist
