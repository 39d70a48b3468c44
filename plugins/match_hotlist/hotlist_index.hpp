#pragma once
// The in-memory matcher over every hot plate. Immutable once built: a changed list is matched by
// building a new index and swapping a shared pointer, so reads never wait on an update.
//
// Each plate is filed under its canonical form (confusables.hpp) in an open-addressing hash table of
// 64-bit packed keys (plate_key.hpp). A read costs one probe per text (best + alternatives); the
// entries found are then labelled exact, alternative or confusable by comparing the exact keys.
// Partial entries (wildcards) are grouped by shape (see PatternShape): one probe per shape.
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "confusables.hpp"
#include "hot_plate.hpp"
#include "match_kind.hpp"
#include "platebus/plate_read.hpp"

namespace platebus::hotlist {

using EntryId = std::uint32_t;

struct PlateMatch {
  MatchKind kind;
  EntryId entry;
  std::string matched_text;  // the read's text that matched, normalized
};

class HotlistIndex {
 public:
  HotlistIndex();  // empty: matches nothing

  // Every live entry the texts hit, each once with its safest kind; sorted by kind. `alternatives`
  // may repeat the best text. Entries expired at `now` never match.
  std::vector<PlateMatch> match(std::string_view best, std::span<const std::string_view> alternatives,
                                Timestamp now) const;
  std::vector<PlateMatch> match(const PlateRead& read, Timestamp now) const;

  HotPlateEntry entry(EntryId id) const;
  std::string_view encoded_entry(EntryId id) const;  // hot_plate_codec.hpp form
  std::size_t size() const { return records_.size(); }
  std::size_t partial_count() const { return partial_count_; }
  const ConfusableTable& confusables() const { return table_; }

 private:
  friend class HotlistIndexBuilder;

  struct Record {
    std::uint64_t exact_key;  // 0 for partial entries
    std::int64_t expires_us;  // INT64_MAX when it never expires
    std::uint64_t offset;     // into arena_
    std::uint32_t size;
  };
  struct Slot {
    std::uint64_t canonical_key;  // 0: empty slot
    std::uint32_t first;          // records_[first, first + count) share this canonical form
    std::uint32_t count;
  };
  // Partial entries that share a shape: the same fixed-length prefix, '*' or not, the same
  // fixed-length suffix after the '*', and '?' in the same places. A text of the right length is
  // keyed by its characters at the pattern's places ('?' places zeroed): one hash probe per shape.
  struct PatternShape {
    bool star = false;
    std::uint8_t prefix = 0;  // characters before '*' (all of them when there is no '*')
    std::uint8_t suffix = 0;  // characters after '*'
    std::uint16_t wildcards = 0;  // bit i: place i of prefix + suffix is '?'
    std::unordered_multimap<std::uint64_t, EntryId> entries;
  };

  const Slot* find(std::uint64_t canonical_key) const;

  ConfusableTable table_;
  std::string arena_;
  std::vector<Record> records_;  // grouped by canonical key; partial entries at the end
  std::vector<Slot> slots_;
  std::uint64_t slot_mask_ = 0;
  std::vector<PatternShape> shapes_;
  std::size_t partial_count_ = 0;
};

class HotlistIndexBuilder {
 public:
  explicit HotlistIndexBuilder(ConfusableTable table = ConfusableTable::defaults());

  void reserve(std::size_t plates, std::size_t encoded_bytes);
  void add(const HotPlateEntry& entry);
  // A stored record (hot_plate_codec.hpp) taken as is: the fast path when loading from LMDB.
  // Throws std::runtime_error when it is corrupt or its plate is not normalized.
  void add_encoded(std::string_view encoded);
  std::size_t size() const { return sizes_.size(); }

  // Leaves the builder empty.
  HotlistIndex build();

 private:
  ConfusableTable table_;
  std::string arena_;
  std::vector<std::uint32_t> sizes_;
};

}  // namespace platebus::hotlist
