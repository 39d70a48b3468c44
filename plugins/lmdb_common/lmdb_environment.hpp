#pragma once
// LMDB allows one open environment per database per process (its documented caveat): a
// restarted or reloaded instance must share the environment its predecessor still holds, not open
// a second. open_lmdb() hands out one shared environment per folder.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include <lmdb++.h>

namespace platebus::lmdb_store {

struct LmdbOptions {
  std::size_t map_size = std::size_t{1} << 30;  // bytes; the file grows up to this
  unsigned int max_databases = 8;
  unsigned int flags = 0;  // e.g. MDB_RDONLY for offline readers; commits are fsync'd unless MDB_NOSYNC
};

// Opens (creating with mode 0700 if needed) the environment in `folder`, or returns the one this
// process already has open there. Throws std::runtime_error naming the folder and what to do.
std::shared_ptr<lmdb::env> open_lmdb(const std::filesystem::path& folder, const LmdbOptions& options = {});

// For a plugin's configure(): creates the `database` folder if needed and checks this user may
// write it; throws platebus::ConfigError saying which folder and what to do.
void require_writable_database_folder(const std::filesystem::path& folder);

// What an operator should do about a failed LMDB call, for every store's error text: a full map
// (raise map_size_mib), a full disk, no permission, an I/O error, or, for anything else, where to look.
std::string how_to_fix(const lmdb::error& error);

// Keys that sort in numeric order under LMDB's default byte comparison.
std::string big_endian_key(std::uint64_t value);
std::uint64_t from_big_endian_key(std::string_view key);

}  // namespace platebus::lmdb_store
