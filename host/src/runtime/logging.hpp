#pragma once
// One log line per event, to stderr, in UTC, with the instance id ("platebus" for the host itself):
//   text: 2026-11-28T17:02:03.123456Z info [cam1] text
//   json: {"time":"2026-11-28T17:02:03.123456Z","level":"info","instance":"cam1","msg":"text"}
#include <memory>
#include <string>

#include <spdlog/logger.h>

#include "platebus/context.hpp"

namespace platebus::host {

std::shared_ptr<spdlog::logger> make_logger(const std::string& name);
spdlog::level::level_enum to_spdlog(LogLevel level);
// Applies to every logger made so far and later. Throws std::invalid_argument for an unknown level.
void set_log_level(const std::string& level);
// "text" or "json"; throws std::invalid_argument otherwise.
void set_log_format(const std::string& format);
// What the two setters last set ("info" and "text" until then): an isolated instance's process logs alike.
std::string current_log_level();
std::string current_log_format();

}  // namespace platebus::host
