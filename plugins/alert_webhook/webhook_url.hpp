#pragma once
// The webhook's `url`, split the way the HTTP client needs it, and whether its host is loopback
// (the only place plain HTTP is allowed unless the deployment says otherwise).
#include <string>

namespace platebus::alerts {

struct WebhookUrl {
  std::string scheme;  // "http" or "https"
  std::string host;    // without brackets for IPv6
  int port = 0;
  std::string target;  // path and query, "/" at least

  // Throws std::invalid_argument naming the text and the expected form.
  static WebhookUrl parse(const std::string& text);
  bool is_loopback() const;
  // "https://host:port" as the client takes it (IPv6 in brackets).
  std::string origin() const;
};

}  // namespace platebus::alerts
