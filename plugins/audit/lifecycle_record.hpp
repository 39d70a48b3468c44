#pragma once
// What the audit trail keeps of the host's lifecycle events: the policy asks for configuration
// changes (docs/audit.md), so a reload applied or refused becomes a config.reload record; starts and
// stops of single instances are the host's own business and are not recorded.
#include <optional>

#include "platebus/audit_event.hpp"
#include "platebus/lifecycle_event.hpp"

namespace platebus::audit {

std::optional<AuditEvent> audit_record_of(const LifecycleEvent& event);

}  // namespace platebus::audit
