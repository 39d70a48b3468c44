#pragma once
// Merges the rows of an upload that name the same plate, state and list: the later row's entry
// takes the earlier row's place (a file reads top to bottom as a series of updates). Rows are only
// hashed while the file is read and merged once at the end: a sort of a million small pairs is
// cheaper than a million random probes into a hash table.
#include <cstdint>
#include <vector>

#include "encoded_plates.hpp"
#include "hot_plate.hpp"

namespace platebus::hotlist {

class DuplicateMerger {
 public:
  void reserve(std::size_t rows) { hashes_.reserve(rows); }
  // Call for every entry, in order, as it is appended to the entries later given to merge().
  void add(const HotPlateEntry& entry);
  // Keeps one entry per plate, state and list, at the first row's position with the last row's
  // content; returns how many rows were merged away.
  std::size_t merge(EncodedPlates& entries);
  void clear() { hashes_.clear(); }
  // Takes the rows of a later piece of the same file, after this one's.
  void append(const DuplicateMerger& later) { hashes_.insert(hashes_.end(), later.hashes_.begin(), later.hashes_.end()); }

 private:
  std::vector<std::uint64_t> hashes_;
};

}  // namespace platebus::hotlist
