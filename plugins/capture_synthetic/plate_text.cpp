#include "plate_text.hpp"

namespace platebus::synthetic {

namespace {

// Appending rather than prepending (`"\"" + std::string(...)`), which GCC 12 flags with a false
// -Wrestrict warning at -O3.
std::string quoted(std::string_view text) {
  std::string s(1, '"');
  s += text;
  s += '"';
  return s;
}

}  // namespace

std::string plate_text_problem(std::string_view text) {
  if (text.size() < kMinPlateChars || text.size() > kMaxPlateChars) {
    return "a plate has " + std::to_string(kMinPlateChars) + " to " + std::to_string(kMaxPlateChars) +
           " characters, " + quoted(text) + " has " + std::to_string(text.size());
  }
  const auto alnum = [](char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); };
  for (char c : text) {
    if (!alnum(c) && c != ' ' && c != '-') {
      return quoted(text) + " contains '" + std::string(1, c) +
             "'; use only upper-case A-Z, digits 0-9, space or dash";
    }
  }
  if (!alnum(text.front()) || !alnum(text.back())) {
    return quoted(text) + " must begin and end with a letter or digit";
  }
  return {};
}

}  // namespace platebus::synthetic
