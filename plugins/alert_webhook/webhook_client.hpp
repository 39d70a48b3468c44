#pragma once
// One POST of one alert to the webhook, over HTTPS with the server's certificate verified (or plain
// HTTP where the settings allow it). Connection-level failures come back as results, not exceptions.
#include <memory>
#include <mutex>

#include "delivery_queue.hpp"
#include "retry_policy.hpp"
#include "webhook_settings.hpp"

namespace httplib {
class Client;
}

namespace platebus::alerts {

class WebhookClient {
 public:
  explicit WebhookClient(const WebhookSettings& settings);
  ~WebhookClient();

  AttemptResult post(const PendingAlert& alert);
  // Aborts a POST in progress from another thread (at the end of the stop grace period).
  void abort();

 private:
  const WebhookSettings& settings_;
  std::unique_ptr<httplib::Client> client_;
};

}  // namespace platebus::alerts
