#include "platebus_eval/recognizer_run.hpp"

#include <thread>

#include <fmt/format.h>

#include "platebus_eval/eval_context.hpp"
#include "runtime/logging.hpp"

namespace platebus::eval {

RunOutcome run_recognizer(const host::PluginLibrary& plugin, const nlohmann::json& settings, const LabelledSet& set) {
  EvalContext ctx(settings, set, host::make_logger("recognizer"));
  auto instance = plugin.create();
  std::string failure;
  // The same lifecycle the host runs, on a thread of its own.
  std::thread runner([&] {
    try {
      instance->configure(ctx);
      instance->start(ctx);
      instance->run(ctx);
    } catch (const std::exception& e) {
      failure = e.what();
      ctx.request_stop();
    }
    try {
      instance->stop(ctx);
    } catch (const std::exception& e) {
      if (failure.empty()) failure = e.what();
    }
  });
  const bool done = ctx.wait_until_done(std::chrono::seconds(120));
  const double wall_s = ctx.seconds_since_first_frame();
  ctx.request_stop();
  runner.join();
  if (!failure.empty()) throw std::runtime_error(fmt::format("{} failed: {}", plugin.name(), failure));
  if (!done) throw std::runtime_error(fmt::format("{} stopped answering (no result for 120 s)", plugin.name()));
  return {ctx.outcomes(), wall_s};
}

}  // namespace platebus::eval
