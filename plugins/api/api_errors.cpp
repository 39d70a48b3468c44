#include "api_errors.hpp"

#include "hostile_text.hpp"

namespace platebus::api {

int http_status(ServiceStatus status) {
  switch (status) {
    case ServiceStatus::ok: return 200;
    case ServiceStatus::unauthenticated: return 401;
    case ServiceStatus::denied: return 403;
    case ServiceStatus::invalid: return 400;
    case ServiceStatus::unavailable:
    case ServiceStatus::timeout:
    case ServiceStatus::failed: return 503;
  }
  return 500;
}

std::string error_code(int http_status) {
  switch (http_status) {
    case 400: return "invalid";
    case 401: return "unauthenticated";
    case 403: return "forbidden";
    case 404: return "not_found";
    case 405: return "method_not_allowed";
    case 413: return "too_large";
    case 415: return "unsupported_media_type";
    case 503: return "unavailable";
    default: return http_status >= 500 ? "internal" : "error";
  }
}

nlohmann::json error_body(int http_status, const std::string& message) {
  return {{"error", {{"status", http_status}, {"code", error_code(http_status)}, {"message", printable(message)}}}};
}

}  // namespace platebus::api
