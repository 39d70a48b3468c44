#include "api_settings.hpp"

#include <fmt/format.h>

#include "inquiry_rules.hpp"
#include "platebus/plugin.hpp"

namespace platebus::api {

namespace {

std::string optional_text(const nlohmann::json& config, const char* key) {
  const auto it = config.find(key);
  return it == config.end() || !it->is_string() ? std::string() : it->get<std::string>();
}

InquiryRoute inquiry_route(const nlohmann::json& item, std::size_t index) {
  const auto where = fmt::format("inquiry_routes[{}]", index);
  if (!item.is_object())
    throw ConfigError(fmt::format("{} must be a map {{path: /api/v1/..., category: ..., action: inquiry}}", where));
  for (const auto& [key, value] : item.items()) {
    if (key != "path" && key != "category" && key != "action")
      throw ConfigError(fmt::format("{} has unknown key '{}'; it takes path, category and action", where, key));
    if (!value.is_string()) throw ConfigError(fmt::format("{}.{} must be a string", where, key));
  }
  InquiryRoute route{item.value("path", ""), item.value("category", ""), item.value("action", "inquiry")};
  if (route.path.rfind("/api/v1/", 0) != 0 || route.path.size() <= 8 ||
      route.path.find_first_of("{}()[]*+?\\^$| ") != std::string::npos)
    throw ConfigError(fmt::format("{}.path '{}' must be a plain path under /api/v1/, e.g. /api/v1/hits/search", where,
                                  route.path));
  if (route.category.empty())
    throw ConfigError(fmt::format("{}.category is required: the audit category, e.g. hitlist.browse", where));
  if (route.action.empty()) throw ConfigError(fmt::format("{}.action is empty; leave it out for 'inquiry'", where));
  return route;
}

ConnectionLimits connection_limits(const nlohmann::json& config, std::size_t workers) {
  ConnectionLimits limits;
  limits.connections_per_client = config.at("connections_per_client").get<std::size_t>();
  if (limits.connections_per_client >= workers)
    throw ConfigError(fmt::format("connections_per_client ({}) must be less than worker_threads ({}), or one client "
                                  "can hold every worker",
                                  limits.connections_per_client, workers));
  limits.header_timeout = std::chrono::milliseconds(config.at("header_timeout").get<long long>());
  limits.body_timeout = std::chrono::milliseconds(config.at("body_timeout").get<long long>());
  limits.read_timeout = std::chrono::milliseconds(config.at("read_timeout").get<long long>());
  return limits;
}

}  // namespace

ApiSettings ApiSettings::from_config(const nlohmann::json& config) {
  ApiSettings settings;
  try {
    settings.listen = ListenAddress::parse(config.at("listen").get<std::string>());
  } catch (const std::invalid_argument& e) {
    throw SettingError("listen", e.what());
  }
  settings.certificate = optional_text(config, "certificate");
  settings.private_key = optional_text(config, "private_key");
  if (settings.certificate.empty() != settings.private_key.empty())
    throw ConfigError("set both certificate and private_key for TLS, or neither for plain HTTP");
  settings.allow_plain_http = config.at("allow_plain_http").get<bool>();
  if (!settings.tls() && !settings.allow_plain_http && !settings.listen.is_loopback())
    throw SettingError("listen", fmt::format(
        "listen '{}' is not a loopback address and no certificate is configured: passwords and session tokens would "
        "cross the network in clear; configure certificate and private_key, or set allow_plain_http: true",
        settings.listen.with_port(settings.listen.port)));
  settings.max_body_bytes = config.at("max_body_bytes").get<std::size_t>();
  settings.max_upload_bytes = config.at("max_upload_bytes").get<std::size_t>();
  settings.service_timeout = std::chrono::milliseconds(config.at("service_timeout").get<long long>());
  settings.worker_threads = config.at("worker_threads").get<std::size_t>();
  settings.connections = connection_limits(config, settings.worker_threads);
  settings.case_number_pattern = config.at("case_number_pattern").get<std::string>();
  settings.placeholder_reasons = config.at("placeholder_reasons").get<std::vector<std::string>>();
  try {
    InquiryRules(settings.case_number_pattern, settings.placeholder_reasons);
  } catch (const std::invalid_argument& e) {
    throw ConfigError(e.what());
  }
  const auto& routes = config.at("inquiry_routes");
  for (std::size_t i = 0; i < routes.size(); ++i) settings.inquiry_routes.push_back(inquiry_route(routes[i], i));
  settings.address_file = optional_text(config, "address_file");
  return settings;
}

}  // namespace platebus::api
