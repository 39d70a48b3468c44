#include "audit_trail.hpp"

#include <fmt/format.h>

#include "hostile_text.hpp"

namespace platebus::api {

namespace {

// What a record keeps of text that may have come from outside: printable, and bounded
// (kRecordedTextBytes each, kRecordedQueryBytes for the query), so any request can be stored.
AuditEvent storable(AuditEvent event) {
  for (auto* text : {&event.target, &event.detail, &event.case_number, &event.reason}) *text = printable(*text);
  event.query = printable_json(event.query);
  return event;
}

}  // namespace

std::optional<std::string> AuditTrail::record(const AuditEvent& unchecked, std::uint64_t* sequence) {
  const auto event = storable(unchecked);
  Message request;
  request.header = {{field::type, "AuditRecord"}, {"event", event.to_json()}, {field::actor, event.actor.to_json()}};
  const auto reply = ctx_.call("audit", std::move(request), deadline_);
  if (reply.ok()) {
    if (sequence) *sequence = reply.message.header.value("sequence", std::uint64_t{0});
    return std::nullopt;
  }
  const auto why = fmt::format("{} ({})", reply.error, to_string(reply.status));
  ctx_.error("audit record of {} '{}' by '{}' not stored: {}", event.category, event.target, event.actor.user, why);
  return why;
}

}  // namespace platebus::api
