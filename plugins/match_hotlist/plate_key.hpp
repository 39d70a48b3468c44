#pragma once
// A plate of up to 10 characters packed into one 64-bit word (6 bits a character, codes 1..36,
// first character highest), so the matcher hashes and compares integers instead of strings.
#include <cstdint>
#include <string_view>

#include "confusables.hpp"
#include "plate_normalizer.hpp"

namespace platebus::hotlist {

inline std::uint8_t plate_symbol_code(char c) {
  if (c >= '0' && c <= '9') return static_cast<std::uint8_t>(c - '0' + 1);
  if (c >= 'A' && c <= 'Z') return static_cast<std::uint8_t>(c - 'A' + 11);
  return 0;
}

struct PlateKeys {
  std::uint64_t exact = 0;      // the plate as read
  std::uint64_t canonical = 0;  // every confusable character replaced by its group's representative
};

// Packs text as a reader produced it: separators dropped and case folded in the same pass, as
// normalize_plate does. False when the text is not a plate (empty, too long, other characters).
inline bool pack_plate_keys(std::string_view text, const ConfusableTable& table, PlateKeys& keys) {
  keys = {};
  std::size_t length = 0;
  for (char c : text) {
    if (is_plate_separator(c)) continue;
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    const auto code = plate_symbol_code(c);
    if (code == 0 || ++length > kMaxPlateLength) return false;
    keys.exact = (keys.exact << 6) | code;
    keys.canonical = (keys.canonical << 6) | plate_symbol_code(table.canonical(c));
  }
  return length > 0;
}

}  // namespace platebus::hotlist
