#include "session_file.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

namespace platectl {

namespace fs = std::filesystem;

fs::path session_file_path() {
  if (const char* config = std::getenv("XDG_CONFIG_HOME"); config && *config)
    return fs::path(config) / "platebus" / "session";
  const char* home = std::getenv("HOME");
  if (!home || !*home) throw SessionFileError("neither XDG_CONFIG_HOME nor HOME is set: cannot place the session file");
  return fs::path(home) / ".config" / "platebus" / "session";
}

std::string current_token() {
  if (const char* token = std::getenv("PLATEBUS_TOKEN"); token && *token) return token;
  const auto path = session_file_path();
  struct stat status {};
  if (::stat(path.c_str(), &status) != 0) return "";
  if ((status.st_mode & 077) != 0)
    throw SessionFileError(fmt::format(
        "session file {} can be read by others (mode {:04o}); refusing to use it. Fix it with: chmod 600 {} "
        "(or delete it and log in again)",
        path.string(), status.st_mode & 07777, path.string()));
  std::ifstream in(path);
  std::string token;
  std::getline(in, token);
  return token;
}

void save_token(const std::string& token) {
  const auto path = session_file_path();
  std::error_code error;
  fs::create_directories(path.parent_path(), error);
  ::chmod(path.parent_path().c_str(), 0700);
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) throw SessionFileError(fmt::format("cannot write session file {}: {}", path.string(), std::strerror(errno)));
  ::fchmod(fd, 0600);  // an older file may have had looser bits
  const auto line = token + "\n";
  const bool written = ::write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size());
  ::close(fd);
  if (!written) throw SessionFileError(fmt::format("cannot write session file {}", path.string()));
}

void forget_token() {
  std::error_code error;
  fs::remove(session_file_path(), error);
}

}  // namespace platectl
