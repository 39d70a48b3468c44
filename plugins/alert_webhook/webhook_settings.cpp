#include "webhook_settings.hpp"

#include <filesystem>
#include <stdexcept>

#include <fmt/format.h>

namespace platebus::alerts {

namespace {

std::map<std::string, std::string> header_map(const nlohmann::json& headers) {
  std::map<std::string, std::string> result;
  for (const auto& [name, value] : headers.items()) {
    if (!value.is_string())
      throw std::invalid_argument(fmt::format("headers: '{}' must be text (quote numbers)", name));
    const auto text = value.get<std::string>();
    if (name.empty() || name.find_first_of(":\r\n ") != std::string::npos || text.find_first_of("\r\n") != std::string::npos)
      throw std::invalid_argument(fmt::format("headers: '{}' is not a valid header name or has a line break in its "
                                              "value",
                                              name));
    result[name] = text;
  }
  return result;
}

}  // namespace

WebhookSettings WebhookSettings::from_config(const nlohmann::json& config) {
  WebhookSettings settings;
  settings.url = WebhookUrl::parse(config.at("url").get<std::string>());
  if (settings.url.scheme == "http" && !settings.url.is_loopback() && !config.at("allow_plain_http").get<bool>())
    throw std::invalid_argument(fmt::format(
        "url '{}' is plain http to a host that is not loopback: hits would cross the network unencrypted; use "
        "https, or set allow_plain_http: true for a network you trust",
        config.at("url").get<std::string>()));
  const auto duration = [&config](const char* key) { return std::chrono::milliseconds(config.at(key).get<long long>()); };
  settings.timeout = duration("timeout");
  settings.retry.max_attempts = config.at("max_attempts").get<int>();
  settings.retry.initial_backoff = duration("initial_backoff");
  settings.retry.max_backoff = duration("max_backoff");
  if (settings.retry.max_backoff < settings.retry.initial_backoff)
    throw std::invalid_argument("max_backoff must be at least initial_backoff");
  settings.queue_size = config.at("queue_size").get<std::size_t>();
  settings.stop_grace = duration("stop_grace");
  if (const auto& ca = config.at("ca_file"); !ca.is_null() && !ca.get<std::string>().empty()) {
    settings.ca_file = ca.get<std::string>();
    if (!std::filesystem::is_regular_file(settings.ca_file))
      throw std::invalid_argument("ca_file '" + settings.ca_file + "' is not a file: give the PEM certificate(s) to trust");
    if (settings.url.scheme != "https") throw std::invalid_argument("ca_file is set but the url is not https");
  }
  settings.headers = header_map(config.at("headers"));
  return settings;
}

}  // namespace platebus::alerts
