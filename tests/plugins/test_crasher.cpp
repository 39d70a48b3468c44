// test.crasher: publishes numbered messages (or takes messages in), then brings its whole process
// down the way a broken driver does (segfault, abort, exit(), stack overflow, an exception escaping
// its own thread): after `crash_after` published, or on the message after `crash_after` received.
#include <algorithm>
#include <csignal>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <thread>

#include "platebus/plugin.hpp"

namespace {

int* volatile nowhere = nullptr;  // volatile: the compiler cannot prove the write below harmless

[[gnu::noinline]] int recurse(int depth) {
  volatile char frame[4096];
  frame[0] = static_cast<char>(depth);
  if (depth < 0) return 0;  // never: depth only grows
  return recurse(depth + 1) + frame[0];  // not a tail call: every level keeps its frame
}

[[noreturn]] void crash(const std::string& how) {
  if (how == "segfault") *nowhere = 1;
  if (how == "abort") std::abort();
  if (how == "exit") std::exit(3);
  if (how == "stack_overflow") recurse(0);
  if (how == "thread_exception") {
    std::thread([] { throw std::runtime_error("deliberate: escapes its own thread"); }).join();
  }
  std::abort();
}

class Crasher final : public platebus::Plugin {
 public:
  void configure(platebus::Context& ctx) override {
    how_ = ctx.config().at("crash").get<std::string>();
    static const char* kWays[] = {"segfault", "abort", "exit", "stack_overflow", "thread_exception"};
    if (std::find(std::begin(kWays), std::end(kWays), how_) == std::end(kWays))
      throw platebus::ConfigError("crash must be segfault, abort, exit, stack_overflow or thread_exception");
    on_received_ = ctx.config().at("trigger").get<std::string>() == "received";
  }

  void run(platebus::Context& ctx) override {
    const auto crash_after = ctx.config().at("crash_after").get<long long>();
    const auto interval = std::chrono::milliseconds(ctx.config().at("interval").get<long long>());
    if (on_received_) {
      for (long long n = 0; !ctx.stopping();)
        if (ctx.receive(std::chrono::milliseconds(200)) && ++n > crash_after) crash(how_);
      return;
    }
    for (long long n = 1; ctx.sleep_for(interval); ++n) {
      if (n > crash_after) crash(how_);
      platebus::Message message;
      message.header = {{platebus::field::type, "Count"}, {"n", n}};
      ctx.publish("out", message);
    }
  }

 private:
  std::string how_;
  bool on_received_ = false;
};

constexpr platebus::PortSpec kPorts[] = {
    {"out", platebus::PortDirection::output, "Count", platebus::Delivery::lossless, "numbered messages"},
    {"in", platebus::PortDirection::input, "*", platebus::Delivery::lossless, "messages to count (trigger: received)"}};
constexpr platebus::ConfigKey kConfig[] = {
    {"crash", platebus::ConfigType::string, "segfault",
     "how to die: segfault, abort, exit, stack_overflow or thread_exception"},
    {"trigger", platebus::ConfigType::string, "published", "count messages published or received"},
    {"crash_after", platebus::ConfigType::integer, "3", "messages published (or received) before each crash"},
    {"interval", platebus::ConfigType::duration, "5ms", "pause between messages"}};

}  // namespace

PLATEBUS_PLUGIN(platebus::describe_plugin<Crasher>("test.crasher", "1.0.0", "Crashes its process on purpose", kPorts,
                                                   kConfig))
