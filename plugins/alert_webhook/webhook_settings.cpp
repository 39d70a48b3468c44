#include "webhook_settings.hpp"

#include <filesystem>
#include <stdexcept>

#include <fmt/format.h>

namespace platebus::alerts {

namespace {

long long in_range(const nlohmann::json& config, const char* key, long long low, long long high, const char* unit) {
  const auto value = config.at(key).get<long long>();
  if (value < low || value > high)
    throw std::invalid_argument(fmt::format("{} is {}{}; use {} to {}{}", key, value, unit, low, high, unit));
  return value;
}

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
  settings.timeout = std::chrono::milliseconds(in_range(config, "timeout", 100, 120000, " ms"));
  settings.retry.max_attempts = static_cast<int>(in_range(config, "max_attempts", 1, 100, ""));
  settings.retry.initial_backoff = std::chrono::milliseconds(in_range(config, "initial_backoff", 1, 3600000, " ms"));
  settings.retry.max_backoff = std::chrono::milliseconds(in_range(config, "max_backoff", 1, 3600000, " ms"));
  if (settings.retry.max_backoff < settings.retry.initial_backoff)
    throw std::invalid_argument("max_backoff must be at least initial_backoff");
  settings.queue_size = static_cast<std::size_t>(in_range(config, "queue_size", 1, 1000000, ""));
  settings.stop_grace = std::chrono::milliseconds(in_range(config, "stop_grace", 0, 600000, " ms"));
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
