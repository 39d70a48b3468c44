#include "hotlist_index.hpp"

#include <algorithm>
#include <bit>
#include <limits>
#include <stdexcept>

#include "hot_plate_codec.hpp"
#include "plate_key.hpp"
#include "two_halves.hpp"

namespace platebus::hotlist {

namespace {

constexpr std::int64_t kNeverExpires = std::numeric_limits<std::int64_t>::max();
constexpr std::size_t kMaxTexts = 16;  // best + alternatives considered per read

std::uint64_t slot_hash(std::uint64_t key) { return key * 0x9E3779B97F4A7C15ull; }

// The key of the text's characters at a shape's places, or 0 when the text has the wrong length.
// `canonical` holds the text's canonical symbol codes.
std::uint64_t shape_key(const std::uint8_t* canonical, std::size_t length, bool star, std::size_t prefix,
                        std::size_t suffix, std::uint16_t wildcards) {
  if (star ? length < prefix + suffix : length != prefix) return 0;
  std::uint64_t key = 0;
  std::size_t place = 0;
  auto add = [&](std::size_t at) {
    key = (key << 6) | ((wildcards >> place) & 1 ? 0 : canonical[at]);
    ++place;
  };
  for (std::size_t i = 0; i < prefix; ++i) add(i);
  for (std::size_t i = length - suffix; i < length; ++i) add(i);
  return key | (std::uint64_t{1} << 63);  // never 0, even for an all-'?' shape
}

std::string normalized_text(std::string_view text) {
  std::string plate;
  for (char c : text) {
    if (is_plate_separator(c)) continue;
    plate += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
  }
  return plate;
}

void add_match(std::vector<PlateMatch>& matches, MatchKind kind, EntryId entry, std::string_view text) {
  for (auto& match : matches) {
    if (match.entry != entry) continue;
    if (kind < match.kind) match = {kind, entry, normalized_text(text)};
    return;
  }
  matches.push_back({kind, entry, normalized_text(text)});
}

}  // namespace

HotlistIndex::HotlistIndex() : table_(ConfusableTable::none()), slots_(1), slot_mask_(0) { slots_[0] = {0, 0, 0}; }

const HotlistIndex::Slot* HotlistIndex::find(std::uint64_t canonical_key) const {
  for (std::uint64_t i = slot_hash(canonical_key) & slot_mask_;; i = (i + 1) & slot_mask_) {
    const Slot& slot = slots_[i];
    if (slot.canonical_key == canonical_key) return &slot;
    if (slot.canonical_key == 0) return nullptr;
  }
}

std::vector<PlateMatch> HotlistIndex::match(std::string_view best, std::span<const std::string_view> alternatives,
                                            Timestamp now) const {
  std::vector<PlateMatch> matches;
  const std::int64_t now_us = now.time_since_epoch().count();
  const std::size_t texts = std::min(kMaxTexts, alternatives.size() + 1);
  auto text_at = [&](std::size_t i) { return i == 0 ? best : alternatives[i - 1]; };

  for (std::size_t i = 0; i < texts; ++i) {
    PlateKeys keys;
    if (!pack_plate_keys(text_at(i), table_, keys)) continue;
    const Slot* slot = find(keys.canonical);
    if (!slot) continue;
    for (std::uint32_t r = slot->first; r < slot->first + slot->count; ++r) {
      const Record& record = records_[r];
      if (record.expires_us <= now_us) continue;
      const MatchKind kind = record.exact_key != keys.exact ? MatchKind::confusable
                             : i == 0                       ? MatchKind::exact
                                                            : MatchKind::alternative;
      add_match(matches, kind, r, text_at(i));
    }
  }

  if (!shapes_.empty()) {
    for (std::size_t i = 0; i < texts; ++i) {
      std::uint8_t canonical[kMaxPlateLength];
      std::size_t length = 0;
      PlateKeys keys;
      if (!pack_plate_keys(text_at(i), table_, keys)) continue;
      for (std::size_t k = 0; k < kMaxPlateLength && keys.canonical >> (6 * k); ++k) ++length;
      for (std::size_t k = 0; k < length; ++k)
        canonical[k] = static_cast<std::uint8_t>((keys.canonical >> (6 * (length - 1 - k))) & 63);
      for (const auto& shape : shapes_) {
        const auto key = shape_key(canonical, length, shape.star, shape.prefix, shape.suffix, shape.wildcards);
        if (key == 0) continue;
        const auto [first, last] = shape.entries.equal_range(key);
        for (auto it = first; it != last; ++it)
          if (records_[it->second].expires_us > now_us) add_match(matches, MatchKind::partial, it->second, text_at(i));
      }
    }
  }
  std::stable_sort(matches.begin(), matches.end(), [](const auto& a, const auto& b) { return a.kind < b.kind; });
  return matches;
}

std::vector<PlateMatch> HotlistIndex::match(const PlateRead& read, Timestamp now) const {
  std::string_view alternatives[kMaxTexts - 1];
  const std::size_t count = std::min(read.alternatives.size(), kMaxTexts - 1);
  for (std::size_t i = 0; i < count; ++i) alternatives[i] = read.alternatives[i].text;
  return match(read.text, std::span<const std::string_view>(alternatives, count), now);
}

std::string_view HotlistIndex::encoded_entry(EntryId id) const {
  const Record& record = records_.at(id);
  return std::string_view(arena_).substr(record.offset, record.size);
}

HotPlateEntry HotlistIndex::entry(EntryId id) const { return decode_hot_plate(encoded_entry(id)); }

HotlistIndexBuilder::HotlistIndexBuilder(ConfusableTable table) : table_(std::move(table)) {}

void HotlistIndexBuilder::reserve(std::size_t plates, std::size_t encoded_bytes) {
  sizes_.reserve(plates);
  arena_.reserve(encoded_bytes);
}

void HotlistIndexBuilder::add(const HotPlateEntry& entry) {
  const std::size_t before = arena_.size();
  append_encoded(arena_, entry);
  sizes_.push_back(static_cast<std::uint32_t>(arena_.size() - before));
}

void HotlistIndexBuilder::add_encoded(std::string_view encoded) {
  arena_.append(encoded);
  sizes_.push_back(static_cast<std::uint32_t>(encoded.size()));
}

HotlistIndex HotlistIndexBuilder::build() {
  if (sizes_.size() >= std::numeric_limits<EntryId>::max())
    throw std::runtime_error("too many hot plates for one index (" + std::to_string(sizes_.size()) + ")");
  struct Keyed {
    std::uint64_t canonical_key;
    HotlistIndex::Record record;
  };
  std::vector<Keyed> keyed;
  std::vector<std::pair<std::string, HotlistIndex::Record>> partial;
  keyed.reserve(sizes_.size());
  std::uint64_t offset = 0;
  for (const auto size : sizes_) {
    const auto fields = decode_match_fields(std::string_view(arena_).substr(offset, size));
    const HotlistIndex::Record record{0, fields.expires_at_us.value_or(kNeverExpires), offset, size};
    offset += size;
    if (is_plate_pattern(fields.plate)) {
      partial.emplace_back(table_.canonical_form(fields.plate), record);
      continue;
    }
    PlateKeys keys;
    const bool normalized = std::all_of(fields.plate.begin(), fields.plate.end(), [](char c) { return plate_symbol_code(c) != 0; });
    if (!normalized || !pack_plate_keys(fields.plate, table_, keys))
      throw std::runtime_error("hot plate '" + std::string(fields.plate) + "' is not a normalized plate");
    keyed.push_back({keys.canonical, record});
    keyed.back().record.exact_key = keys.exact;
  }
  // Ties (one canonical form, several plates) keep their load order, so a build is the same each time.
  parallel_sort(keyed.begin(), keyed.end(), [](const Keyed& a, const Keyed& b) {
    return a.canonical_key != b.canonical_key ? a.canonical_key < b.canonical_key : a.record.offset < b.record.offset;
  });

  HotlistIndex index;
  index.table_ = table_;
  index.records_.reserve(keyed.size() + partial.size());
  std::size_t distinct = 0;
  for (std::size_t i = 0; i < keyed.size(); ++i) {
    if (i == 0 || keyed[i].canonical_key != keyed[i - 1].canonical_key) ++distinct;
    index.records_.push_back(keyed[i].record);
  }
  const std::size_t slot_count = std::bit_ceil(std::max<std::size_t>(16, distinct * 2));
  index.slots_.assign(slot_count, {0, 0, 0});
  index.slot_mask_ = slot_count - 1;
  for (std::size_t i = 0; i < keyed.size();) {
    std::size_t end = i;
    while (end < keyed.size() && keyed[end].canonical_key == keyed[i].canonical_key) ++end;
    std::uint64_t s = slot_hash(keyed[i].canonical_key) & index.slot_mask_;
    while (index.slots_[s].canonical_key != 0) s = (s + 1) & index.slot_mask_;
    index.slots_[s] = {keyed[i].canonical_key, static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(end - i)};
    i = end;
  }
  for (auto& [pattern, record] : partial) {
    const auto id = static_cast<EntryId>(index.records_.size());
    index.records_.push_back(record);
    HotlistIndex::PatternShape shape;
    std::uint8_t codes[kMaxPlateLength] = {};
    std::size_t places = 0;
    for (const char c : pattern) {
      if (c == '*') {
        shape.star = true;
        continue;
      }
      if (c == '?') shape.wildcards |= static_cast<std::uint16_t>(1u << places);
      else codes[places] = plate_symbol_code(c);
      (shape.star ? shape.suffix : shape.prefix)++;
      ++places;
    }
    auto same_shape = [&](const HotlistIndex::PatternShape& other) {
      return other.star == shape.star && other.prefix == shape.prefix && other.suffix == shape.suffix &&
             other.wildcards == shape.wildcards;
    };
    auto found = std::find_if(index.shapes_.begin(), index.shapes_.end(), same_shape);
    if (found == index.shapes_.end()) found = index.shapes_.insert(index.shapes_.end(), std::move(shape));
    // The pattern's own codes laid out as a text of exactly its places.
    const auto key = shape_key(codes, places, false, places, 0, found->wildcards);
    found->entries.emplace(key, id);
    ++index.partial_count_;
  }
  index.arena_ = std::move(arena_);
  arena_.clear();
  sizes_.clear();
  return index;
}

}  // namespace platebus::hotlist
