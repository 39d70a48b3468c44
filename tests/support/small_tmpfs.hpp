#pragma once
// A tmpfs of a few MiB, mounted for one test, to run a store out of disk space for real (ENOSPC
// from the kernel, not a simulated error). Mounting needs root (CI runs as root); where it cannot
// mount, the disk-full tests are skipped, saying why (skip_unless_tmpfs_mounts).
#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>

namespace platebus::test {

class SmallTmpfs {
 public:
  // Mounts a tmpfs of `mebibytes` MiB on a new temporary folder. Throws std::runtime_error saying
  // why it cannot (usually: not root).
  explicit SmallTmpfs(std::size_t mebibytes);
  ~SmallTmpfs();  // unmounts (detached, so an LMDB map still open cannot keep it busy)
  SmallTmpfs(const SmallTmpfs&) = delete;
  SmallTmpfs& operator=(const SmallTmpfs&) = delete;

  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

  // Writes a filler file until the disk refuses (ENOSPC); returns how many bytes it took.
  std::size_t fill();
  // Deletes the filler: the space is back.
  void free_filler();

 private:
  std::filesystem::path path_;
};

// Why a tmpfs cannot be mounted here, or "" when it can (mounts and unmounts a probe).
std::string why_tmpfs_cannot_mount();

// For a test program that needs SmallTmpfs: when it cannot mount, prints why and exits with
// kSkipReturnCode, which the test's CTest SKIP_RETURN_CODE turns into a visible "Skipped".
inline constexpr int kSkipReturnCode = 77;
void skip_unless_tmpfs_mounts();

}  // namespace platebus::test
