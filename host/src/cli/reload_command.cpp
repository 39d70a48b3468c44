#include <csignal>
#include <fstream>
#include <iostream>

#include "cli/commands.hpp"

namespace platebus::host {

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
  if (kill(static_cast<pid_t>(pid), SIGHUP) != 0) {
    std::cerr << "platebus reload: cannot signal process " << pid
              << " (not running, or not yours); check the pid file\n";
    return kExitFailure;
  }
  std::cout << "asked platebus (pid " << pid << ") to reload; its log says whether the new config was taken\n";
  return kExitOk;
}

}  // namespace platebus::host
