#include "platebus/audit_event.hpp"

#include <fmt/format.h>

#include "typed_fields.hpp"

namespace platebus {

nlohmann::json AuditEvent::to_json() const {
  nlohmann::json value = {{"at", to_iso8601(at)},   {"actor", actor.to_json()}, {"category", category},
          {"target", target},       {"query", query},           {"case_number", case_number},
          {"reason", reason},       {"outcome", outcome},       {"detail", detail},
          {"sequence", sequence}};
  // Written only when set: older records keep their form.
  if (!emitted_by.empty()) value["emitted_by"] = emitted_by;
  if (outcome_of != 0) value["outcome_of"] = outcome_of;
  return value;
}

AuditEvent AuditEvent::from_json(const nlohmann::json& value) {
  Message wrapped;
  wrapped.header = value;
  wrapped.header[field::type] = kType;
  return from_message(wrapped);
}

Message AuditEvent::to_message() const {
  Message message;
  message.header = to_json();
  message.header[field::type] = kType;
  return message;
}

AuditEvent AuditEvent::from_message(const Message& message) {
  detail::expect_type(message, kType);
  AuditEvent event;
  event.at = detail::read_time(message, "at");
  const auto actor = message.header.find("actor");
  if (actor == message.header.end() || !actor->is_object())
    throw MessageError(fmt::format("AuditEvent from '{}': header field 'actor' must be an object "
                                   "{{\"user\": ..., \"roles\": [...], \"session\": ..., \"client\": ...}}",
                                   message.source()));
  event.actor = Actor::from_json(*actor);
  event.category = detail::read_field<std::string>(message, "category");
  if (event.category.empty())
    throw MessageError(fmt::format("AuditEvent from '{}': 'category' is empty", message.source()));
  event.target = detail::read_optional<std::string>(message, "target", "");
  event.query = message.header.value("query", nlohmann::json::object());
  detail::expect_at_most(event.query, kMaxQueryMembers, fmt::format("AuditEvent from '{}'", message.source()), "query");
  event.case_number = detail::read_optional<std::string>(message, "case_number", "");
  event.reason = detail::read_optional<std::string>(message, "reason", "");
  event.outcome = detail::read_field<std::string>(message, "outcome");
  if (event.outcome != audit_outcome::allowed && event.outcome != audit_outcome::refused &&
      event.outcome != audit_outcome::failed)
    throw MessageError(fmt::format("AuditEvent from '{}': 'outcome' is '{}'; write allowed, refused or failed",
                                   message.source(), event.outcome));
  event.detail = detail::read_optional<std::string>(message, "detail", "");
  event.emitted_by = detail::read_optional<std::string>(message, "emitted_by", "");  // as stored; emitters' is replaced
  event.sequence = detail::read_optional<std::uint64_t>(message, "sequence", 0);
  event.outcome_of = detail::read_optional<std::uint64_t>(message, "outcome_of", 0);
  return event;
}

}  // namespace platebus
