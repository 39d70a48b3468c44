#pragma once
// The audit events the accounts themselves originate, for what no person asked through the API:
// the automatic 90-day deactivation, and what the offline tool did.
#include <string>

#include <nlohmann/json.hpp>

#include "account.hpp"
#include "pending_change.hpp"
#include "platebus/audit_event.hpp"

namespace platebus::accounts {

// An account.change event by `actor` on "account:USER" (or another target).
AuditEvent account_change(const Actor& actor, const std::string& target, const std::string& outcome,
                          const std::string& detail, nlohmann::json query, Timestamp at);

// A change that waited for a second program manager and lapsed unapproved (by actor system).
AuditEvent lapsed_change_event(const PendingChange& change, Timestamp at);

// One event per account the sweep disabled.
AuditEvent deactivation_event(const Actor& actor, const Account& account, Timestamp at);

}  // namespace platebus::accounts
