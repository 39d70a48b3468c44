#pragma once
// Retention: records are kept at least two years (policy), so a shorter retention is refused, and
// a purge is itself an audit record (retention.purge, by the system) in the same transaction.
#include <chrono>
#include <optional>

#include "audit_store.hpp"

namespace platebus::audit {

inline constexpr std::chrono::milliseconds kMinimumRetention = std::chrono::hours(24 * 730);

// Throws platebus::ConfigError when `retention` is below 730 days.
void check_retention(std::chrono::milliseconds retention);

// Purges the records older than `now - retention` and records the purge. Nothing when none is old.
std::optional<PurgeSummary> purge_expired(AuditStore& store, Timestamp now, std::chrono::milliseconds retention);

}  // namespace platebus::audit
