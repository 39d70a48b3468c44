#pragma once
// What the host itself did: a deployment reloaded or refused, an instance started or stopped. The
// host publishes these on the topic the deployment names (bus.lifecycle_topic) and knows no more;
// whoever subscribes decides what to make of them (the audit plugin records reloads).
#include <string>

#include "platebus/message.hpp"
#include "platebus/time.hpp"

namespace platebus {

namespace lifecycle_kind {
inline constexpr const char* reloaded = "reloaded";                // subject: the deployment file
inline constexpr const char* config_refused = "config.refused";    // subject: the file; detail: its errors
inline constexpr const char* instance_started = "instance.started";  // subject: the instance id
inline constexpr const char* instance_stopped = "instance.stopped";  // subject: the instance id
}  // namespace lifecycle_kind

struct PLATEBUS_SDK_API LifecycleEvent {
  static constexpr const char* kType = "LifecycleEvent";

  Timestamp at{};
  std::string kind;     // a lifecycle_kind; readers skip kinds they do not know
  std::string subject;  // what it happened to: a deployment file or an instance id
  std::string detail;   // in words: what was started and kept, the errors that refused a file

  Message to_message() const;
  // Throws MessageError naming the missing or malformed field.
  static LifecycleEvent from_message(const Message& message);
};

}  // namespace platebus
