#pragma once
// Characters an OCR engine mixes up on plates (0/O/D/Q, 8/B ...). Each group has a representative,
// its first character; a plate's canonical form replaces every character by its group's
// representative, so two plates that differ only by confusions share one canonical form. The
// matcher indexes plates by that form and needs one lookup per read instead of one per variant.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace platebus::hotlist {

class ConfusableTable {
 public:
  // 0/O/D/Q, 1/I/L/T, 2/Z, 5/S, 6/G, 8/B.
  static ConfusableTable defaults();
  // Groups of characters, e.g. {"0ODQ", "8B"}: A-Z and 0-9 (lower case is folded), at least two per
  // group, none in two groups. Throws std::invalid_argument naming the group and the fix.
  static ConfusableTable from_groups(const std::vector<std::string>& groups);
  // No confusions at all: only exact and alternative matches.
  static ConfusableTable none() { return from_groups({}); }

  char canonical(char c) const { return canonical_[static_cast<unsigned char>(c)]; }
  std::string canonical_form(std::string_view plate) const;
  const std::vector<std::string>& groups() const { return groups_; }
  // The characters `c` may have been read as (itself included).
  std::string_view group_of(char c) const;

 private:
  ConfusableTable();
  std::array<char, 256> canonical_{};
  std::array<std::uint8_t, 256> group_index_{};  // 0: in no group; i + 1: groups_[i]
  std::vector<std::string> groups_;
};

}  // namespace platebus::hotlist
