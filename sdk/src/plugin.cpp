#include "platebus/plugin.hpp"

namespace platebus {

Context::~Context() = default;
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
