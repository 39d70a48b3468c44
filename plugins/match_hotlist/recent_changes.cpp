#include "recent_changes.hpp"

#include "hotlist_store.hpp"

namespace platebus::hotlist {

namespace {
std::string list_plate_key(std::string_view list, std::string_view plate) {
  return std::string(list) + '\0' + std::string(plate);
}
}  // namespace

void RecentChanges::add(const HotPlateEntry& entry, std::uint64_t sequence) {
  added_[plate_key(entry.list, entry.plate, entry.state)] = {entry, sequence};
}

void RecentChanges::remove_plate(std::string_view list, std::string_view plate, std::optional<std::string_view> state,
                                 std::uint64_t sequence) {
  std::erase_if(added_, [&](const auto& item) {
    const auto& entry = item.second.first;
    return entry.list == list && entry.plate == plate && (!state || entry.state == *state);
  });
  if (state) removed_entries_[plate_key(list, plate, *state)] = sequence;
  else removed_plates_[list_plate_key(list, plate)] = sequence;
}

void RecentChanges::remove_list(std::string_view list, std::uint64_t sequence) {
  std::erase_if(added_, [&](const auto& item) { return item.second.first.list == list; });
  removed_lists_[std::string(list)] = sequence;
}

template <class Map>
void RecentChanges::forget(Map& map, std::uint64_t sequence) {
  std::erase_if(map, [&](const auto& item) {
    if constexpr (std::is_same_v<typename Map::mapped_type, std::uint64_t>) return item.second <= sequence;
    else return item.second.second <= sequence;
  });
}

void RecentChanges::forget_up_to(std::uint64_t sequence) {
  forget(added_, sequence);
  forget(removed_entries_, sequence);
  forget(removed_plates_, sequence);
  forget(removed_lists_, sequence);
}

bool RecentChanges::masks(const HotPlateEntry& entry) const {
  if (empty()) return false;
  const auto key = plate_key(entry.list, entry.plate, entry.state);
  return added_.contains(key) || removed_entries_.contains(key) ||
         removed_plates_.contains(list_plate_key(entry.list, entry.plate)) || removed_lists_.contains(entry.list);
}

std::vector<HotPlateEntry> RecentChanges::added() const {
  std::vector<HotPlateEntry> entries;
  entries.reserve(added_.size());
  for (const auto& [key, item] : added_) entries.push_back(item.first);
  return entries;
}

}  // namespace platebus::hotlist
