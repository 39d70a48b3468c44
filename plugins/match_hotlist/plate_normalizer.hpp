#pragma once
// Plates are compared in one spelling: upper case, letters and digits only. Readers, uploads and
// the API all go through here so "7ab-c 123" and "7ABC123" are the same plate everywhere.
#include <cstddef>
#include <string>
#include <string_view>

namespace platebus::hotlist {

// Longest plate accepted. US plates have at most 8 characters; 10 leaves room for other regions and
// lets a packed plate fit one 64-bit word (plate_key.hpp).
inline constexpr std::size_t kMaxPlateLength = 10;

struct NormalizedPlate {
  std::string plate;    // the normalized plate when ok()
  std::string problem;  // why the text is not a plate, when !ok()
  bool ok() const { return problem.empty(); }
};

// Upper-cases and drops spaces, dashes and dots; refuses empty, too long and anything that is not
// A-Z or 0-9 afterwards, saying which character and where.
NormalizedPlate normalize_plate(std::string_view text);

// As normalize_plate, but also allows the wildcards of partial entries: '?' stands for exactly one
// character, one '*' for any run of characters (also none). A pattern needs at least 3 fixed
// characters so that it cannot match nearly every car.
NormalizedPlate normalize_plate_pattern(std::string_view text);

// True when a normalized plate holds a wildcard (a partial entry).
bool is_plate_pattern(std::string_view plate);

// True for the characters normalization removes.
inline bool is_plate_separator(char c) { return c == ' ' || c == '-' || c == '.' || c == '\t'; }

}  // namespace platebus::hotlist
