#pragma once
// The changes to the lists since the matcher's last full rebuild, so they match at once: a full
// rebuild of a million plates takes a third of a second on an idle machine and more on a busy one,
// while a change made through the service is due to match within a second. Plates added (or
// replaced) since are matched from a small index of their own; plates, plates in a list, and whole
// lists removed since are masked out of the full index. Each change carries the sequence number
// of its commit, and a full rebuild that read the store after commit N forgets changes up to N.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "hot_plate.hpp"

namespace platebus::hotlist {

class RecentChanges {
 public:
  void add(const HotPlateEntry& entry, std::uint64_t sequence);
  // Without a state: the plate in every state in that list.
  void remove_plate(std::string_view list, std::string_view plate, std::optional<std::string_view> state,
                    std::uint64_t sequence);
  void remove_list(std::string_view list, std::uint64_t sequence);
  // Drops what a full rebuild that read the store after commit `sequence` already reflects.
  void forget_up_to(std::uint64_t sequence);

  // True when an entry of the full index was removed or replaced since it was built.
  bool masks(const HotPlateEntry& entry) const;
  std::vector<HotPlateEntry> added() const;
  std::size_t size() const { return added_.size() + removed_entries_.size() + removed_plates_.size() + removed_lists_.size(); }
  bool empty() const { return size() == 0; }

 private:
  template <class Map>
  static void forget(Map& map, std::uint64_t sequence);

  std::map<std::string, std::pair<HotPlateEntry, std::uint64_t>> added_;  // by "LIST\0PLATE\0STATE"
  std::map<std::string, std::uint64_t> removed_entries_;                   // "LIST\0PLATE\0STATE"
  std::map<std::string, std::uint64_t> removed_plates_;                    // "LIST\0PLATE", any state
  std::map<std::string, std::uint64_t> removed_lists_;
};

}  // namespace platebus::hotlist
