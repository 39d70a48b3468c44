#include "hot_plate_codec.hpp"

#include <cstring>
#include <stdexcept>

namespace platebus::hotlist {

namespace {

constexpr std::uint8_t kVersion = 1;
constexpr std::size_t kFixedBytes = 4 + 8 + 8;

void put_u64(std::string& out, std::uint64_t value) {
  for (int i = 0; i < 8; ++i, value >>= 8) out += static_cast<char>(value & 0xff);
}

std::uint64_t get_u64(const char* p) {
  std::uint64_t value = 0;
  for (int i = 7; i >= 0; --i) value = (value << 8) | static_cast<unsigned char>(p[i]);
  return value;
}

void put_text(std::string& out, std::string_view text) {
  std::size_t length = text.size();
  while (length >= 0x80) {
    out += static_cast<char>((length & 0x7f) | 0x80);
    length >>= 7;
  }
  out += static_cast<char>(length);
  out.append(text);
}

struct Reader {
  std::string_view bytes;
  std::size_t at = kFixedBytes;

  std::string_view text() {
    std::size_t length = 0;
    for (int shift = 0;; shift += 7) {
      if (at >= bytes.size() || shift > 28) throw std::runtime_error("a stored hot plate is truncated or corrupt");
      const auto byte = static_cast<unsigned char>(bytes[at++]);
      length |= static_cast<std::size_t>(byte & 0x7f) << shift;
      if (!(byte & 0x80)) break;
    }
    if (length > bytes.size() - at) throw std::runtime_error("a stored hot plate is truncated or corrupt");
    const auto value = bytes.substr(at, length);
    at += length;
    return value;
  }
};

void check_header(std::string_view bytes) {
  if (bytes.size() < kFixedBytes) throw std::runtime_error("a stored hot plate is truncated or corrupt");
  if (static_cast<std::uint8_t>(bytes[0]) != kVersion)
    throw std::runtime_error("a stored hot plate has encoding version " +
                             std::to_string(static_cast<unsigned char>(bytes[0])) +
                             ", this build reads version 1; upgrade PlateBus");
}

}  // namespace

void append_encoded(std::string& out, const HotPlateEntry& entry) {
  out += static_cast<char>(kVersion);
  out += static_cast<char>(entry.category);
  out += static_cast<char>(entry.priority);
  out += static_cast<char>(entry.expires_at ? 1 : 0);
  put_u64(out, static_cast<std::uint64_t>(entry.added_at.time_since_epoch().count()));
  put_u64(out, entry.expires_at ? static_cast<std::uint64_t>(entry.expires_at->time_since_epoch().count()) : 0);
  for (const auto* text : {&entry.plate, &entry.state, &entry.list, &entry.reason, &entry.source, &entry.case_number,
                           &entry.added_by, &entry.vehicle.make, &entry.vehicle.model, &entry.vehicle.colour})
    put_text(out, *text);
}

std::string encode_hot_plate(const HotPlateEntry& entry) {
  std::string out;
  out.reserve(64 + entry.reason.size());
  append_encoded(out, entry);
  return out;
}

HotPlateEntry decode_hot_plate(std::string_view bytes) {
  check_header(bytes);
  HotPlateEntry entry;
  const auto category = static_cast<std::uint8_t>(bytes[1]);
  if (category > static_cast<std::uint8_t>(Category::other))
    throw std::runtime_error("a stored hot plate has an unknown category code " + std::to_string(category));
  entry.category = static_cast<Category>(category);
  entry.priority = static_cast<std::uint8_t>(bytes[2]);
  entry.added_at = Timestamp(std::chrono::microseconds(static_cast<std::int64_t>(get_u64(bytes.data() + 4))));
  if (bytes[3] & 1)
    entry.expires_at = Timestamp(std::chrono::microseconds(static_cast<std::int64_t>(get_u64(bytes.data() + 12))));
  Reader reader{bytes};
  for (auto* text : {&entry.plate, &entry.state, &entry.list, &entry.reason, &entry.source, &entry.case_number,
                     &entry.added_by, &entry.vehicle.make, &entry.vehicle.model, &entry.vehicle.colour})
    *text = std::string(reader.text());
  return entry;
}

MatchFields decode_match_fields(std::string_view bytes) {
  check_header(bytes);
  MatchFields fields;
  if (bytes[3] & 1) fields.expires_at_us = static_cast<std::int64_t>(get_u64(bytes.data() + 12));
  Reader reader{bytes};
  fields.plate = reader.text();
  return fields;
}

KeyFields decode_key_fields(std::string_view bytes) {
  check_header(bytes);
  Reader reader{bytes};
  KeyFields fields;
  fields.plate = reader.text();
  fields.state = reader.text();
  fields.list = reader.text();
  return fields;
}

}  // namespace platebus::hotlist
