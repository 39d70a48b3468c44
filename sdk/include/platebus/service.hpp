#pragma once
// Request/reply between plugins: a plugin serves a named service on a `serve` port and calls one
// through a `call` port; the deployment maps ports to service names, as it maps topics. A reply
// says ok or a typed error; a call to a service nobody serves, or whose provider is down, fails at
// once with `unavailable` instead of waiting for its deadline.
#include <string>

#include "platebus/message.hpp"

namespace platebus {

enum class ServiceStatus {
  ok,
  unavailable,  // no running provider: fails fast
  timeout,      // the deadline passed before a reply
  denied,       // the actor may not do this
  invalid,      // the request is malformed; the text says which field
  failed,       // the provider tried and could not (e.g. storage refused the write)
  unauthenticated,  // nobody is logged in, or the session expired or ended
};

PLATEBUS_SDK_API const char* to_string(ServiceStatus status);

struct PLATEBUS_SDK_API Reply {
  ServiceStatus status = ServiceStatus::failed;
  std::string error;  // what went wrong and what to do, for anything but ok
  Message message;    // the answer, when ok (its header needs no "type" beyond what the service says)

  bool ok() const { return status == ServiceStatus::ok; }
  static Reply success(Message message = {});
  static Reply failure(ServiceStatus status, std::string error);
};

// Header fields of a request, set by the host on call(): which service and until when. What makes a
// message a request is not in its header but its Message::request_id, which only the host sets.
namespace field {
inline constexpr const char* deadline = "deadline";  // UTC ISO 8601
inline constexpr const char* service = "service";
}  // namespace field

}  // namespace platebus
