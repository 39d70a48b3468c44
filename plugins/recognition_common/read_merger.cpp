#include "read_merger.hpp"

#include <algorithm>
#include <random>

#include <fmt/format.h>

namespace platebus::recognition {

namespace {
bool one_substitution_apart(const std::string& a, const std::string& b) {
  if (a.size() != b.size()) return false;
  int differences = 0;
  for (std::size_t i = 0; i < a.size(); ++i) differences += a[i] != b[i];
  return differences <= 1;
}
}  // namespace

ReadMerger::ReadMerger(std::chrono::milliseconds window, double min_gain) : window_(window), min_gain_(min_gain) {
  // Read ids must not repeat across restarts: a random prefix per merger, then a counter.
  std::random_device random;
  id_prefix_ = fmt::format("{:08x}", random());
}

std::string ReadMerger::next_id() { return fmt::format("{}-{:06}", id_prefix_, ++counter_); }

bool ReadMerger::same_plate(const Sighting& a, const std::string& other_text,
                            const std::vector<std::string>& other_alternatives) {
  if (a.text == other_text || one_substitution_apart(a.text, other_text)) return true;
  const auto contains = [](const std::vector<std::string>& list, const std::string& text) {
    return std::find(list.begin(), list.end(), text) != list.end();
  };
  return contains(a.alternatives, other_text) || contains(other_alternatives, a.text);
}

MergeDecision ReadMerger::add(const Sighting& sighting, Clock::time_point now) {
  for (auto& [id, read] : open_) {
    if (read.camera != sighting.camera || now - read.last_seen > window_) continue;
    if (!same_plate(sighting, read.best_text, read.alternatives)) continue;
    read.last_seen = now;
    if (sighting.confidence < read.best_confidence + min_gain_) return {id, false, read.revision};
    read.best_text = sighting.text;
    read.best_confidence = sighting.confidence;
    read.alternatives = sighting.alternatives;
    return {id, true, ++read.revision};
  }
  const auto id = next_id();
  open_[id] = {sighting.camera, sighting.text, sighting.confidence, sighting.alternatives, 0, now};
  return {id, true, 0};
}

std::vector<ClosedRead> ReadMerger::close_all() { return close_if([](const OpenRead&) { return true; }); }

std::vector<ClosedRead> ReadMerger::close_expired(Clock::time_point now) {
  return close_if([&](const OpenRead& read) { return now - read.last_seen > window_; });
}

std::vector<ClosedRead> ReadMerger::close_if(const std::function<bool(const OpenRead&)>& closes) {
  std::vector<ClosedRead> closed;
  for (auto it = open_.begin(); it != open_.end();) {
    if (closes(it->second)) {
      closed.push_back({it->first, it->second.camera, it->second.best_text, it->second.revision + 1});
      it = open_.erase(it);
    } else {
      ++it;
    }
  }
  return closed;
}

}  // namespace platebus::recognition
