#include "audit_events.hpp"

namespace platebus::accounts {

AuditEvent account_change(const Actor& actor, const std::string& target, const std::string& outcome,
                          const std::string& detail, nlohmann::json query, Timestamp at) {
  AuditEvent event;
  event.at = at;
  event.actor = actor;
  event.category = audit_category::account_change;
  event.target = target;
  event.query = std::move(query);
  event.outcome = outcome;
  event.detail = detail;
  return event;
}

AuditEvent deactivation_event(const Actor& actor, const Account& account, Timestamp at) {
  return account_change(actor, "account:" + account.user, audit_outcome::allowed,
                        "deactivated: " + account.status_reason, {{"action", "sweep"}}, at);
}

}  // namespace platebus::accounts
