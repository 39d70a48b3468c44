#pragma once
// What test.recorder wrote: one "topic source n type" line per message it received.
#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

#include "test_support.hpp"

namespace platebus::test {

struct Line {
  std::string topic, source, type;
  long long n = 0;
};

inline std::vector<Line> recorded(const fs::path& file) {
  std::vector<Line> lines;
  for (const auto& text : read_lines(file)) {
    std::istringstream in(text);
    Line line;
    in >> line.topic >> line.source >> line.n >> line.type;
    lines.push_back(line);
  }
  return lines;
}

inline std::size_t count_of(const std::vector<Line>& lines, const std::string& source) {
  return std::count_if(lines.begin(), lines.end(), [&](const Line& l) { return l.source == source; });
}

}  // namespace platebus::test
