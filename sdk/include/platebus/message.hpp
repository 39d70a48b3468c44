#pragma once
// A bus message: a topic, a self-describing JSON header and binary parts (see docs/messages.md).
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "platebus/blob.hpp"

namespace platebus {

// Header fields every message carries. On publish the host sets `source`, `seq`, `delivery` and
// `host` (overwriting what the plugin wrote) and `time` when the plugin left it out; the publisher
// sets `type`, and `actor` when a person caused the message.
namespace field {
inline constexpr const char* type = "type";
inline constexpr const char* source = "source";      // publishing instance id
inline constexpr const char* time = "time";          // UTC ISO 8601, when the message was made
inline constexpr const char* seq = "seq";            // per publisher and topic, from 1; gaps are drops
inline constexpr const char* delivery = "delivery";  // "latest" or "lossless"
inline constexpr const char* actor = "actor";        // who caused it: {"user": ..., "session": ...}
inline constexpr const char* parts = "parts";        // one description per binary part
}  // namespace field

struct PLATEBUS_SDK_API Message {
  std::string topic;        // on receipt: the topic it came on; on publish the host sets it from the port
  std::string port;         // on receipt: the subscription or serve port that took it
  // Set by the host, and only by it, on a request it delivers to a serve port; empty on every
  // topic message. It never travels in the header, so no publisher can make a message a request.
  std::string request_id;
  nlohmann::json header = nlohmann::json::object();
  std::vector<Blob> parts;

  std::string type() const;    // header "type", or "" when missing
  bool is_request() const { return !request_id.empty(); }
  std::string source() const;  // header "source", or ""
  // A header field as text, or "" when it is missing or not text: safe on what any peer sends.
  std::string text(const char* name) const;
};

// Thrown when a message does not have the shape its type requires; the text says which field.
class PLATEBUS_SDK_API MessageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Reads a required header field of a message, throwing MessageError that names type, source, field.
PLATEBUS_SDK_API const nlohmann::json& required_field(const Message& message, const char* name);

}  // namespace platebus
