#include "platebus/audit_event.hpp"

#include "typed_fields.hpp"

namespace platebus {

Message AuditEvent::to_message() const {
  Message message;
  message.header = {{field::type, kType},       {"event_id", event_id}, {"at", to_iso8601(at)},
                    {"actor_name", actor},      {"action", action},     {"target", target},
                    {"case_number", case_number}, {"reason", reason},   {"outcome", outcome},
                    {"details", details}};
  message.header[field::actor] = {{"user", actor}};
  return message;
}

AuditEvent AuditEvent::from_message(const Message& message) {
  detail::expect_type(message, kType);
  AuditEvent event;
  event.event_id = detail::read_field<std::string>(message, "event_id");
  event.at = detail::read_time(message, "at");
  event.actor = detail::read_field<std::string>(message, "actor_name");
  event.action = detail::read_field<std::string>(message, "action");
  event.target = detail::read_optional<std::string>(message, "target", "");
  event.case_number = detail::read_optional<std::string>(message, "case_number", "");
  event.reason = detail::read_optional<std::string>(message, "reason", "");
  event.outcome = detail::read_field<std::string>(message, "outcome");
  event.details = message.header.value("details", nlohmann::json::object());
  return event;
}

}  // namespace platebus
