#include "runtime/private_folder.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <stdexcept>

#include <fmt/format.h>

namespace platebus::host {

PrivateFolder::PrivateFolder(const std::string& name) {
  auto pattern = (std::filesystem::temp_directory_path() / (name + "-XXXXXX")).string();
  if (!mkdtemp(pattern.data())) {
    throw std::runtime_error(fmt::format("cannot make a private folder {}: {}; set TMPDIR to a writable folder",
                                         pattern, std::strerror(errno)));
  }
  path_ = pattern;
}

PrivateFolder::~PrivateFolder() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

}  // namespace platebus::host
