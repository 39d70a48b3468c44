#include "confusables.hpp"

#include <stdexcept>

namespace platebus::hotlist {

ConfusableTable::ConfusableTable() {
  for (int c = 0; c < 256; ++c) canonical_[c] = static_cast<char>(c);
}

ConfusableTable ConfusableTable::defaults() { return from_groups({"0ODQ", "1ILT", "2Z", "5S", "6G", "8B"}); }

ConfusableTable ConfusableTable::from_groups(const std::vector<std::string>& groups) {
  ConfusableTable table;
  if (groups.size() > 36) throw std::invalid_argument("confusable groups: more than 36 groups cannot be distinct");
  for (const auto& given : groups) {
    std::string group;
    for (char c : given) {
      if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
      const bool symbol = (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
      if (!symbol)
        throw std::invalid_argument("confusable group '" + given +
                                    "' holds a character that is not A-Z or 0-9; list plate characters only");
      if (table.group_index_[static_cast<unsigned char>(c)] != 0 || group.find(c) != std::string::npos)
        throw std::invalid_argument("confusable group '" + given + "': '" + std::string(1, c) +
                                    "' is already in a group; merge the groups that share it");
      group += c;
    }
    if (group.size() < 2)
      throw std::invalid_argument("confusable group '" + given + "' needs at least two characters");
    table.groups_.push_back(group);
    for (const char c : group) {
      table.canonical_[static_cast<unsigned char>(c)] = group[0];
      table.group_index_[static_cast<unsigned char>(c)] = static_cast<std::uint8_t>(table.groups_.size());
    }
  }
  return table;
}

std::string ConfusableTable::canonical_form(std::string_view plate) const {
  std::string form(plate);
  for (auto& c : form) c = canonical(c);
  return form;
}

std::string_view ConfusableTable::group_of(char c) const {
  const auto index = group_index_[static_cast<unsigned char>(c)];
  if (index == 0) return std::string_view(&canonical_[static_cast<unsigned char>(c)], 1);
  return groups_[index - 1];
}

}  // namespace platebus::hotlist
