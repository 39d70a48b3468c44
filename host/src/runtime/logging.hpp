#pragma once
// One log line per event: "2026-11-28T17:02:03.123456Z info [cam1] text", UTC, the instance id (or
// "platebus" for the host itself) in brackets, to stderr.
#include <memory>
#include <string>

#include <spdlog/logger.h>

namespace platebus::host {

std::shared_ptr<spdlog::logger> make_logger(const std::string& name);
// Applies to every logger made so far and later. Throws std::invalid_argument for an unknown level.
void set_log_level(const std::string& level);

}  // namespace platebus::host
