#pragma once
// How the API answers when it does not do what was asked: one HTTP status per kind of refusal
// (fixed and documented in docs/api.md) and one JSON error body shape.
#include <string>

#include <nlohmann/json.hpp>

#include "platebus/service.hpp"

namespace platebus::api {

// The HTTP status for a service's answer: unauthenticated 401, denied 403, invalid 400, and 503
// when the service could not confirm (unavailable, timeout, failed).
int http_status(ServiceStatus status);

// A short machine-readable code for an HTTP status ("unauthenticated", "forbidden", ...).
std::string error_code(int http_status);

// {"error": {"status": N, "code": "...", "message": "..."}}; the message made printable and cut to
// kRecordedTextBytes, since it may quote what the client sent.
nlohmann::json error_body(int http_status, const std::string& message);

}  // namespace platebus::api
