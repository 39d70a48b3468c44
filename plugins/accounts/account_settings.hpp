#pragma once
// The accounts plugin's config keys, checked by the host (their constraints and validate()). The plugin and the offline tool both read them
// from an instance's settings (defaults applied and paths resolved by the host).
#include <chrono>
#include <filesystem>
#include <vector>

#include <nlohmann/json.hpp>

#include "platebus/descriptor.hpp"

namespace platebus::accounts {

struct AccountSettings {
  std::filesystem::path database;
  std::filesystem::path banned_passwords = "/usr/share/dict/cracklib-small";
  std::chrono::milliseconds idle_timeout{std::chrono::minutes(30)};
  std::chrono::milliseconds session_lifetime{std::chrono::hours(12)};
  std::chrono::milliseconds inactivity_limit{std::chrono::hours(24 * 90)};
  int lockout_attempts = 5;
  std::chrono::milliseconds lockout_window{std::chrono::minutes(15)};
  std::chrono::milliseconds lockout_duration{std::chrono::minutes(15)};  // then the lock lifts by itself
  std::chrono::milliseconds sweep_interval{std::chrono::hours(24)};
  int designee_max_days = 30;   // the longest designee grant, both ends included
  // A change that needs a second program manager waits this long for one, then lapses.
  std::chrono::milliseconds approval_window{std::chrono::hours(72)};
  int password_workers = 2;     // threads that hash passwords, off the service's own thread
  int password_queue = 32;      // password requests waiting for them; beyond, `unavailable` at once

  // From settings the host checked against the plugin's key table and validate() (durations in
  // milliseconds).
  static AccountSettings from_config(const nlohmann::json& settings);
  // What the key table cannot say: a session lives at least as long as its idle timeout.
  static std::vector<ConfigProblem> validate(const nlohmann::json& settings);
};

}  // namespace platebus::accounts
