#pragma once
// Starting and reaping the child process of an isolated instance, and saying how it ended.
#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include <sys/types.h>

namespace platebus::host {

// Starts `args` (args[0] is the program) as a child that dies with the thread that started it,
// in a process group of its own (a Ctrl-C meant for the host is the host's to pass on), holding no
// descriptor of the host's but stdin, stdout and stderr. Throws std::runtime_error when fork fails.
pid_t spawn_child(const std::vector<std::string>& args);

// Waits for the child to end and returns its wait status. Once `stopping` turns true it sends
// SIGTERM, and SIGKILL if the child is still there `grace` later (`on_kill` is told first).
int wait_for_child(pid_t pid, const std::function<bool()>& stopping, std::chrono::milliseconds grace,
                   const std::function<void()>& on_kill);

// "its process (pid 42) was killed by signal SIGSEGV (Segmentation fault)" or "... exited with code 3".
std::string describe_child_end(pid_t pid, int wait_status);

}  // namespace platebus::host
