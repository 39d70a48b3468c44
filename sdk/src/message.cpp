#include "platebus/message.hpp"

#include <fmt/format.h>

namespace platebus {

namespace {
std::string string_field(const nlohmann::json& header, const char* name) {
  const auto it = header.find(name);
  return it != header.end() && it->is_string() ? it->get<std::string>() : std::string();
}
}  // namespace

std::string Message::type() const { return string_field(header, field::type); }
std::string Message::source() const { return string_field(header, field::source); }

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
