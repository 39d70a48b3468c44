#pragma once
// Hot lists kept in LMDB (plugins/lmdb_common). Two databases in the environment:
//   hotlist_plates: "LIST\0PLATE\0STATE" -> hot_plate_codec.hpp record (so a list, and a plate in a
//                   list, are contiguous key ranges: deletes are range walks)
//   hotlist_lists:  "LIST" -> {"plates": N, "updated_at": ..., "updated_by": ...} (JSON)
// Every change is one write transaction: an upload is stored whole or not at all.
#include <cstddef>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <lmdb++.h>

#include "encoded_plates.hpp"
#include "hot_plate.hpp"
#include "hotlist_index.hpp"
#include "lmdb_environment.hpp"

namespace platebus::hotlist {

struct ListInfo {
  std::string name;
  std::size_t plates = 0;
  Timestamp updated_at{};
  std::string updated_by;
};

enum class ImportMode {
  merge,          // add the plates; a plate already in its list (same plate and state) is replaced
  replace_lists,  // each list named in the upload is emptied first (a daily extract replaces yesterday's)
};

struct StoreChange {
  std::size_t added = 0;     // plates new to their list
  std::size_t replaced = 0;  // plates that overwrote an entry with the same list, plate and state
  std::size_t removed = 0;   // plates deleted (replace_lists, delete_plate, delete_list)
  std::vector<std::string> lists;  // import: the lists the plates went into, by name
};

class HotlistStore {
 public:
  // Opens (creating) the database in `folder`. Throws std::runtime_error naming the folder and the fix.
  explicit HotlistStore(const std::filesystem::path& folder, const lmdb_store::LmdbOptions& options = {});

  // Stores every plate in one transaction. Throws std::invalid_argument (nothing stored) when an entry
  // is invalid, std::runtime_error when the database refuses (e.g. full), also with nothing stored.
  StoreChange import(const EncodedPlates& plates, ImportMode mode = ImportMode::merge, std::string_view changed_by = "");
  StoreChange import(const std::vector<HotPlateEntry>& plates, ImportMode mode = ImportMode::merge,
                     std::string_view changed_by = "");
  // Without a state, every state's entry for the plate in that list.
  StoreChange delete_plate(std::string_view list, std::string_view plate,
                           std::optional<std::string_view> state = std::nullopt, std::string_view changed_by = "");
  StoreChange delete_list(std::string_view list);
  // Deletes every entry that expired before `before`, in one transaction; how many, per list.
  std::map<std::string, std::size_t> purge_expired(Timestamp before, std::string_view changed_by = "system");

  std::vector<ListInfo> lists();
  std::optional<ListInfo> list(std::string_view name);
  // A page of a list's plates in plate order, for browsing.
  std::vector<HotPlateEntry> plates_in_list(std::string_view list, std::size_t offset = 0, std::size_t limit = 100);
  // The plate (normalized) in every list that holds it.
  std::vector<HotPlateEntry> find_plate(std::string_view plate);
  std::size_t plate_count();

  // Every stored plate in a new matcher index: what the matching plugin does at start and after a change.
  HotlistIndex load_index(const ConfusableTable& table = ConfusableTable::defaults());

 private:
  void save_list_info(lmdb::txn& txn, const ListInfo& info);
  std::optional<ListInfo> read_list_info(lmdb::txn& txn, std::string_view name);
  std::size_t delete_range(lmdb::txn& txn, std::string_view prefix);
  [[noreturn]] void rethrow(const lmdb::error& error, std::string_view doing) const;

  std::filesystem::path folder_;
  std::shared_ptr<lmdb::env> env_;
  MDB_dbi plates_ = 0;
  MDB_dbi lists_ = 0;
};

// "LIST\0PLATE\0STATE": the plates database's key.
std::string plate_key(std::string_view list, std::string_view plate, std::string_view state);

}  // namespace platebus::hotlist
