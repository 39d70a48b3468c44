#include "account_settings.hpp"

#include <fmt/format.h>

#include "platebus/plugin.hpp"

namespace platebus::accounts {

namespace {

const nlohmann::json& value_of(const nlohmann::json& settings, const char* key) {
  const auto it = settings.find(key);
  if (it == settings.end() || it->is_null())
    throw ConfigError(fmt::format("config key '{}' is missing; see `platebus plugins accounts`", key));
  return *it;
}

std::chrono::milliseconds duration_at_least(const nlohmann::json& settings, const char* key,
                                            std::chrono::milliseconds minimum, const char* minimum_text) {
  const auto& value = value_of(settings, key);
  if (!value.is_number_integer()) throw ConfigError(fmt::format("'{}' must be a duration such as 30m", key));
  const std::chrono::milliseconds duration(value.get<long long>());
  if (duration < minimum)
    throw ConfigError(fmt::format("'{}' is {} ms; set it to {} or more", key, duration.count(), minimum_text));
  return duration;
}

int whole_number(const nlohmann::json& settings, const char* key, int low, int high, const char* usual) {
  const auto& value = value_of(settings, key);
  if (!value.is_number_integer() || value.get<long long>() < low || value.get<long long>() > high)
    throw ConfigError(fmt::format("'{}' must be a whole number from {} to {} ({})", key, low, high, usual));
  return value.get<int>();
}

std::filesystem::path path_of(const nlohmann::json& settings, const char* key) {
  const auto& value = value_of(settings, key);
  if (!value.is_string() || value.get<std::string>().empty())
    throw ConfigError(fmt::format("'{}' must name a path", key));
  return value.get<std::string>();
}

}  // namespace

AccountSettings AccountSettings::from_config(const nlohmann::json& settings) {
  using namespace std::chrono;
  AccountSettings result;
  result.database = path_of(settings, "database");
  result.banned_passwords = path_of(settings, "banned_passwords");
  result.idle_timeout = duration_at_least(settings, "idle_timeout", seconds(1), "1s");
  result.session_lifetime = duration_at_least(settings, "session_lifetime", seconds(1), "1s");
  if (result.session_lifetime < result.idle_timeout)
    throw ConfigError("'session_lifetime' is shorter than 'idle_timeout'; make it at least as long (default 12h)");
  result.inactivity_limit = duration_at_least(settings, "inactivity_limit", seconds(1), "1s (policy: 90d)");
  result.lockout_window = duration_at_least(settings, "lockout_window", seconds(1), "1s (policy: 15m)");
  result.sweep_interval = duration_at_least(settings, "sweep_interval", seconds(1), "1s (policy: 24h)");
  result.lockout_duration = duration_at_least(settings, "lockout_duration", seconds(1), "1s (policy: 15m)");
  result.lockout_attempts = whole_number(settings, "lockout_attempts", 1, 100, "policy: 5");
  result.approval_window = duration_at_least(settings, "approval_window", seconds(1), "1s (default 72h)");
  result.designee_max_days = whole_number(settings, "designee_max_days", 1, 366, "default 30");
  result.password_workers = whole_number(settings, "password_workers", 1, 16, "default 2");
  result.password_queue = whole_number(settings, "password_queue", 1, 10000, "default 32");
  return result;
}

}  // namespace platebus::accounts
