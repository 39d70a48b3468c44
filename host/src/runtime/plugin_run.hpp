#pragma once
// One life of a plugin object: create, configure, start, run, stop. In-process instances and
// isolated ones (in their child process) both live through it, so a failure reads the same in each.
#include <string>

#include <spdlog/logger.h>

#include "loader/plugin_catalog.hpp"
#include "platebus/context.hpp"

namespace platebus::host {

// Returns "" when run() returned, or what failed; `config_error` says configure() refused the config.
std::string run_plugin_once(const PluginLibrary& library, Context& ctx, spdlog::logger& logger, bool& config_error);

}  // namespace platebus::host
