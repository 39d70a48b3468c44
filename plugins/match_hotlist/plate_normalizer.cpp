#include "plate_normalizer.hpp"

namespace platebus::hotlist {

namespace {

bool is_plate_symbol(char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

std::string printable(char c) {
  const auto byte = static_cast<unsigned char>(c);
  if (byte >= 0x20 && byte < 0x7f) return std::string("'") + c + "'";
  static const char* hex = "0123456789ABCDEF";
  return std::string("byte 0x") + hex[byte >> 4] + hex[byte & 15];
}

NormalizedPlate normalize(std::string_view text, bool allow_wildcards) {
  NormalizedPlate result;
  std::size_t stars = 0;
  std::size_t fixed = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (is_plate_separator(c)) continue;
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    const bool wildcard = allow_wildcards && (c == '?' || c == '*');
    if (!is_plate_symbol(c) && !wildcard) {
      result.problem = "plate '" + std::string(text) + "' holds " + printable(text[i]) + " at position " +
                       std::to_string(i + 1) + ": a plate is letters A-Z and digits 0-9" +
                       (allow_wildcards ? " (and the wildcards ? and * in a partial entry)" : "") +
                       "; spaces, dashes and dots are dropped";
      return result;
    }
    if (c == '*') ++stars;
    if (is_plate_symbol(c)) ++fixed;
    result.plate += c;
  }
  if (result.plate.empty()) {
    result.problem = "the plate is empty; give the plate's letters and digits";
  } else if (result.plate.size() - stars > kMaxPlateLength) {
    result.problem = "plate '" + std::string(text) + "' has " + std::to_string(result.plate.size() - stars) +
                     " characters; at most " + std::to_string(kMaxPlateLength) + " are allowed";
  } else if (stars > 1) {
    result.problem = "pattern '" + std::string(text) + "' has " + std::to_string(stars) +
                     " '*' wildcards; a partial entry may use one '*' (and any number of '?')";
  } else if (fixed != result.plate.size() && fixed < 3) {
    result.problem = "pattern '" + std::string(text) +
                     "' has fewer than 3 fixed characters and would match far too many cars; give more of the plate";
  }
  if (!result.ok()) result.plate.clear();
  return result;
}

}  // namespace

NormalizedPlate normalize_plate(std::string_view text) { return normalize(text, false); }

NormalizedPlate normalize_plate_pattern(std::string_view text) { return normalize(text, true); }

bool is_plate_pattern(std::string_view plate) { return plate.find_first_of("?*") != std::string_view::npos; }

}  // namespace platebus::hotlist
