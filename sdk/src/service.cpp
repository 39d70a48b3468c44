#include "platebus/service.hpp"

namespace platebus {

const char* to_string(ServiceStatus status) {
  switch (status) {
    case ServiceStatus::ok: return "ok";
    case ServiceStatus::unavailable: return "unavailable";
    case ServiceStatus::timeout: return "timeout";
    case ServiceStatus::denied: return "denied";
    case ServiceStatus::invalid: return "invalid";
    case ServiceStatus::failed: return "failed";
    case ServiceStatus::unauthenticated: return "unauthenticated";
  }
  return "failed";
}

Reply Reply::success(Message message) { return {ServiceStatus::ok, "", std::move(message)}; }

Reply Reply::failure(ServiceStatus status, std::string error) { return {status, std::move(error), {}}; }

}  // namespace platebus
