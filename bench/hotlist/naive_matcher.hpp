#pragma once
// The baseline the benchmark compares against: a plain set of plates, probed with every confusable
// variant of each text of a read (what one writes first, and why the index files plates by their
// canonical form instead).
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "confusables.hpp"
#include "plate_normalizer.hpp"

namespace platebus::hotlist::bench {

class NaiveMatcher {
 public:
  explicit NaiveMatcher(ConfusableTable table) : table_(std::move(table)) {}
  void add(std::string plate) { plates_.insert(std::move(plate)); }
  void reserve(std::size_t n) { plates_.reserve(n); }

  // How many variants of the texts are hot plates.
  std::size_t count_hits(const std::vector<std::string_view>& texts) const {
    std::size_t hits = 0;
    for (const auto text : texts) {
      const auto plate = normalize_plate(text);
      if (!plate.ok()) continue;
      std::string variant = plate.plate;
      hits += walk(variant, 0);
    }
    return hits;
  }

 private:
  std::size_t walk(std::string& variant, std::size_t at) const {
    if (at == variant.size()) return plates_.count(variant);
    const char original = variant[at];
    std::size_t hits = 0;
    for (const char c : table_.group_of(original)) {
      variant[at] = c;
      hits += walk(variant, at + 1);
    }
    variant[at] = original;
    return hits;
  }

  ConfusableTable table_;
  std::unordered_set<std::string> plates_;
};

}  // namespace platebus::hotlist::bench
