#include "duplicate_merger.hpp"

#include <algorithm>
#include <functional>
#include <string_view>

#include "two_halves.hpp"

namespace platebus::hotlist {

namespace {

std::uint64_t key_hash(const HotPlateEntry& entry) {
  const std::hash<std::string_view> hash;
  std::uint64_t h = hash(entry.plate);
  h = (h ^ hash(entry.state)) * 0x9E3779B97F4A7C15ull;
  h = (h ^ hash(entry.list)) * 0x9E3779B97F4A7C15ull;
  return h ^ (h >> 29);
}

bool same_key(const KeyFields& a, const KeyFields& b) {
  return a.plate == b.plate && a.state == b.state && a.list == b.list;
}

}  // namespace

void DuplicateMerger::add(const HotPlateEntry& entry) { hashes_.push_back(key_hash(entry)); }

std::size_t DuplicateMerger::merge(EncodedPlates& entries) {
  struct Row {
    std::uint64_t hash;
    std::uint32_t position;
  };
  std::vector<Row> rows(entries.size());
  for (std::uint32_t i = 0; i < entries.size(); ++i) rows[i] = {hashes_[i], i};
  parallel_sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
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
        if (merged_away[position] ||
            !same_key(entries.key_fields(rows[first].position), entries.key_fields(position)))
          continue;
        merged_away[position] = true;
        last = position;
        ++merged;
      }
      if (last != rows[first].position) entries.replace(rows[first].position, last);
    }
    run = end;
  }
  if (merged > 0) entries.remove(merged_away);
  hashes_.clear();
  return merged;
}

}  // namespace platebus::hotlist
