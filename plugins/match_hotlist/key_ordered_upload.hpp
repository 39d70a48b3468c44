#pragma once
// An upload's plates in LMDB key order ("LIST\0PLATE\0STATE"). Writing in key order keeps LMDB
// appending to the same pages instead of searching and splitting them.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "encoded_plates.hpp"

namespace platebus::hotlist {

class KeyOrderedUpload {
 public:
  // Sorts compact keys (list rank, packed plate, state) rather than key strings: comparing a
  // million strings scattered over memory costs more than the LMDB writes. `plates` must outlive
  // this.
  explicit KeyOrderedUpload(const EncodedPlates& plates);

  // Distinct list names, in key order.
  const std::vector<std::string>& lists() const { return lists_; }
  std::size_t size() const { return keys_.size(); }

  struct Record {
    std::string_view key, value;  // valid until the next call of visit
    std::uint32_t list_rank;      // into lists()
  };
  // Calls visit(const Record&) for every plate, in key order.
  template <class Visit>
  void for_each(Visit visit) const {
    std::string key;
    for (std::size_t k = 0; k < keys_.size(); ++k) {
      // Key order jumps around the upload: fetch ahead so the bytes are there in time.
      if (k + 8 < keys_.size()) {
        const auto ahead = plates_.bytes(keys_[k + 8].row);
        __builtin_prefetch(ahead.data());
        __builtin_prefetch(ahead.data() + 64);
      }
      const auto value = plates_.bytes(keys_[k].row);
      const auto fields = decode_key_fields(value);
      key.assign(fields.list).append(1, '\0').append(fields.plate).append(1, '\0').append(fields.state);
      visit(Record{key, value, keys_[k].list_rank});
    }
  }

 private:
  struct SortKey {
    std::uint32_t list_rank;
    std::uint64_t plate_head;  // first 10 plate characters, 6 bits each, in byte order
    std::uint16_t plate_tail;  // the 11th (a pattern may have 10 characters and a '*')
    std::uint16_t state;
    std::uint32_t row;  // in the plates
  };
  static std::uint64_t code(char c);

  const EncodedPlates& plates_;
  std::vector<SortKey> keys_;       // in key order
  std::vector<std::string> lists_;  // by rank
};

}  // namespace platebus::hotlist
