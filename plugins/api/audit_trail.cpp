#include "audit_trail.hpp"

#include <fmt/format.h>

namespace platebus::api {

std::optional<std::string> AuditTrail::record(const AuditEvent& event) {
  Message request;
  request.header = {{field::type, "AuditRecord"}, {"event", event.to_json()}, {field::actor, event.actor.to_json()}};
  const auto reply = ctx_.call("audit", std::move(request), deadline_);
  if (reply.ok()) return std::nullopt;
  const auto why = fmt::format("{} ({})", reply.error, to_string(reply.status));
  ctx_.error("audit record of {} '{}' by '{}' not stored: {}", event.category, event.target, event.actor.user, why);
  return why;
}

}  // namespace platebus::api
