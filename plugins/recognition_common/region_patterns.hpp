#pragma once
// Which plate formats are accepted, per region: a reading is published only when it matches a
// pattern of some region, and it is labelled with the first such region (in name order).
#include <optional>
#include <regex>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace platebus::recognition {

class RegionPatterns {
 public:
  // From a JSON object {"us": ["^[A-Z0-9]{2,10}$"], "us-ca": "^[0-9][A-Z]{3}[0-9]{3}$"} (a region's
  // value is one pattern or a list). Throws std::invalid_argument naming the region and pattern.
  static RegionPatterns from_json(const nlohmann::json& config);

  // The region whose pattern `text` matches, or nothing.
  std::optional<std::string> region_of(const std::string& text) const;

 private:
  std::vector<std::pair<std::string, std::regex>> patterns_;
};

}  // namespace platebus::recognition
