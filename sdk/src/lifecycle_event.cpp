#include "platebus/lifecycle_event.hpp"

#include <fmt/format.h>

#include "typed_fields.hpp"

namespace platebus {

Message LifecycleEvent::to_message() const {
  Message message;
  message.header = {{field::type, kType}, {"at", to_iso8601(at)}, {"kind", kind}, {"subject", subject}, {"detail", detail}};
  return message;
}

LifecycleEvent LifecycleEvent::from_message(const Message& message) {
  detail::expect_type(message, kType);
  LifecycleEvent event;
  event.at = detail::read_time(message, "at");
  event.kind = detail::read_field<std::string>(message, "kind");
  if (event.kind.empty()) throw MessageError(fmt::format("LifecycleEvent from '{}': 'kind' is empty", message.source()));
  event.subject = detail::read_optional<std::string>(message, "subject", "");
  event.detail = detail::read_optional<std::string>(message, "detail", "");
  return event;
}

}  // namespace platebus
