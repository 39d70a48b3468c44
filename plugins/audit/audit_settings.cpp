#include "audit_settings.hpp"

#include <fmt/format.h>

#include "platebus/plugin.hpp"
#include "retention.hpp"

namespace platebus::audit {

namespace {

long long at_least(const nlohmann::json& config, const char* key, long long minimum) {
  const auto value = config.at(key).get<long long>();
  if (value < minimum) throw ConfigError(fmt::format("{} is {}; it must be {} or more", key, value, minimum));
  return value;
}

std::chrono::milliseconds positive_duration(const nlohmann::json& config, const char* key) {
  const std::chrono::milliseconds value(at_least(config, key, 0));
  if (value < std::chrono::seconds(1))
    throw ConfigError(fmt::format("{} is {} ms; give at least 1s (e.g. 1h)", key, value.count()));
  return value;
}

std::string text_or_empty(const nlohmann::json& config, const char* key) {
  const auto it = config.find(key);
  return it == config.end() || it->is_null() ? "" : it->get<std::string>();
}

}  // namespace

AuditSettings AuditSettings::from_config(const nlohmann::json& config) {
  AuditSettings settings;
  settings.database = config.at("database").get<std::string>();
  settings.checkpoint_folder = config.at("checkpoint_folder").get<std::string>();
  settings.signing_key = text_or_empty(config, "signing_key");
  settings.signing_key_env = text_or_empty(config, "signing_key_env");
  if (settings.signing_key.empty() == settings.signing_key_env.empty())
    throw ConfigError("give exactly one of signing_key (a key file, created if missing) and signing_key_env (the "
                      "environment variable platebus is started with, holding the key; never stored)");
  settings.retention = std::chrono::milliseconds(config.at("retention").get<long long>());
  check_retention(settings.retention);
  settings.checkpoint_interval = positive_duration(config, "checkpoint_interval");
  settings.purge_interval = positive_duration(config, "purge_interval");
  settings.map_size = static_cast<std::size_t>(at_least(config, "map_size_mib", 1)) << 20;
  parse_night_hours(config.at("night_hours").get<std::string>(), settings.thresholds);
  settings.thresholds.volume_factor = config.at("volume_factor").get<double>();
  if (settings.thresholds.volume_factor <= 1)
    throw ConfigError(fmt::format("volume_factor is {}; it must be more than 1 (e.g. 3)", settings.thresholds.volume_factor));
  settings.thresholds.volume_minimum = at_least(config, "volume_minimum", 1);
  settings.thresholds.empty_results_minimum = at_least(config, "empty_results_minimum", 1);
  settings.thresholds.reason_reuse_cases = at_least(config, "reason_reuse_cases", 2);
  settings.thresholds.case_plates_minimum = at_least(config, "case_plates_minimum", 2);
  return settings;
}

}  // namespace platebus::audit
