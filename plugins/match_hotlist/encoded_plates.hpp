#pragma once
// An upload's accepted plates, each kept in its stored form (hot_plate_codec.hpp) in one buffer as
// it is read. A million HotPlateEntry objects would take about 400 MB and a million allocations;
// this takes about 110 MB and none per row, and the store writes the bytes as they are.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "hot_plate.hpp"
#include "hot_plate_codec.hpp"

namespace platebus::hotlist {

class EncodedPlates {
 public:
  void reserve(std::size_t rows, std::size_t bytes);
  // Only for a valid entry (validation_problems empty): the store writes these bytes unchecked,
  // so whoever adds checks first (the upload rows, HotlistStore::import of entries).
  void add(const HotPlateEntry& entry);
  // Takes the plates of a later piece of the same upload, after these.
  void append(EncodedPlates&& later);
  void clear();

  std::size_t size() const { return rows_.size(); }
  bool empty() const { return rows_.empty(); }
  std::string_view bytes(std::size_t row) const { return std::string_view(bytes_).substr(rows_[row].offset, rows_[row].size); }
  KeyFields key_fields(std::size_t row) const { return decode_key_fields(bytes(row)); }
  HotPlateEntry entry(std::size_t row) const { return decode_hot_plate(bytes(row)); }
  std::vector<HotPlateEntry> entries() const;

  // Row `row` takes row `from`'s plate (a later duplicate replacing an earlier one).
  void replace(std::size_t row, std::size_t from) { rows_[row] = rows_[from]; }
  // Drops the rows marked true, keeping the order of the rest.
  void remove(const std::vector<bool>& marked);

 private:
  struct Slice {
    std::uint64_t offset;
    std::uint32_t size;
  };
  std::string bytes_;
  std::vector<Slice> rows_;
};

}  // namespace platebus::hotlist
