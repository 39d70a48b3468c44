#include "terminal_output.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <stdexcept>

#include "private_files.hpp"

namespace platebus::alerts {

TerminalOutput::TerminalOutput(const std::string& where) : where_(where) {
  if (where == "stdout") {
    fd_ = STDOUT_FILENO;
  } else if (where == "stderr") {
    fd_ = STDERR_FILENO;
  } else {
    fd_ = ::open(where.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOCTTY, 0600);
    if (fd_ < 0)
      throw std::runtime_error("cannot open alert output '" + where + "': " + std::strerror(errno) +
                               " (check the path, and that this user may write to it, e.g. group tty for /dev/tty1)");
    owned_ = true;
    try {
      make_private_file(fd_, where);
    } catch (...) {
      ::close(fd_);
      throw;
    }
  }
}

TerminalOutput::~TerminalOutput() {
  if (owned_) ::close(fd_);
}

bool TerminalOutput::is_terminal() const { return ::isatty(fd_) == 1; }

void TerminalOutput::write(std::string_view text) {
  // stdio buffers of the host's own stdout/stderr are flushed first so lines do not interleave.
  if (!owned_) std::fflush(fd_ == STDOUT_FILENO ? stdout : stderr);
  while (!text.empty()) {
    const auto written = ::write(fd_, text.data(), text.size());
    if (written < 0 && errno == EINTR) continue;
    if (written <= 0) throw std::runtime_error("cannot write the alert to '" + where_ + "': " + std::strerror(errno));
    text.remove_prefix(static_cast<std::size_t>(written));
  }
}

}  // namespace platebus::alerts
