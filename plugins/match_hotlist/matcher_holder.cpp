#include "matcher_holder.hpp"

#include <chrono>

#include <fmt/format.h>

namespace platebus::hotlist {

MatcherHolder::MatcherHolder(Loader loader, Reporter report, ConfusableTable table)
    : loader_(std::move(loader)), report_(std::move(report)), table_(std::move(table)),
      live_(std::make_shared<const LiveMatcher>()) {}

MatcherHolder::~MatcherHolder() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (worker_.joinable()) worker_.join();
}

void MatcherHolder::load_and_start() {
  rebuild_full();
  worker_ = std::thread([this] { rebuild_loop(); });
}

void MatcherHolder::added(const std::vector<HotPlateEntry>& entries, const std::vector<std::string>& emptied_lists) {
  record_added(entries.size(), entries, emptied_lists);
}

void MatcherHolder::added(const EncodedPlates& plates, const std::vector<std::string>& emptied_lists) {
  // Decoded only when the overlay can hold them.
  record_added(plates.size(), plates.size() <= kMaxOverlay ? plates.entries() : std::vector<HotPlateEntry>(),
               emptied_lists);
}

void MatcherHolder::record_added(std::size_t count, const std::vector<HotPlateEntry>& overlay,
                                 const std::vector<std::string>& emptied_lists) {
  std::lock_guard lock(mutex_);
  ++sequence_;
  for (const auto& list : emptied_lists) changes_.remove_list(list, sequence_);
  if (count > kMaxOverlay) overflowed_at_ = sequence_;
  else
    for (const auto& entry : overlay) changes_.add(entry, sequence_);
  changed_locked();
}

void MatcherHolder::removed_plate(std::string_view list, std::string_view plate, std::optional<std::string_view> state) {
  std::lock_guard lock(mutex_);
  changes_.remove_plate(list, plate, state, ++sequence_);
  changed_locked();
}

void MatcherHolder::removed_list(std::string_view list) {
  std::lock_guard lock(mutex_);
  changes_.remove_list(list, ++sequence_);
  changed_locked();
}

void MatcherHolder::changed_locked() {
  if (changes_.size() > kMaxOverlay) overflowed_at_ = sequence_;
  // A partial overlay would hide the plates it could not hold: leave the matcher until the rebuild.
  if (overflowed_at_ == 0) publish_locked(current()->full);
  stale_ = true;
  wake_.notify_one();
}

void MatcherHolder::publish_locked(std::shared_ptr<const HotlistIndex> full) {
  auto live = std::make_shared<LiveMatcher>();
  live->full = std::move(full);
  if (!changes_.empty()) {
    HotlistIndexBuilder builder(table_);
    for (const auto& entry : changes_.added()) builder.add(entry);
    live->recent = std::make_shared<const HotlistIndex>(builder.build());
    live->changes = std::make_shared<const RecentChanges>(changes_);
  }
  live_.store(std::move(live), std::memory_order_release);
}

void MatcherHolder::rebuild_loop() {
  std::unique_lock lock(mutex_);
  while (true) {
    wake_.wait(lock, [this] { return stale_ || stopping_; });
    if (stopping_) return;
    stale_ = false;
    lock.unlock();
    rebuild_full();
    lock.lock();
  }
}

void MatcherHolder::rebuild_full() {
  const auto started = std::chrono::steady_clock::now();
  std::uint64_t reflects = 0;
  {
    // Every change recorded so far was committed before the store is read below.
    std::lock_guard lock(mutex_);
    reflects = sequence_;
  }
  try {
    auto full = std::make_shared<const HotlistIndex>(loader_());
    const auto plates = full->size();
    {
      std::lock_guard lock(mutex_);
      changes_.forget_up_to(reflects);
      if (overflowed_at_ <= reflects) overflowed_at_ = 0;
      // Still overflowed: a change too big for the overlay came in meanwhile; the next rebuild shows it.
      if (overflowed_at_ == 0) publish_locked(std::move(full));
    }
    const auto took = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    report_(true, fmt::format("matching {} hot plates (index built in {:.0f} ms)", plates, took));
  } catch (const std::exception& e) {
    // Keep matching with the index we have rather than with nothing.
    report_(false, fmt::format("could not rebuild the hot-list index, still matching the previous one: {}", e.what()));
  }
}

}  // namespace platebus::hotlist
