#include "audit_settings.hpp"

#include <fmt/format.h>

#include "platebus/plugin.hpp"

namespace platebus::audit {

namespace {

std::string text_or_empty(const nlohmann::json& config, const char* key) {
  const auto& value = config.at(key);
  return value.is_null() ? "" : value.get<std::string>();
}

}  // namespace

AuditSettings AuditSettings::from_config(const nlohmann::json& config) {
  AuditSettings settings;
  settings.database = config.at("database").get<std::string>();
  settings.checkpoint_folder = config.at("checkpoint_folder").get<std::string>();
  settings.signing_key = text_or_empty(config, "signing_key");
  settings.signing_key_env = text_or_empty(config, "signing_key_env");
  settings.retention = std::chrono::milliseconds(config.at("retention").get<long long>());
  settings.checkpoint_interval = std::chrono::milliseconds(config.at("checkpoint_interval").get<long long>());
  settings.purge_interval = std::chrono::milliseconds(config.at("purge_interval").get<long long>());
  settings.map_size = config.at("map_size_mib").get<std::size_t>() << 20;
  parse_night_hours(config.at("night_hours").get<std::string>(), settings.thresholds);
  settings.thresholds.volume_factor = config.at("volume_factor").get<double>();
  settings.thresholds.volume_minimum = config.at("volume_minimum").get<long long>();
  settings.thresholds.empty_results_minimum = config.at("empty_results_minimum").get<long long>();
  settings.thresholds.reason_reuse_cases = config.at("reason_reuse_cases").get<long long>();
  settings.thresholds.case_plates_minimum = config.at("case_plates_minimum").get<long long>();
  return settings;
}

std::vector<ConfigProblem> AuditSettings::validate(const nlohmann::json& config) {
  std::vector<ConfigProblem> problems;
  const bool file = !text_or_empty(config, "signing_key").empty();
  if (file == !text_or_empty(config, "signing_key_env").empty())
    problems.push_back({file ? "signing_key" : "", "give exactly one of signing_key (a key file, created if missing) and "
                                                   "signing_key_env (the environment variable platebus is started "
                                                   "with, holding the key; never stored)"});
  try {
    ReportThresholds thresholds;
    parse_night_hours(config.at("night_hours").get<std::string>(), thresholds);
  } catch (const ConfigError& e) {
    problems.push_back({"night_hours", e.what()});
  }
  return problems;
}

}  // namespace platebus::audit
