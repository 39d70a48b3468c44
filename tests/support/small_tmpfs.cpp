#include "small_tmpfs.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include <fcntl.h>
#include <sys/mount.h>
#include <unistd.h>

namespace platebus::test {

namespace fs = std::filesystem;

namespace {
constexpr const char* kFiller = "filler";
}  // namespace

SmallTmpfs::SmallTmpfs(std::size_t mebibytes) {
  std::random_device random;
  path_ = fs::temp_directory_path() / ("platebus-tmpfs-" + std::to_string(random()));
  fs::create_directories(path_);
  const auto options = "size=" + std::to_string(mebibytes) + "m,mode=0700";
  if (::mount("tmpfs", path_.c_str(), "tmpfs", 0, options.c_str()) != 0) {
    const auto why = std::string(std::strerror(errno));
    std::error_code ignored;
    fs::remove(path_, ignored);
    throw std::runtime_error("cannot mount a " + std::to_string(mebibytes) + " MiB tmpfs on '" + path_.string() +
                             "': " + why + " (the disk-full tests need root)");
  }
}

SmallTmpfs::~SmallTmpfs() {
  ::umount2(path_.c_str(), MNT_DETACH);
  std::error_code ignored;
  fs::remove_all(path_, ignored);
}

std::size_t SmallTmpfs::fill() {
  const int fd = ::open((path_ / kFiller).c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
  if (fd < 0) throw std::runtime_error("cannot create the filler file: " + std::string(std::strerror(errno)));
  const std::vector<char> block(64 * 1024, 'f');
  std::size_t written = 0;
  // Whole blocks first, then single pages, so not even one free page is left.
  for (std::size_t size : {block.size(), std::size_t{4096}, std::size_t{1}}) {
    for (ssize_t n; (n = ::write(fd, block.data(), size)) > 0;) written += static_cast<std::size_t>(n);
  }
  ::close(fd);
  return written;
}

void SmallTmpfs::free_filler() { fs::remove(path_ / kFiller); }

std::string why_tmpfs_cannot_mount() {
  try {
    SmallTmpfs probe(1);
    return "";
  } catch (const std::exception& e) {
    return e.what();
  }
}

void skip_unless_tmpfs_mounts() {
  if (const auto why = why_tmpfs_cannot_mount(); !why.empty()) {
    std::cout << "SKIPPED: " << why << "\n";
    std::exit(kSkipReturnCode);
  }
}

}  // namespace platebus::test
