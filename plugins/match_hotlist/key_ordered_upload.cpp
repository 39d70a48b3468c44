#include "key_ordered_upload.hpp"

#include <map>
#include <tuple>

#include "two_halves.hpp"

namespace platebus::hotlist {

KeyOrderedUpload::KeyOrderedUpload(const EncodedPlates& plates) : plates_(plates) {
  // Lists are few (usually one per upload): ranked by name, each row asking about its list only
  // when it differs from the previous row's.
  std::map<std::string, std::uint32_t, std::less<>> list_rank;
  std::string_view previous;
  for (std::size_t row = 0; row < plates.size(); ++row) {
    const auto list = plates.key_fields(row).list;
    if (row == 0 || list != previous) list_rank.emplace(list, 0);
    previous = list;
  }
  for (auto& [name, rank] : list_rank) {
    rank = static_cast<std::uint32_t>(lists_.size());
    lists_.push_back(name);
  }
  keys_.resize(plates.size());
  on_two_halves(plates.size(), [&](std::size_t begin, std::size_t end) {
    auto known = list_rank.begin();
    for (std::size_t row = begin; row < end; ++row) {
      const auto fields = plates.key_fields(row);
      if (known->first != fields.list) known = list_rank.find(fields.list);
      SortKey key{known->second, 0, 0, 0, static_cast<std::uint32_t>(row)};
      for (std::size_t k = 0; k < 10; ++k)
        key.plate_head = (key.plate_head << 6) | (k < fields.plate.size() ? code(fields.plate[k]) : 0);
      if (fields.plate.size() > 10) key.plate_tail = static_cast<std::uint16_t>(code(fields.plate[10]));
      if (fields.state.size() == 2)
        key.state = static_cast<std::uint16_t>((static_cast<unsigned char>(fields.state[0]) << 8) |
                                               static_cast<unsigned char>(fields.state[1]));
      keys_[row] = key;
    }
  });
  parallel_sort(keys_.begin(), keys_.end(), [](const SortKey& a, const SortKey& b) {
    return std::tie(a.list_rank, a.plate_head, a.plate_tail, a.state) <
           std::tie(b.list_rank, b.plate_head, b.plate_tail, b.state);
  });
}

// Keeps byte order: '*' < digits < '?' < letters.
std::uint64_t KeyOrderedUpload::code(char c) {
  if (c == '*') return 1;
  if (c >= '0' && c <= '9') return static_cast<std::uint64_t>(c - '0' + 2);
  if (c == '?') return 12;
  return static_cast<std::uint64_t>(c - 'A' + 13);
}

}  // namespace platebus::hotlist
