#pragma once
// What the host gives a running plugin instance: its config, its ports on the bus, a log, and
// the stop signal. The host implements it; plugins only call it.
//
// Threads: every call below may be made from any thread of the plugin (the recognizer publishes
// from its workers), in process and isolated alike, except receive(), which belongs to the thread
// that runs run(). Each method says what concurrent calls do.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "platebus/message.hpp"
#include "platebus/service.hpp"

namespace platebus {

enum class LogLevel { trace, debug, info, warn, error };

class PLATEBUS_SDK_API Context {
 public:
  virtual ~Context();

  // Any thread: fixed for the instance's life.
  virtual const std::string& instance_id() const = 0;
  // The instance's `config:` map, checked against the descriptor (types and constraints), defaults
  // filled in, durations converted to integer milliseconds. Read it once, in configure(), into the
  // plugin's own settings struct (docs/plugin-guide.md). Any thread: it never changes while the
  // plugin object lives.
  virtual const nlohmann::json& config() const = 0;

  // Sends on an output port to the topic the YAML maps it to (nothing happens for an unmapped
  // port). On a lossless port this waits while a subscriber's queue is full; it returns early
  // only when the instance is stopping. Any thread: concurrent publishes take turns, and each
  // topic's `seq` follows the order in which they got their turn.
  virtual void publish(std::string_view port, Message message) = 0;
  // Any thread: the deployment's wiring is fixed for the instance's life.
  virtual bool is_published(std::string_view port) const = 0;

  // The next message from any subscribed port, or nothing after `timeout` or once stopping.
  // Only the thread that runs run(): the host judges the instance idle by this one caller
  // waiting (a drain and a shutdown rely on it). Hand messages to other threads with begin_work().
  virtual std::optional<Message> receive(std::chrono::milliseconds timeout) = 0;

  // Any thread.
  virtual bool stopping() const = 0;
  // Sleeps, waking early when the instance is asked to stop; returns false in that case. Any
  // thread: every sleeper wakes at a stop.
  virtual bool sleep_for(std::chrono::milliseconds duration) = 0;

  // Any thread: lines from different threads never interleave.
  virtual void log(LogLevel level, std::string_view text) = 0;

  // Calls the service the deployment maps `port` (a call port) to, waiting at most `deadline`.
  // Set the request's "type" and, when a person asked, "actor". Never throws for the service's
  // sake: an absent or crashed provider gives `unavailable` at once, a slow one `timeout`. Any
  // thread: in process, concurrent calls wait side by side; an isolated instance's calls take turns
  // (each waits for the one before, so keep deadlines short when several threads call).
  virtual Reply call(std::string_view port, Message request, std::chrono::milliseconds deadline) = 0;
  // Answers a request that receive() delivered on a serve port (its `port` names it). Each request
  // takes one answer; answering after the caller's deadline is harmless. Any thread, so a request
  // may be answered by the worker that handled it.
  virtual void reply(const Message& request, Reply reply) = 0;

  // For a plugin that hands received messages to threads of its own: the host takes an instance
  // waiting in receive() with an empty queue for idle, and a shutdown stops it then. Call
  // begin_work() for each message handed over, before calling receive() again, and end_work() once
  // what it produced is published; a shutdown waits until every begin_work() is matched before it
  // stops the instance (docs/plugin-guide.md). Plugins that work only on their own thread need neither.
  // Any thread (end_work() usually comes from the worker that finished).
  virtual void begin_work();
  virtual void end_work();

  // Formatted log(): any thread.
  template <class... Args>
  void debug(fmt::format_string<Args...> format, Args&&... args) {
    log(LogLevel::debug, fmt::format(format, std::forward<Args>(args)...));
  }
  template <class... Args>
  void info(fmt::format_string<Args...> format, Args&&... args) {
    log(LogLevel::info, fmt::format(format, std::forward<Args>(args)...));
  }
  template <class... Args>
  void warn(fmt::format_string<Args...> format, Args&&... args) {
    log(LogLevel::warn, fmt::format(format, std::forward<Args>(args)...));
  }
  template <class... Args>
  void error(fmt::format_string<Args...> format, Args&&... args) {
    log(LogLevel::error, fmt::format(format, std::forward<Args>(args)...));
  }
};

}  // namespace platebus
