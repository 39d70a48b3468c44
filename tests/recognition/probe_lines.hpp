#pragma once
// The JSON lines test.read_probe writes, for the recognition tests that run it in the host.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "test_support.hpp"

namespace platebus::test {

// The lines of one type ("" = all); a line still being written is skipped.
inline std::vector<nlohmann::json> probed(const fs::path& file, const std::string& type = "") {
  std::vector<nlohmann::json> out;
  for (const auto& line : read_lines(file)) {
    if (line.empty()) continue;
    auto parsed = nlohmann::json::parse(line, nullptr, false);
    if (parsed.is_discarded()) continue;
    if (type.empty() || parsed.value("type", "") == type) out.push_back(std::move(parsed));
  }
  return out;
}

}  // namespace platebus::test
