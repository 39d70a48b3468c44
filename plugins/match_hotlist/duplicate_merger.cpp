#include "duplicate_merger.hpp"

#include <algorithm>
#include <functional>
#include <string_view>

namespace platebus::hotlist {

namespace {

std::uint64_t key_hash(const HotPlateEntry& entry) {
  const std::hash<std::string_view> hash;
  std::uint64_t h = hash(entry.plate);
  h = (h ^ hash(entry.state)) * 0x9E3779B97F4A7C15ull;
  h = (h ^ hash(entry.list)) * 0x9E3779B97F4A7C15ull;
  return h ^ (h >> 29);
}

bool same_key(const HotPlateEntry& a, const HotPlateEntry& b) {
  return a.plate == b.plate && a.state == b.state && a.list == b.list;
}

}  // namespace

void DuplicateMerger::add(const HotPlateEntry& entry) { hashes_.push_back(key_hash(entry)); }

std::size_t DuplicateMerger::merge(std::vector<HotPlateEntry>& entries) {
  struct Row {
    std::uint64_t hash;
    std::uint32_t position;
  };
  std::vector<Row> rows(entries.size());
  for (std::uint32_t i = 0; i < entries.size(); ++i) rows[i] = {hashes_[i], i};
  std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
    return a.hash != b.hash ? a.hash < b.hash : a.position < b.position;
  });

  std::vector<bool> merged_away(entries.size(), false);
  std::size_t merged = 0;
  for (std::size_t run = 0; run < rows.size();) {
    std::size_t end = run + 1;
    while (end < rows.size() && rows[end].hash == rows[run].hash) ++end;
    // Usually one row per hash. Within a run, rows in file order; equal hashes need not be equal keys.
    for (std::size_t first = run; first < end; ++first) {
      if (merged_away[rows[first].position]) continue;
      std::uint32_t last = rows[first].position;
      for (std::size_t other = first + 1; other < end; ++other) {
        const auto position = rows[other].position;
        if (merged_away[position] || !same_key(entries[rows[first].position], entries[position])) continue;
        merged_away[position] = true;
        last = position;
        ++merged;
      }
      if (last != rows[first].position) entries[rows[first].position] = std::move(entries[last]);
    }
    run = end;
  }
  if (merged > 0) {
    std::size_t kept = 0;
    for (std::size_t i = 0; i < entries.size(); ++i)
      if (!merged_away[i]) {
        if (kept != i) entries[kept] = std::move(entries[i]);
        ++kept;
      }
    entries.resize(kept);
  }
  hashes_.clear();
  return merged;
}

}  // namespace platebus::hotlist
