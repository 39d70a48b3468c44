#include <csignal>
#include <ctime>
#include <fstream>
#include <iostream>
#include <optional>

#include "cli/commands.hpp"
#include "cli/reload_answer.hpp"

namespace platebus::host {

namespace {

// Long enough for a reload that stops and starts instances (each stop is bounded by stop_timeout).
constexpr int kAnswerWaitSeconds = 120;

// The host's answer, or nothing when none came in time (a host older than this command never answers).
std::optional<ReloadOutcome> wait_for_answer(const sigset_t& answer, pid_t host) {
  const auto deadline = std::time(nullptr) + kAnswerWaitSeconds;
  for (auto now = std::time(nullptr); now < deadline; now = std::time(nullptr)) {
    const timespec wait{deadline - now, 0};
    siginfo_t info{};
    if (sigtimedwait(&answer, &info, &wait) == kReloadAnswerSignal && info.si_pid == host)
      return static_cast<ReloadOutcome>(info.si_value.sival_int);
  }
  return std::nullopt;
}

int report(std::optional<ReloadOutcome> outcome, long long pid) {
  if (!outcome) {
    std::cerr << "platebus reload: asked platebus (pid " << pid << ") to reload, but it gave no answer within "
              << kAnswerWaitSeconds << "s; its log says whether the new config was taken\n";
    return kExitFailure;
  }
  switch (*outcome) {
    case ReloadOutcome::applied:
      std::cout << "platebus (pid " << pid << ") reloaded its deployment\n";
      return kExitOk;
    case ReloadOutcome::refused:
      std::cerr << "platebus reload: platebus (pid " << pid << ") refused the new deployment and keeps running the "
                << "old one; `platebus check` on its deployment file (or the host's log) lists the errors\n";
      return kExitBadInput;
    case ReloadOutcome::failed: break;
  }
  std::cerr << "platebus reload: platebus (pid " << pid << ") failed to reload; its log says why\n";
  return kExitFailure;
}

}  // namespace

int reload_command(const ReloadOptions& options) {
  long long pid = options.pid;
  if (pid == 0) {
    std::ifstream in(options.pid_file);
    if (!(in >> pid) || pid <= 0) {
      std::cerr << "platebus reload: cannot read a process id from '" << options.pid_file
                << "'; start the host with `platebus run CONFIG --pid-file " << options.pid_file
                << "` or pass --pid\n";
      return kExitBadInput;
    }
  }
  // Blocked before asking, so an answer that comes at once waits for sigtimedwait().
  sigset_t answer;
  sigemptyset(&answer);
  sigaddset(&answer, kReloadAnswerSignal);
  sigprocmask(SIG_BLOCK, &answer, nullptr);
  if (sigqueue(static_cast<pid_t>(pid), SIGHUP, sigval{kReloadAsksForAnswer}) != 0) {
    std::cerr << "platebus reload: cannot signal process " << pid
              << " (not running, or not yours); check the pid file\n";
    return kExitFailure;
  }
  return report(wait_for_answer(answer, static_cast<pid_t>(pid)), pid);
}

}  // namespace platebus::host
