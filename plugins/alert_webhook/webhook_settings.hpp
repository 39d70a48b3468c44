#pragma once
// The webhook's configuration, checked once: where to post, how long to wait, how to retry, how
// many alerts may wait, and the extra headers.
#include <chrono>
#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "webhook_url.hpp"

namespace platebus::alerts {

struct RetrySettings {
  int max_attempts = 8;
  std::chrono::milliseconds initial_backoff{500};
  std::chrono::milliseconds max_backoff{30000};
};

struct WebhookSettings {
  WebhookUrl url;
  std::chrono::milliseconds timeout{5000};
  RetrySettings retry;
  std::string ca_file;  // "" trusts the system's certificate authorities
  std::map<std::string, std::string> headers;
  std::size_t queue_size = 1000;
  std::chrono::milliseconds stop_grace{2000};

  // From the instance's checked config. Throws std::invalid_argument saying what to change.
  static WebhookSettings from_config(const nlohmann::json& config);
};

}  // namespace platebus::alerts
