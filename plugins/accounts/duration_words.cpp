#include "duration_words.hpp"

#include <fmt/format.h>

namespace platebus::accounts {

std::string describe(std::chrono::milliseconds duration) {
  using namespace std::chrono;
  const auto count = duration.count();
  const auto plural = [](long long n, const char* unit) { return fmt::format("{} {}{}", n, unit, n == 1 ? "" : "s"); };
  if (count % duration_cast<milliseconds>(days{1}).count() == 0) return plural(count / 86'400'000, "day");
  if (count % duration_cast<milliseconds>(hours{1}).count() == 0) return plural(count / 3'600'000, "hour");
  if (count % duration_cast<milliseconds>(minutes{1}).count() == 0) return plural(count / 60'000, "minute");
  if (count % 1000 == 0) return plural(count / 1000, "second");
  return fmt::format("{} ms", count);
}

}  // namespace platebus::accounts
