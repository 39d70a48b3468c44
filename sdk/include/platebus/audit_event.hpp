#pragma once
// Something a person did that the use policy requires to be on record.
#include <string>

#include <nlohmann/json.hpp>

#include "platebus/message.hpp"
#include "platebus/time.hpp"

namespace platebus {

struct PLATEBUS_SDK_API AuditEvent {
  static constexpr const char* kType = "AuditEvent";

  std::string event_id;
  Timestamp at{};
  std::string actor;        // account name
  std::string action;       // "login", "hotlist.browse", "hotplate.upload", ...
  std::string target;       // what was acted on
  std::string case_number;  // required for queries by policy; "" for logins
  std::string reason;
  std::string outcome;  // "ok", "denied", "failed"
  nlohmann::json details = nlohmann::json::object();

  Message to_message() const;
  static AuditEvent from_message(const Message& message);
};

}  // namespace platebus
