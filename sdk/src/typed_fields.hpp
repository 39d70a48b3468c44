#pragma once
// Reading typed header fields with errors that name the message, the field and the problem.
#include <fmt/format.h>

#include "platebus/message.hpp"
#include "platebus/time.hpp"

namespace platebus::detail {

template <class T>
T read_field(const Message& message, const char* name) {
  const auto& value = required_field(message, name);
  try {
    return value.get<T>();
  } catch (const nlohmann::json::exception&) {
    throw MessageError(fmt::format("{} message from '{}': header field '{}' has the wrong type ({})", message.type(),
                                   message.source(), name, value.type_name()));
  }
}

template <class T>
T read_optional(const Message& message, const char* name, T fallback) {
  const auto it = message.header.find(name);
  if (it == message.header.end() || it->is_null()) return fallback;
  return read_field<T>(message, name);
}

// An optional whole number from 0 to `max`: nlohmann's get<int>() would take true as 1 and 2.7 as 2.
inline std::int64_t read_count(const Message& message, const char* name, std::int64_t max) {
  const auto it = message.header.find(name);
  if (it == message.header.end() || it->is_null()) return 0;
  if (!it->is_number_integer() || (it->is_number_unsigned() ? it->get<std::uint64_t>() > std::uint64_t(max)
                                                            : it->get<std::int64_t>() < 0 || it->get<std::int64_t>() > max))
    throw MessageError(fmt::format("{} message from '{}': header field '{}' must be a whole number from 0 to {}; got {}",
                                   message.type(), message.source(), name, max, it->dump()));
  return it->get<std::int64_t>();
}

inline Timestamp read_time(const Message& message, const char* name) {
  try {
    return parse_iso8601(read_field<std::string>(message, name));
  } catch (const std::invalid_argument& e) {
    throw MessageError(fmt::format("{} message from '{}': header field '{}': {}", message.type(), message.source(),
                                   name, e.what()));
  }
}

// Throws unless `value` (an array or an object) holds at most `max` items: without a cap a peer's
// 100,000 alternatives are copied into every subscriber's memory. `what` names the message.
inline void expect_at_most(const nlohmann::json& value, std::size_t max, const std::string& what, const char* name) {
  if ((value.is_array() || value.is_object()) && value.size() > max)
    throw MessageError(fmt::format("{}: '{}' holds {} items; at most {} are accepted", what, name, value.size(), max));
}

// Throws unless the message's "type" is `expected`.
inline void expect_type(const Message& message, const char* expected) {
  if (message.type() != expected) {
    throw MessageError(fmt::format("expected a {} message on topic '{}' but got '{}' from '{}'", expected,
                                   message.topic, message.type(), message.source()));
  }
}

}  // namespace platebus::detail
