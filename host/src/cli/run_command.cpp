#include <csignal>
#include <fstream>
#include <iostream>
#include <unistd.h>

#include "cli/commands.hpp"
#include "cli/reload_answer.hpp"
#include "runtime/host.hpp"
#include "runtime/logging.hpp"

namespace platebus::host {

namespace {
sigset_t handled_signals() {
  sigset_t set;
  sigemptyset(&set);
  for (int signal : {SIGINT, SIGTERM, SIGHUP, SIGUSR1}) sigaddset(&set, signal);
  return set;
}

// Tells `platebus reload` (and only it: see reload_answer.hpp) whether its reload was taken.
void answer_reload(const siginfo_t& sender, ReloadOutcome outcome) {
  if (sender.si_code != SI_QUEUE || sender.si_value.sival_int != kReloadAsksForAnswer) return;
  sigqueue(sender.si_pid, kReloadAnswerSignal, sigval{static_cast<int>(outcome)});
}

class PidFile {
 public:
  explicit PidFile(std::string path) : path_(std::move(path)) {
    if (path_.empty()) return;
    std::ofstream(path_) << getpid() << "\n";
  }
  ~PidFile() {
    if (!path_.empty()) std::remove(path_.c_str());
  }

 private:
  std::string path_;
};
}  // namespace

int run_command(const RunOptions& options) {
  // Signals are taken synchronously by this thread; every thread started later inherits the mask.
  const sigset_t signals = handled_signals();
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  set_log_format(options.log_format);
  auto logger = make_logger("platebus");
  if (!options.log_level.empty()) set_log_level(options.log_level);

  Host host;
  if (!options.log_level.empty()) host.force_log_level(options.log_level);
  Diagnostics diagnostics;
  try {
    if (!host.start(options.config, diagnostics)) {
      std::cerr << diagnostics.to_string();
      return kExitBadInput;
    }
  } catch (const std::exception& e) {
    logger->error("cannot start: {}", e.what());
    return kExitFailure;
  }
  PidFile pid_file(options.pid_file);

  using clock = std::chrono::steady_clock;
  const auto deadline = options.run_for ? clock::now() + *options.run_for : clock::time_point::max();
  auto next_stats = clock::now() + host.deployment().log.stats_interval;
  while (clock::now() < deadline) {
    const auto wait = std::min({deadline, next_stats, clock::now() + std::chrono::milliseconds(500)}) - clock::now();
    const auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(std::max(wait, clock::duration::zero()));
    timespec timeout{static_cast<time_t>(ns.count() / 1'000'000'000), static_cast<long>(ns.count() % 1'000'000'000)};
    siginfo_t sender{};
    const int signal = sigtimedwait(&signals, &sender, &timeout);
    if (signal == SIGINT || signal == SIGTERM) {
      logger->info("received {}; stopping", signal == SIGINT ? "SIGINT" : "SIGTERM");
      break;
    }
    if (signal == SIGHUP) {
      logger->info("received SIGHUP; reloading {}", options.config);
      Diagnostics reload_diagnostics;
      auto outcome = ReloadOutcome::refused;
      try {
        if (host.reload(options.config, reload_diagnostics)) outcome = ReloadOutcome::applied;
      } catch (const std::exception& e) {
        logger->error("reload failed: {}", e.what());
        outcome = ReloadOutcome::failed;
      }
      answer_reload(sender, outcome);
    }
    if (signal == SIGUSR1 || clock::now() >= next_stats) {
      host.log_stats();
      next_stats = clock::now() + host.deployment().log.stats_interval;
    }
  }
  host.stop();
  return kExitOk;
}

}  // namespace platebus::host
