#include "runtime/logging.hpp"

#include <mutex>
#include <stdexcept>

#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

namespace platebus::host {

namespace {
std::mutex mutex;
spdlog::level::level_enum current_level = spdlog::level::info;

std::shared_ptr<spdlog::sinks::sink> shared_sink() {
  static const auto sink = [] {
    auto s = std::make_shared<spdlog::sinks::stderr_sink_mt>();
    s->set_formatter(std::make_unique<spdlog::pattern_formatter>("%Y-%m-%dT%H:%M:%S.%fZ %l [%n] %v",
                                                                 spdlog::pattern_time_type::utc));
    return s;
  }();
  return sink;
}
}  // namespace

std::shared_ptr<spdlog::logger> make_logger(const std::string& name) {
  std::lock_guard lock(mutex);
  auto logger = std::make_shared<spdlog::logger>(name, shared_sink());
  logger->set_level(current_level);
  logger->flush_on(spdlog::level::trace);
  spdlog::drop(name);
  spdlog::register_logger(logger);  // so set_log_level reaches it
  return logger;
}

void set_log_level(const std::string& level) {
  const auto parsed = spdlog::level::from_str(level == "warn" ? "warning" : level);
  if (parsed == spdlog::level::off && level != "off") {
    throw std::invalid_argument("unknown log level '" + level + "'; use trace, debug, info, warn or error");
  }
  std::lock_guard lock(mutex);
  current_level = parsed;
  spdlog::set_level(parsed);
}

}  // namespace platebus::host
