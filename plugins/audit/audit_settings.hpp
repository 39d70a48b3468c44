#pragma once
// The audit plugin's config, read once from ctx.config() and checked (docs/audit.md lists the keys).
#include <chrono>
#include <filesystem>
#include <vector>

#include <nlohmann/json.hpp>

#include "platebus/descriptor.hpp"
#include "yearly_report.hpp"

namespace platebus::audit {

struct AuditSettings {
  std::filesystem::path database;
  std::chrono::milliseconds retention{};
  std::filesystem::path checkpoint_folder;
  std::filesystem::path signing_key;  // a key file, or
  std::string signing_key_env;        // the environment variable holding the key (never stored)
  std::chrono::milliseconds checkpoint_interval{};
  std::chrono::milliseconds purge_interval{};
  std::size_t map_size = 0;  // bytes
  ReportThresholds thresholds;

  // From settings the host checked against the plugin's key table and validate() (docs/plugin-guide.md).
  static AuditSettings from_config(const nlohmann::json& config);
  // What the key table cannot say: exactly one signing key source, night_hours as START-END.
  static std::vector<ConfigProblem> validate(const nlohmann::json& config);
};

}  // namespace platebus::audit
