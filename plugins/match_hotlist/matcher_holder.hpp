#pragma once
// Holds the matcher the reading thread uses and keeps it current without making reads wait.
// A change made through the service is recorded with recent_changes.hpp and a new LiveMatcher (the
// same full index, a small index of the plates added since, a mask of those removed since) is
// swapped in at once. A worker thread then rebuilds the full index from the store (about 0.35 s
// for a million plates on an idle machine) and swaps that in; changes that arrive meanwhile are
// folded into one more rebuild. A change too big for the overlay (a large upload) waits for the
// full rebuild instead.
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "encoded_plates.hpp"
#include "live_matcher.hpp"

namespace platebus::hotlist {

class MatcherHolder {
 public:
  using Loader = std::function<HotlistIndex()>;
  using Reporter = std::function<void(bool ok, const std::string& text)>;

  // Plates added or removed since the last full rebuild that are matched through the overlay.
  static constexpr std::size_t kMaxOverlay = 20'000;

  // `loader` builds a full index from the store; `report` hears how each rebuild went.
  MatcherHolder(Loader loader, Reporter report, ConfusableTable table);
  ~MatcherHolder();
  MatcherHolder(const MatcherHolder&) = delete;
  MatcherHolder& operator=(const MatcherHolder&) = delete;

  // Builds the first index on the calling thread (at start) and starts the rebuild worker.
  void load_and_start();

  // Call after the store committed the change. `emptied_lists`: lists an upload replaced.
  void added(const std::vector<HotPlateEntry>& entries, const std::vector<std::string>& emptied_lists = {});
  // An upload: its plates are only decoded when the overlay can hold them.
  void added(const EncodedPlates& plates, const std::vector<std::string>& emptied_lists);
  void removed_plate(std::string_view list, std::string_view plate, std::optional<std::string_view> state);
  void removed_list(std::string_view list);

  std::shared_ptr<const LiveMatcher> current() const { return live_.load(std::memory_order_acquire); }

 private:
  void rebuild_loop();
  void rebuild_full();
  // With mutex_ held: swaps in a matcher over `full` and the recorded changes, and asks for a rebuild.
  void publish_locked(std::shared_ptr<const HotlistIndex> full);
  // `overlay`: the added plates when `count` fits the overlay (kMaxOverlay), else ignored.
  void record_added(std::size_t count, const std::vector<HotPlateEntry>& overlay,
                    const std::vector<std::string>& emptied_lists);
  void changed_locked();

  Loader loader_;
  Reporter report_;
  ConfusableTable table_;
  std::atomic<std::shared_ptr<const LiveMatcher>> live_;
  std::mutex mutex_;
  std::condition_variable wake_;
  RecentChanges changes_;
  std::uint64_t sequence_ = 0;           // of the last change recorded
  std::uint64_t overflowed_at_ = 0;      // a change past kMaxOverlay: only a full rebuild shows it
  bool stale_ = false;
  bool stopping_ = false;
  std::thread worker_;
};

}  // namespace platebus::hotlist
