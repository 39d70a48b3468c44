#include "platebus/plugin.hpp"

namespace platebus {

Context::~Context() = default;
// Appended with defaults, so plugins built before them and other Context implementations still work.
void Context::begin_work() {}
void Context::end_work() {}
Plugin::~Plugin() = default;

void Plugin::configure(Context&) {}
void Plugin::start(Context&) {}
void Plugin::stop(Context&) {}
void Plugin::on_message(Context&, const Message&) {}

void Plugin::run(Context& ctx) {
  // A short receive timeout keeps the stop signal responsive without busy waiting.
  while (!ctx.stopping()) {
    if (auto message = ctx.receive(std::chrono::milliseconds(200))) on_message(ctx, *message);
  }
}

}  // namespace platebus
