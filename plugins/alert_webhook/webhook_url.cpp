#include "webhook_url.hpp"

#include <arpa/inet.h>

#include <charconv>
#include <stdexcept>

namespace platebus::alerts {

namespace {

[[noreturn]] void refuse(const std::string& text, const std::string& why) {
  throw std::invalid_argument("url '" + text + "' " + why +
                              "; write it as https://host[:port]/path (http only for loopback)");
}

}  // namespace

WebhookUrl WebhookUrl::parse(const std::string& text) {
  WebhookUrl url;
  const auto scheme_end = text.find("://");
  if (scheme_end == std::string::npos) refuse(text, "has no scheme");
  url.scheme = text.substr(0, scheme_end);
  if (url.scheme != "http" && url.scheme != "https") refuse(text, "has scheme '" + url.scheme + "'");
  auto rest = text.substr(scheme_end + 3);
  const auto slash = rest.find_first_of("/?");
  url.target = slash == std::string::npos ? "/" : rest.substr(slash);
  if (url.target.front() == '?') url.target = "/" + url.target;
  auto authority = rest.substr(0, slash);
  if (authority.find('@') != std::string::npos) refuse(text, "carries credentials (use `headers` for a token)");
  std::string port_text;
  if (!authority.empty() && authority.front() == '[') {
    const auto close = authority.find(']');
    if (close == std::string::npos) refuse(text, "has an unclosed IPv6 bracket");
    url.host = authority.substr(1, close - 1);
    if (close + 1 < authority.size()) {
      if (authority[close + 1] != ':') refuse(text, "has text after the IPv6 address");
      port_text = authority.substr(close + 2);
    }
  } else {
    const auto colon = authority.find(':');
    url.host = authority.substr(0, colon);
    if (colon != std::string::npos) port_text = authority.substr(colon + 1);
  }
  if (url.host.empty()) refuse(text, "has no host");
  url.port = url.scheme == "https" ? 443 : 80;
  if (!port_text.empty()) {
    const auto [end, error] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), url.port);
    if (error != std::errc() || end != port_text.data() + port_text.size() || url.port < 1 || url.port > 65535)
      refuse(text, "has port '" + port_text + "', not 1 to 65535");
  }
  return url;
}

bool WebhookUrl::is_loopback() const {
  if (host == "localhost") return true;
  in_addr v4{};
  if (inet_pton(AF_INET, host.c_str(), &v4) == 1) return (ntohl(v4.s_addr) >> 24) == 127;
  in6_addr v6{};
  return inet_pton(AF_INET6, host.c_str(), &v6) == 1 && IN6_IS_ADDR_LOOPBACK(&v6);
}

std::string WebhookUrl::origin() const {
  const auto shown_host = host.find(':') != std::string::npos ? "[" + host + "]" : host;
  return scheme + "://" + shown_host + ":" + std::to_string(port);
}

}  // namespace platebus::alerts
