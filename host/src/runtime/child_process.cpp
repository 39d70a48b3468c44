#include "runtime/child_process.hpp"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <stdexcept>
#include <thread>

#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fmt/format.h>

namespace platebus::host {

pid_t spawn_child(const std::vector<std::string>& args) {
  // Everything the child needs is prepared before fork: after it, only async-signal-safe calls.
  std::vector<char*> argv;
  for (const auto& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
  argv.push_back(nullptr);
  const pid_t parent = getpid();
  const auto exec_failed =
      fmt::format("platebus: cannot run {}, which isolated instances need: the platebus executable\n", args.front());
  const pid_t pid = fork();
  if (pid < 0) throw std::runtime_error(fmt::format("cannot start a child process: {}", std::strerror(errno)));
  if (pid > 0) return pid;
  prctl(PR_SET_PDEATHSIG, SIGKILL);  // never outlive the host (or its supervising thread)
  if (getppid() != parent) _exit(127);
  setpgid(0, 0);
  close_range(3, ~0U, 0);  // the host's stores, sockets and keys are not the plugin's
  // SIGTERM stays blocked through exec: one sent before the child is ready waits for it (sigwait).
  sigset_t stop_only;
  sigemptyset(&stop_only);
  sigaddset(&stop_only, SIGTERM);
  sigprocmask(SIG_SETMASK, &stop_only, nullptr);
  execv(argv[0], argv.data());
  (void)!write(STDERR_FILENO, exec_failed.data(), exec_failed.size());
  _exit(127);
}

int wait_for_child(pid_t pid, const std::function<bool()>& stopping, std::chrono::milliseconds grace,
                   const std::function<void()>& on_kill) {
  auto kill_at = std::chrono::steady_clock::time_point::max();
  bool killed = false;
  while (true) {
    int status = 0;
    const pid_t reaped = waitpid(pid, &status, WNOHANG);
    if (reaped == pid) return status;
    if (reaped < 0 && errno != EINTR) return -1;
    const auto now = std::chrono::steady_clock::now();
    if (stopping() && kill_at == std::chrono::steady_clock::time_point::max()) {
      kill(pid, SIGTERM);
      kill_at = now + grace;
    }
    if (!killed && now >= kill_at) {
      on_kill();
      kill(pid, SIGKILL);
      killed = true;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

std::string describe_child_end(pid_t pid, int wait_status) {
  if (wait_status == -1) return fmt::format("its process (pid {}) was reaped by someone else", pid);
  if (WIFSIGNALED(wait_status)) {
    const int signal = WTERMSIG(wait_status);
    const char* abbrev = sigabbrev_np(signal);
    return fmt::format("its process (pid {}) was killed by signal {} ({})", pid,
                       abbrev ? fmt::format("SIG{}", abbrev) : std::to_string(signal), strsignal(signal));
  }
  return fmt::format("its process (pid {}) exited with code {} before its plugin returned", pid,
                     WEXITSTATUS(wait_status));
}

}  // namespace platebus::host
