// `platebus isolated-instance`: the child process of an instance marked `isolate: true`. The host
// starts it, and it runs that one plugin and nothing else; a crash here ends only this process.
#include <csignal>
#include <pthread.h>
#include <thread>

#include "cli/commands.hpp"
#include "loader/plugin_catalog.hpp"
#include "runtime/isolated_child_context.hpp"
#include "runtime/logging.hpp"
#include "runtime/plugin_run.hpp"

namespace platebus::host {

namespace {
// SIGTERM from the host asks the plugin to stop; what a terminal sends is for the host to handle.
class StopSignal {
 public:
  explicit StopSignal(IsolatedChildContext& ctx) {
    sigemptyset(&set_);
    sigaddset(&set_, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set_, nullptr);
    for (int ignored : {SIGINT, SIGHUP, SIGPIPE, SIGUSR1}) std::signal(ignored, SIG_IGN);
    thread_ = std::thread([this, &ctx] {
      int signal = 0;
      sigwait(&set_, &signal);
      ctx.request_stop();
    });
  }
  ~StopSignal() {
    pthread_kill(thread_.native_handle(), SIGTERM);  // wakes sigwait if no SIGTERM came
    thread_.join();
  }

 private:
  sigset_t set_;
  std::thread thread_;
};
}  // namespace

int isolated_instance_command(const IsolatedInstanceOptions& options) {
  zmq::context_t zmq(1);
  IsolatedChildContext ctx(zmq, options.channel, options.instance);
  StopSignal stop_signal(ctx);
  auto logger = make_logger(options.instance);
  ctx.set_logger(logger);
  std::string failure;
  bool config_error = false;
  try {
    const auto hello = ctx.hello();
    set_log_format(hello.at("log_format").get<std::string>());
    set_log_level(hello.at("log_level").get<std::string>());
    const auto catalog = PluginCatalog::of_file(hello.at("library").get<std::string>());
    const auto* plugin = catalog.find(hello.at("plugin").get<std::string>());
    if (!plugin) {
      failure = catalog.refused().empty() ? "its library holds no such plugin" : catalog.refused().front().reason;
    } else {
      ctx.hold_library(plugin->library);
      failure = run_plugin_once(*plugin, ctx, *logger, config_error);
    }
  } catch (const std::exception& e) {
    failure = e.what();
  }
  try {
    ctx.report_outcome(failure, config_error);
  } catch (const std::exception& e) {
    logger->error("cannot tell the host how the plugin ended: {}", e.what());
    return kExitFailure;
  }
  return failure.empty() ? kExitOk : kExitFailure;
}

}  // namespace platebus::host
