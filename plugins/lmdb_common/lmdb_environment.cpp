#include "lmdb_environment.hpp"

#include <cerrno>
#include <map>
#include <mutex>
#include <stdexcept>
#include <system_error>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "platebus/plugin.hpp"

namespace platebus::lmdb_store {

namespace {
std::mutex registry_mutex;
std::map<std::filesystem::path, std::weak_ptr<lmdb::env>> registry;

// The lock file LMDB 0.9 makes for its default 126 readers: (126 - 1) x 64 + 192 bytes.
constexpr off_t kNewLockFileBytes = 8192;

// LMDB maps its lock file and writes the reader table through that map, so on a full disk the
// first write to an unallocated page is a SIGBUS (measured: a fresh database on a full tmpfs), not
// an error. Allocating the file's blocks first turns that into ENOSPC here. An existing lock file
// keeps its size: another process may have it mapped at that size.
void reserve_lock_file(const std::filesystem::path& folder) {
  const auto path = folder / "lock.mdb";
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) return;  // a read-only folder: LMDB says what is wrong
  struct stat info {};
  const off_t size = ::fstat(fd, &info) == 0 && info.st_size > 0 ? info.st_size : kNewLockFileBytes;
  const int error = ::posix_fallocate(fd, 0, size);
  ::close(fd);
  if (error == ENOSPC)
    throw std::runtime_error("cannot open the LMDB database in '" + folder.string() +
                             "': no space left on the device for its lock file; free space on that disk");
}
}  // namespace

std::shared_ptr<lmdb::env> open_lmdb(const std::filesystem::path& folder, const LmdbOptions& options) {
  std::error_code error;
  if (!(options.flags & MDB_RDONLY)) {
    std::filesystem::create_directories(folder, error);
    if (error)
      throw std::runtime_error("cannot create the database folder '" + folder.string() + "': " + error.message() +
                               "; point the config at a writable folder");
    std::filesystem::permissions(folder, std::filesystem::perms::owner_all, error);
  }
  const auto key = std::filesystem::weakly_canonical(folder, error);
  std::lock_guard lock(registry_mutex);
  if (auto open = registry[key].lock()) return open;
  try {
    auto env = std::make_shared<lmdb::env>(lmdb::env::create());
    env->set_mapsize(options.map_size);
    env->set_max_dbs(options.max_databases);
    reserve_lock_file(folder);
    env->open(folder.c_str(), options.flags, 0600);
    registry[key] = env;
    return env;
  } catch (const lmdb::error& e) {
    throw std::runtime_error("cannot open the LMDB database in '" + folder.string() + "': " + e.what() +
                             (options.flags & MDB_RDONLY ? "; is this the database folder (it holds data.mdb)?"
                                                          : "; check the folder's owner and free space"));
  }
}

void require_writable_database_folder(const std::filesystem::path& folder) {
  std::error_code error;
  std::filesystem::create_directories(folder, error);
  if (error || ::access(folder.c_str(), W_OK) != 0)
    throw ConfigError("'database' is '" + folder.string() +
                      "', which cannot be created or written; point it at a folder this user may write");
}

std::string how_to_fix(const lmdb::error& error) {
  switch (error.code()) {
    case MDB_MAP_FULL: return "the database reached its size limit: raise map_size_mib in the config (or purge) and restart";
    case MDB_DBS_FULL: return "the folder holds more databases than this store opens: is it another store's folder?";
    case ENOSPC: return "the disk is full: free space on it (nothing is lost; writes succeed again once there is room)";
    case EACCES:
    case EROFS: return "this user may not write there: fix the folder's owner or mount";
    case EIO: return "the disk reported an I/O error: check it (dmesg) before trusting it further";
    default: return "check that disk: free space, permissions and I/O errors";
  }
}

std::string big_endian_key(std::uint64_t value) {
  std::string key(8, '\0');
  for (int i = 7; i >= 0; --i, value >>= 8) key[i] = static_cast<char>(value & 0xff);
  return key;
}

std::uint64_t from_big_endian_key(std::string_view key) {
  std::uint64_t value = 0;
  for (const char c : key.substr(0, 8)) value = (value << 8) | static_cast<unsigned char>(c);
  return value;
}

}  // namespace platebus::lmdb_store
