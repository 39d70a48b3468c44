#include "hotlist_store.hpp"

#include <algorithm>
#include <map>
#include <tuple>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "hot_plate_codec.hpp"
#include "plate_normalizer.hpp"
#include "key_ordered_upload.hpp"
#include "lmdb_transaction.hpp"

namespace platebus::hotlist {

namespace {

std::string_view view(const lmdb::val& value) { return {value.data(), value.size()}; }

std::string list_prefix(std::string_view list) { return std::string(list) + '\0'; }

}  // namespace

std::string plate_key(std::string_view list, std::string_view plate, std::string_view state) {
  std::string key;
  key.reserve(list.size() + plate.size() + state.size() + 2);
  key.append(list).append(1, '\0').append(plate).append(1, '\0').append(state);
  return key;
}

HotlistStore::HotlistStore(const std::filesystem::path& folder, const lmdb_store::LmdbOptions& options)
    : folder_(folder) {
  env_ = lmdb_store::open_lmdb(folder, options);
  // A killed process may leave its reader slots behind; clear them before they pin old pages.
  int stale = 0;
  mdb_reader_check(env_->handle(), &stale);
  try {
    auto txn = lmdb_store::Transaction::begin(env_->handle());
    plates_ = lmdb::dbi::open(txn, "hotlist_plates", MDB_CREATE);
    lists_ = lmdb::dbi::open(txn, "hotlist_lists", MDB_CREATE);
    txn.commit();
  } catch (const lmdb::error& e) {
    rethrow(e, "open the hot-list databases");
  }
}

void HotlistStore::rethrow(const lmdb::error& error, std::string_view doing) const {
  throw std::runtime_error("cannot " + std::string(doing) + " in '" + folder_.string() + "': " + error.what() +
                           "; nothing was changed; " + lmdb_store::how_to_fix(error));
}

void HotlistStore::save_list_info(lmdb::txn& txn, const ListInfo& info) {
  const auto value = nlohmann::json{{"plates", info.plates},
                                    {"updated_at", to_iso8601(info.updated_at)},
                                    {"updated_by", info.updated_by}}
                         .dump();
  lmdb::val key(info.name), data(value);
  lmdb::dbi_put(txn, lists_, key, data, 0);
}

std::optional<ListInfo> HotlistStore::read_list_info(lmdb::txn& txn, std::string_view name) {
  lmdb::val key(name.data(), name.size()), data;
  if (!lmdb::dbi_get(txn, lists_, key, data)) return std::nullopt;
  const auto json = nlohmann::json::parse(view(data));
  return ListInfo{std::string(name), json.at("plates").get<std::size_t>(),
                  parse_iso8601(json.at("updated_at").get<std::string>()), json.value("updated_by", "")};
}

std::size_t HotlistStore::delete_range(lmdb::txn& txn, std::string_view prefix) {
  std::size_t removed = 0;
  auto cursor = lmdb::cursor::open(txn, plates_);
  lmdb::val key(prefix.data(), prefix.size()), data;
  // After mdb_cursor_del the cursor already rests on the following entry, and MDB_NEXT returns that
  // entry instead of skipping it.
  for (bool found = cursor.get(key, data, MDB_SET_RANGE); found && view(key).starts_with(prefix);
       found = cursor.get(key, data, MDB_NEXT)) {
    if (const int rc = mdb_cursor_del(cursor.handle(), 0); rc != MDB_SUCCESS) lmdb::error::raise("mdb_cursor_del", rc);
    ++removed;
  }
  return removed;
}

StoreChange HotlistStore::import(const std::vector<HotPlateEntry>& plates, ImportMode mode, std::string_view changed_by) {
  EncodedPlates encoded;
  for (std::size_t i = 0; i < plates.size(); ++i) {
    // The last line of defence against a bad entry: nothing is stored unless every one is valid.
    if (const auto problems = validation_problems(plates[i]); !problems.empty())
      throw std::invalid_argument("hot plate " + std::to_string(i + 1) + " ('" + plates[i].plate +
                                  "') is invalid, nothing was stored: " + problems.front());
    encoded.add(plates[i]);
  }
  return import(encoded, mode, changed_by);
}

StoreChange HotlistStore::import(const EncodedPlates& plates, ImportMode mode, std::string_view changed_by) {
  const KeyOrderedUpload upload(plates);
  StoreChange change;
  change.lists = upload.lists();
  try {
    auto txn = lmdb_store::Transaction::begin(env_->handle());
    std::vector<ListInfo> lists;
    for (const auto& name : upload.lists()) {
      auto info = read_list_info(txn, name).value_or(ListInfo{name, 0, {}, ""});
      if (mode == ImportMode::replace_lists) {
        change.removed += delete_range(txn, list_prefix(name));
        info.plates = 0;
      }
      lists.push_back(std::move(info));
    }
    auto cursor = lmdb::cursor::open(txn, plates_);
    // Keys beyond the last stored one are appended without a search (MDB_APPEND): the common case
    // of a new or replaced list.
    std::string last_stored;
    if (lmdb::val key, data; cursor.get(key, data, MDB_LAST)) last_stored = std::string(view(key));
    bool appending = true;
    upload.for_each([&](const KeyOrderedUpload::Record& record) {
      MDB_val key{record.key.size(), const_cast<char*>(record.key.data())};
      MDB_val data{record.value.size(), const_cast<char*>(record.value.data())};
      appending = appending && record.key > last_stored;
      int rc = mdb_cursor_put(cursor.handle(), &key, &data, appending ? MDB_APPEND : MDB_NOOVERWRITE);
      if (rc == MDB_KEYEXIST) {
        // The refused put pointed `data` at the stored value and left the cursor on its key.
        data = {record.value.size(), const_cast<char*>(record.value.data())};
        rc = mdb_cursor_put(cursor.handle(), &key, &data, MDB_CURRENT);
        if (rc == MDB_SUCCESS) ++change.replaced;
      } else if (rc == MDB_SUCCESS) {
        ++change.added;
        ++lists[record.list_rank].plates;
      }
      if (rc != MDB_SUCCESS) lmdb::error::raise("mdb_cursor_put", rc);
    });
    cursor.close();  // LMDB frees a write transaction's cursors at commit; closing after would free twice
    const auto now = now_utc();
    for (auto& info : lists) {
      info.updated_at = now;
      info.updated_by = std::string(changed_by);
      save_list_info(txn, info);
    }
    txn.commit();
  } catch (const lmdb::error& e) {
    rethrow(e, "store " + std::to_string(plates.size()) + " hot plates");
  }
  return change;
}

StoreChange HotlistStore::delete_plate(std::string_view list, std::string_view plate,
                                       std::optional<std::string_view> state, std::string_view changed_by) {
  const auto normalized = normalize_plate_pattern(plate);
  StoreChange change;
  if (!normalized.ok()) return change;
  try {
    auto txn = lmdb_store::Transaction::begin(env_->handle());
    auto info = read_list_info(txn, list);
    if (!info) return change;
    if (state) {
      const auto key_text = plate_key(list, normalized.plate, *state);
      lmdb::val key(key_text);
      if (lmdb::dbi_del(txn, plates_, key)) change.removed = 1;
    } else {
      change.removed = delete_range(txn, plate_key(list, normalized.plate, ""));
    }
    if (change.removed == 0) return change;
    info->plates -= std::min(info->plates, change.removed);
    info->updated_at = now_utc();
    info->updated_by = std::string(changed_by);
    save_list_info(txn, *info);
    txn.commit();
  } catch (const lmdb::error& e) {
    rethrow(e, "delete plate '" + std::string(plate) + "' from list '" + std::string(list) + "'");
  }
  return change;
}

StoreChange HotlistStore::delete_list(std::string_view list) {
  StoreChange change;
  try {
    auto txn = lmdb_store::Transaction::begin(env_->handle());
    change.removed = delete_range(txn, list_prefix(list));
    lmdb::val key(list.data(), list.size());
    const bool had_list = lmdb::dbi_del(txn, lists_, key);
    if (!had_list && change.removed == 0) return change;
    txn.commit();
  } catch (const lmdb::error& e) {
    rethrow(e, "delete list '" + std::string(list) + "'");
  }
  return change;
}

std::map<std::string, std::size_t> HotlistStore::purge_expired(Timestamp before, std::string_view changed_by) {
  std::map<std::string, std::size_t> purged;
  const std::int64_t before_us = before.time_since_epoch().count();
  try {
    auto txn = lmdb_store::Transaction::begin(env_->handle());
    auto cursor = lmdb::cursor::open(txn, plates_);
    lmdb::val key, data;
    for (bool found = cursor.get(key, data, MDB_FIRST); found;) {
      const auto expires = decode_match_fields(view(data)).expires_at_us;
      if (!expires || *expires >= before_us) {
        found = cursor.get(key, data, MDB_NEXT);
        continue;
      }
      const auto stored_key = view(key);
      ++purged[std::string(stored_key.substr(0, stored_key.find('\0')))];
      if (const int rc = mdb_cursor_del(cursor.handle(), 0); rc != MDB_SUCCESS) lmdb::error::raise("mdb_cursor_del", rc);
      // As in delete_range: after the delete the cursor rests on the next entry, which MDB_NEXT returns.
      found = cursor.get(key, data, MDB_NEXT);
    }
    cursor.close();  // before the commit frees it (see import)
    if (purged.empty()) return purged;
    const auto now = now_utc();
    for (const auto& [name, count] : purged) {
      auto info = read_list_info(txn, name).value_or(ListInfo{name, count, {}, ""});
      info.plates = info.plates >= count ? info.plates - count : 0;
      info.updated_at = now;
      info.updated_by = std::string(changed_by);
      save_list_info(txn, info);
    }
    txn.commit();
  } catch (const lmdb::error& e) {
    rethrow(e, "purge expired hot plates");
  }
  return purged;
}

std::vector<ListInfo> HotlistStore::lists() {
  std::vector<ListInfo> all;
  auto txn = lmdb_store::Transaction::begin_read(env_->handle());
  auto cursor = lmdb::cursor::open(txn, lists_);
  lmdb::val key, data;
  for (bool found = cursor.get(key, data, MDB_FIRST); found; found = cursor.get(key, data, MDB_NEXT))
    if (auto info = read_list_info(txn, view(key))) all.push_back(std::move(*info));
  return all;
}

std::optional<ListInfo> HotlistStore::list(std::string_view name) {
  auto txn = lmdb_store::Transaction::begin_read(env_->handle());
  return read_list_info(txn, name);
}

std::vector<HotPlateEntry> HotlistStore::plates_in_list(std::string_view list, std::size_t offset, std::size_t limit) {
  std::vector<HotPlateEntry> page;
  const auto prefix = list_prefix(list);
  auto txn = lmdb_store::Transaction::begin_read(env_->handle());
  auto cursor = lmdb::cursor::open(txn, plates_);
  lmdb::val key(prefix), data;
  std::size_t index = 0;
  for (bool found = cursor.get(key, data, MDB_SET_RANGE); found && view(key).starts_with(prefix) && page.size() < limit;
       found = cursor.get(key, data, MDB_NEXT))
    if (index++ >= offset) page.push_back(decode_hot_plate(view(data)));
  return page;
}

std::vector<HotPlateEntry> HotlistStore::find_plate(std::string_view plate) {
  std::vector<HotPlateEntry> found_entries;
  const auto normalized = normalize_plate_pattern(plate);
  if (!normalized.ok()) return found_entries;
  std::vector<std::string> names;
  for (const auto& info : lists()) names.push_back(info.name);
  auto txn = lmdb_store::Transaction::begin_read(env_->handle());
  auto cursor = lmdb::cursor::open(txn, plates_);
  for (const auto& name : names) {
    const auto prefix = plate_key(name, normalized.plate, "");
    lmdb::val key(prefix), data;
    for (bool found = cursor.get(key, data, MDB_SET_RANGE); found && view(key).starts_with(prefix);
         found = cursor.get(key, data, MDB_NEXT))
      found_entries.push_back(decode_hot_plate(view(data)));
  }
  return found_entries;
}

std::size_t HotlistStore::plate_count() {
  auto txn = lmdb_store::Transaction::begin_read(env_->handle());
  MDB_stat stat;
  lmdb::dbi_stat(txn, plates_, &stat);
  return stat.ms_entries;
}

HotlistIndex HotlistStore::load_index(const ConfusableTable& table) {
  HotlistIndexBuilder builder(table);
  try {
    auto txn = lmdb_store::Transaction::begin_read(env_->handle());
    MDB_stat stat;
    lmdb::dbi_stat(txn, plates_, &stat);
    builder.reserve(stat.ms_entries, (stat.ms_leaf_pages + stat.ms_overflow_pages) * stat.ms_psize);
    auto cursor = lmdb::cursor::open(txn, plates_);
    lmdb::val key, data;
    for (bool found = cursor.get(key, data, MDB_FIRST); found; found = cursor.get(key, data, MDB_NEXT))
      builder.add_encoded(view(data));
  } catch (const lmdb::error& e) {
    rethrow(e, "read the hot plates");
  }
  return builder.build();
}

}  // namespace platebus::hotlist
