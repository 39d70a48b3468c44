#include "runtime/plugin_run.hpp"

namespace platebus::host {

std::string run_plugin_once(const PluginLibrary& library, Context& ctx, spdlog::logger& logger, bool& config_error) {
  std::shared_ptr<Plugin> plugin;
  try {
    plugin = library.create();
    plugin->configure(ctx);
  } catch (const ConfigError& e) {
    config_error = true;
    return e.what();
  } catch (const std::exception& e) {
    return e.what();
  } catch (...) {
    return "an exception of unknown type";
  }
  // Exceptions are turned into text here, while the plugin's code is surely still loaded.
  std::string failure;
  try {
    plugin->start(ctx);
    plugin->run(ctx);
  } catch (const std::exception& e) {
    failure = e.what();
  } catch (...) {
    failure = "an exception of unknown type";
  }
  try {
    plugin->stop(ctx);
  } catch (const std::exception& e) {
    logger.error("stop() failed: {}", e.what());
  } catch (...) {
    logger.error("stop() failed with an exception of unknown type");
  }
  return failure;
}

}  // namespace platebus::host
