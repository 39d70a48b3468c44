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

AuditEvent lapsed_change_event(const PendingChange& change, Timestamp at) {
  return account_change(Actor::system(), "account:" + change.user, audit_outcome::refused,
                        "change " + change.id + " (" + change.type + ") asked by " + change.requested_by +
                            " lapsed unapproved",
                        {{"action", "change.lapse"}, {"change", change.to_public_json()}}, at);
}

AuditEvent deactivation_event(const Actor& actor, const Account& account, Timestamp at) {
  return account_change(actor, "account:" + account.user, audit_outcome::allowed,
                        "deactivated: " + account.status_reason, {{"action", "sweep"}}, at);
}

}  // namespace platebus::accounts
