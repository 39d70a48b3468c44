#include "private_files.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

#include <fmt/format.h>

namespace platebus::alerts {

namespace fs = std::filesystem;

void make_private_folder(const fs::path& folder) {
  std::error_code error;
  if (!fs::exists(folder, error)) {
    if (folder.has_parent_path()) fs::create_directories(folder.parent_path(), error);
    // mkdir's mode is cut by the umask; chmod then sets exactly 0700.
    if (::mkdir(folder.c_str(), 0700) != 0 && errno != EEXIST)
      throw std::runtime_error(fmt::format("cannot create folder '{}': {}; choose a folder this account may write",
                                           folder.string(), std::strerror(errno)));
    ::chmod(folder.c_str(), 0700);
  }
  struct stat status {};
  if (::stat(folder.c_str(), &status) != 0 || !S_ISDIR(status.st_mode))
    throw std::runtime_error(fmt::format("'{}' is not a folder; choose a folder this account may write",
                                         folder.string()));
  // An existing folder is not chmod-ed: it may be shared on purpose (never make /tmp 0700).
  if (status.st_mode & (S_IRWXG | S_IRWXO))
    throw std::runtime_error(fmt::format("folder '{}' may be opened by other users (mode {:o}), who could read the "
                                         "hits written there; run chmod 700 '{}' or choose a private folder",
                                         folder.string(), status.st_mode & 0777, folder.string()));
}

void make_private_file(int fd, const std::string& name) {
  struct stat status {};
  if (::fstat(fd, &status) != 0 || !S_ISREG(status.st_mode)) return;
  if ((status.st_mode & 0777) != 0600 && ::fchmod(fd, 0600) != 0)
    throw std::runtime_error(fmt::format("cannot make '{}' private (mode 0600): {}; give this account the file "
                                         "(chown) or remove it so it is made afresh",
                                         name, std::strerror(errno)));
}

void make_private_file(const fs::path& file) {
  std::error_code error;
  fs::permissions(file, fs::perms::owner_read | fs::perms::owner_write, fs::perm_options::replace, error);
  if (error)
    throw std::runtime_error(fmt::format("cannot make '{}' private (mode 0600): {}", file.string(), error.message()));
}

}  // namespace platebus::alerts
