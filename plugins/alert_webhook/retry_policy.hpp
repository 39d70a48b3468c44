#pragma once
// What one POST's outcome means for the alert (delivered, try again, or give up) and how long to
// wait before the next attempt: doubling from initial_backoff up to max_backoff.
#include <chrono>
#include <string>

#include "webhook_settings.hpp"

namespace platebus::alerts {

// One attempt's outcome: an HTTP status, or status 0 and a connection-level error.
struct AttemptResult {
  int status = 0;
  std::string error;        // "connection refused", "timed out"... when status is 0
  std::string body_excerpt;  // the start of the server's answer, for the log
  std::chrono::milliseconds retry_after{0};  // a server's Retry-After, 0 when absent
};

enum class Verdict { delivered, retry, give_up };

// 2xx delivered; connection errors, 5xx and 429 are worth another try; any other answer (400, 401,
// 404...) will not change by retrying, so the alert is dropped with the reason.
Verdict verdict_for(const AttemptResult& result);

// The wait after failed attempt number `attempt` (1 for the first): initial * 2^(attempt-1), at most
// max_backoff; a longer Retry-After from the server is honoured up to max_backoff.
std::chrono::milliseconds backoff_after(int attempt, const RetrySettings& settings,
                                        std::chrono::milliseconds retry_after = std::chrono::milliseconds(0));

// "HTTP 503: overloaded" or "connection refused", for the log.
std::string describe(const AttemptResult& result);

}  // namespace platebus::alerts
