#include "retry_policy.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace platebus::alerts {

Verdict verdict_for(const AttemptResult& result) {
  if (result.status >= 200 && result.status < 300) return Verdict::delivered;
  if (result.status == 0 || result.status >= 500 || result.status == 429) return Verdict::retry;
  return Verdict::give_up;
}

std::chrono::milliseconds backoff_after(int attempt, const RetrySettings& settings,
                                        std::chrono::milliseconds retry_after) {
  auto wait = settings.initial_backoff;
  for (int i = 1; i < attempt && wait < settings.max_backoff; ++i) wait *= 2;
  return std::min(std::max(wait, retry_after), settings.max_backoff);
}

std::string describe(const AttemptResult& result) {
  if (result.status == 0) return result.error;
  if (result.body_excerpt.empty()) return fmt::format("HTTP {}", result.status);
  return fmt::format("HTTP {}: {}", result.status, result.body_excerpt);
}

}  // namespace platebus::alerts
