#include "retention.hpp"

#include <fmt/format.h>

#include "platebus/plugin.hpp"

namespace platebus::audit {

void check_retention(std::chrono::milliseconds retention) {
  if (retention < kMinimumRetention)
    throw ConfigError(fmt::format("retention is {} days; audit records must be kept at least 730 days (two years "
                                  "by policy): set retention to 730d or more",
                                  std::chrono::duration<double, std::ratio<86400>>(retention).count()));
}

std::optional<PurgeSummary> purge_expired(AuditStore& store, Timestamp now, std::chrono::milliseconds retention) {
  check_retention(retention);
  const auto cutoff = now - std::chrono::duration_cast<std::chrono::microseconds>(retention);
  return store.purge_before(cutoff, [&](const PurgeSummary& summary) {
    AuditEvent event;
    event.at = now;
    event.actor = Actor::system();
    event.category = audit_category::retention_purge;
    event.target = "audit records";
    event.query = {{"purged", summary.purged},
                   {"first_sequence", summary.first_sequence},
                   {"last_sequence", summary.last_sequence},
                   {"anchor_hash", summary.anchor_hash},
                   {"older_than", to_iso8601(cutoff)}};
    event.outcome = audit_outcome::allowed;
    event.detail = fmt::format("purged records {}-{} (older than the retention of {} days)", summary.first_sequence,
                               summary.last_sequence, retention.count() / 86'400'000);
    return event;
  });
}

}  // namespace platebus::audit
