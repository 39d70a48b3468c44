#pragma once
// The JSON lines the accounts test plugins write (one reply or audit event a line), parsed.
#include <vector>

#include <nlohmann/json.hpp>

#include "test_support.hpp"

namespace platebus::test {

inline std::vector<nlohmann::json> json_lines(const fs::path& file) {
  std::vector<nlohmann::json> lines;
  for (const auto& line : read_lines(file)) lines.push_back(nlohmann::json::parse(line));
  return lines;
}

}  // namespace platebus::test
