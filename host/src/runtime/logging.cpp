#include "runtime/logging.hpp"

#include <mutex>
#include <stdexcept>

#include <nlohmann/json.hpp>
#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include "platebus/time.hpp"

namespace platebus::host {

namespace {

std::string to_std(spdlog::string_view_t text) { return {text.data(), text.size()}; }

// One JSON object per line, for log shippers: {"time", "level", "instance", "msg"}.
class JsonFormatter final : public spdlog::formatter {
 public:
  void format(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& dest) override {
    const auto time = std::chrono::time_point_cast<std::chrono::microseconds>(msg.time);
    const nlohmann::json line = {{"time", to_iso8601(Timestamp(time.time_since_epoch()))},
                                 {"level", to_std(spdlog::level::to_string_view(msg.level))},
                                 {"instance", to_std(msg.logger_name)},
                                 {"msg", std::string_view(msg.payload.data(), msg.payload.size())}};
    const auto text = line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
    dest.append(text.data(), text.data() + text.size());
  }
  std::unique_ptr<spdlog::formatter> clone() const override { return std::make_unique<JsonFormatter>(); }
};

std::unique_ptr<spdlog::formatter> text_formatter() {
  return std::make_unique<spdlog::pattern_formatter>("%Y-%m-%dT%H:%M:%S.%fZ %l [%n] %v", spdlog::pattern_time_type::utc);
}

std::mutex mutex;
spdlog::level::level_enum current_level = spdlog::level::info;
std::string current_format = "text";

std::shared_ptr<spdlog::sinks::sink> shared_sink() {
  static const auto sink = [] {
    auto s = std::make_shared<spdlog::sinks::stderr_sink_mt>();
    s->set_formatter(text_formatter());
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

spdlog::level::level_enum to_spdlog(LogLevel level) {
  switch (level) {
    case LogLevel::trace: return spdlog::level::trace;
    case LogLevel::debug: return spdlog::level::debug;
    case LogLevel::info: return spdlog::level::info;
    case LogLevel::warn: return spdlog::level::warn;
    case LogLevel::error: return spdlog::level::err;
  }
  return spdlog::level::info;
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

void set_log_format(const std::string& format) {
  {
    std::lock_guard lock(mutex);
    if (format == "json" || format == "text") current_format = format;
  }
  if (format == "json") {
    shared_sink()->set_formatter(std::make_unique<JsonFormatter>());
  } else if (format == "text") {
    shared_sink()->set_formatter(text_formatter());
  } else {
    throw std::invalid_argument("unknown log format '" + format + "'; use text or json");
  }
}

}  // namespace platebus::host

namespace platebus::host {

std::string current_log_level() {
  std::lock_guard lock(mutex);
  const auto name = spdlog::level::to_string_view(current_level);
  return name == "warning" ? "warn" : std::string(name.data(), name.size());
}

std::string current_log_format() {
  std::lock_guard lock(mutex);
  return current_format;
}

}  // namespace platebus::host
