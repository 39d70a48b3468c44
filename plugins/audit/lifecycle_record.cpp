#include "lifecycle_record.hpp"

namespace platebus::audit {

std::optional<AuditEvent> audit_record_of(const LifecycleEvent& event) {
  const bool applied = event.kind == lifecycle_kind::reloaded;
  if (!applied && event.kind != lifecycle_kind::config_refused) return std::nullopt;
  AuditEvent record;
  record.at = event.at;
  record.actor = Actor::system();
  record.category = audit_category::config_reload;
  record.target = event.subject;
  record.outcome = applied ? audit_outcome::allowed : audit_outcome::refused;
  record.detail = event.detail;
  return record;
}

}  // namespace platebus::audit
