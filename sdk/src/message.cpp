#include "platebus/message.hpp"

#include <fmt/format.h>

namespace platebus {

std::string Message::text(const char* name) const {
  const auto it = header.find(name);
  return it != header.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::string Message::type() const { return text(field::type); }
std::string Message::source() const { return text(field::source); }

const nlohmann::json& required_field(const Message& message, const char* name) {
  const auto it = message.header.find(name);
  if (it == message.header.end() || it->is_null()) {
    throw MessageError(fmt::format("{} message from '{}' on topic '{}' has no header field '{}'",
                                   message.type().empty() ? "untyped" : message.type(), message.source(),
                                   message.topic, name));
  }
  return *it;
}

}  // namespace platebus
