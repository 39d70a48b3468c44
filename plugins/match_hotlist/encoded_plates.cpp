#include "encoded_plates.hpp"

namespace platebus::hotlist {

void EncodedPlates::reserve(std::size_t rows, std::size_t bytes) {
  rows_.reserve(rows);
  bytes_.reserve(bytes);
}

void EncodedPlates::add(const HotPlateEntry& entry) {
  const auto offset = bytes_.size();
  append_encoded(bytes_, entry);
  rows_.push_back({offset, static_cast<std::uint32_t>(bytes_.size() - offset)});
}

void EncodedPlates::append(EncodedPlates&& later) {
  const std::uint64_t shift = bytes_.size();
  bytes_.append(later.bytes_);
  rows_.reserve(rows_.size() + later.rows_.size());
  for (const auto& row : later.rows_) rows_.push_back({row.offset + shift, row.size});
  later.clear();
}

void EncodedPlates::clear() {
  bytes_.clear();
  rows_.clear();
}

std::vector<HotPlateEntry> EncodedPlates::entries() const {
  std::vector<HotPlateEntry> entries;
  entries.reserve(rows_.size());
  for (std::size_t row = 0; row < rows_.size(); ++row) entries.push_back(entry(row));
  return entries;
}

void EncodedPlates::remove(const std::vector<bool>& marked) {
  std::size_t kept = 0;
  for (std::size_t row = 0; row < rows_.size(); ++row)
    if (!marked[row]) rows_[kept++] = rows_[row];
  rows_.resize(kept);
}

}  // namespace platebus::hotlist
