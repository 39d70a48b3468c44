#include "webhook_client.hpp"

#include <charconv>

#include <httplib.h>

namespace platebus::alerts {

namespace {

constexpr const char* kUserAgent = "PlateBus-alert.webhook/0.1";

std::string error_text(httplib::Error error, const WebhookSettings& settings) {
  const auto name = httplib::to_string(error);
  switch (error) {
    case httplib::Error::Connection: return "cannot connect to " + settings.url.origin() + " (" + name + ")";
    case httplib::Error::SSLServerVerification:
      return "the server's certificate is not trusted (" + name +
             "): set ca_file to the PEM of the certificate authority that signed it";
    case httplib::Error::Read: return "no answer within the timeout, or the connection broke (" + name + ")";
    default: return name;
  }
}

std::chrono::milliseconds retry_after(const httplib::Response& response) {
  const auto text = response.get_header_value("Retry-After");
  long long seconds = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), seconds);
  if (text.empty() || error != std::errc() || seconds < 0) return std::chrono::milliseconds(0);
  return std::chrono::seconds(std::min<long long>(seconds, 24 * 3600));
}

}  // namespace

WebhookClient::WebhookClient(const WebhookSettings& settings)
    : settings_(settings), client_(std::make_unique<httplib::Client>(settings.url.origin())) {
  const auto seconds = settings.timeout.count() / 1000;
  const auto micros = (settings.timeout.count() % 1000) * 1000;
  client_->set_connection_timeout(seconds, micros);
  client_->set_read_timeout(seconds, micros);
  client_->set_write_timeout(seconds, micros);
  client_->enable_server_certificate_verification(true);
  if (!settings.ca_file.empty()) client_->set_ca_cert_path(settings.ca_file);
}

WebhookClient::~WebhookClient() = default;

AttemptResult WebhookClient::post(const PendingAlert& alert) {
  httplib::Headers headers{{"Idempotency-Key", alert.hit_id}, {"User-Agent", kUserAgent}};
  for (const auto& [name, value] : settings_.headers) headers.emplace(name, value);
  const auto response = client_->Post(settings_.url.target, headers, alert.body, "application/json");
  AttemptResult result;
  if (!response) {
    result.error = error_text(response.error(), settings_);
    return result;
  }
  result.status = response->status;
  result.body_excerpt = response->body.substr(0, 200);
  result.retry_after = retry_after(*response);
  return result;
}

void WebhookClient::abort() { client_->stop(); }

}  // namespace platebus::alerts
