#pragma once
// A new folder only this account can open (mode 0700, made by mkdtemp), removed with its contents
// when the object goes: where the host puts the sockets of its isolated instances.
#include <filesystem>
#include <string>

namespace platebus::host {

class PrivateFolder {
 public:
  // Under the temporary folder (TMPDIR or /tmp), named NAME-XXXXXX. Throws std::runtime_error.
  explicit PrivateFolder(const std::string& name);
  ~PrivateFolder();
  PrivateFolder(const PrivateFolder&) = delete;
  PrivateFolder& operator=(const PrivateFolder&) = delete;

  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace platebus::host
