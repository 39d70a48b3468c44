#include "account_settings.hpp"


namespace platebus::accounts {

AccountSettings AccountSettings::from_config(const nlohmann::json& settings) {
  const auto duration = [&settings](const char* key) { return std::chrono::milliseconds(settings.at(key).get<long long>()); };
  AccountSettings result;
  result.database = settings.at("database").get<std::string>();
  result.banned_passwords = settings.at("banned_passwords").get<std::string>();
  result.idle_timeout = duration("idle_timeout");
  result.session_lifetime = duration("session_lifetime");
  result.inactivity_limit = duration("inactivity_limit");
  result.lockout_window = duration("lockout_window");
  result.sweep_interval = duration("sweep_interval");
  result.lockout_duration = duration("lockout_duration");
  result.lockout_attempts = settings.at("lockout_attempts").get<int>();
  result.approval_window = duration("approval_window");
  result.designee_max_days = settings.at("designee_max_days").get<int>();
  result.password_workers = settings.at("password_workers").get<int>();
  result.password_queue = settings.at("password_queue").get<int>();
  return result;
}

std::vector<ConfigProblem> AccountSettings::validate(const nlohmann::json& settings) {
  if (settings.at("session_lifetime").get<long long>() < settings.at("idle_timeout").get<long long>())
    return {{"session_lifetime", "is shorter than 'idle_timeout'; make it at least as long (default 12h)"}};
  return {};
}

}  // namespace platebus::accounts
