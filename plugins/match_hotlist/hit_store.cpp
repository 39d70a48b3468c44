#include "hit_store.hpp"

#include <stdexcept>

#include "lmdb_transaction.hpp"

namespace platebus::hotlist {

namespace {
std::string_view view(const lmdb::val& value) { return {value.data(), value.size()}; }
}  // namespace

nlohmann::json Disposition::to_json() const {
  return {{"disposition", disposition},   {"visually_verified", visually_verified},
          {"clets_confirmed", clets_confirmed}, {"note", note},
          {"by", by},                     {"at", to_iso8601(at)}};
}

HitStore::HitStore(const std::filesystem::path& folder, const lmdb_store::LmdbOptions& options) : folder_(folder) {
  env_ = lmdb_store::open_lmdb(folder, options);
  try {
    auto txn = lmdb_store::Transaction::begin(env_->handle());
    hits_ = lmdb::dbi::open(txn, "hits", MDB_CREATE);
    order_ = lmdb::dbi::open(txn, "hit_order", MDB_CREATE);
    txn.commit();
  } catch (const lmdb::error& e) {
    rethrow(e, "open the hit databases");
  }
}

void HitStore::rethrow(const lmdb::error& error, std::string_view doing) const {
  throw std::runtime_error("cannot " + std::string(doing) + " in '" + folder_.string() + "': " + error.what() + "; " +
                           lmdb_store::how_to_fix(error));
}

void HitStore::add(const nlohmann::json& hit, Timestamp at) {
  const auto id = hit.at("hit_id").get<std::string>();
  const auto record = nlohmann::json{{"hit", hit}, {"at", to_iso8601(at)}, {"disposition", nullptr}}.dump();
  try {
    auto txn = lmdb_store::Transaction::begin(env_->handle());
    std::uint64_t sequence = 1;
    {
      auto cursor = lmdb::cursor::open(txn, order_);
      if (lmdb::val key, data; cursor.get(key, data, MDB_LAST)) sequence = lmdb_store::from_big_endian_key(view(key)) + 1;
    }
    const auto order_key = lmdb_store::big_endian_key(sequence);
    lmdb::val key(id), data(record), seq_key(order_key), seq_data(id);
    lmdb::dbi_put(txn, hits_, key, data, 0);
    lmdb::dbi_put(txn, order_, seq_key, seq_data, MDB_APPEND);
    txn.commit();
  } catch (const lmdb::error& e) {
    rethrow(e, "store hit " + id);
  }
}

std::optional<nlohmann::json> HitStore::find(std::string_view hit_id) {
  try {
    auto txn = lmdb_store::Transaction::begin_read(env_->handle());
    lmdb::val key(hit_id.data(), hit_id.size()), data;
    if (!lmdb::dbi_get(txn, hits_, key, data)) return std::nullopt;
    return nlohmann::json::parse(view(data));
  } catch (const lmdb::error& e) {
    rethrow(e, "read hit " + std::string(hit_id));
  }
}

std::vector<nlohmann::json> HitStore::newest(bool open_only, std::size_t limit, std::size_t scan_limit) {
  std::vector<nlohmann::json> hits;
  try {
    auto txn = lmdb_store::Transaction::begin_read(env_->handle());
    auto cursor = lmdb::cursor::open(txn, order_);
    lmdb::val key, id;
    std::size_t scanned = 0;
    for (bool found = cursor.get(key, id, MDB_LAST); found && hits.size() < limit && scanned < scan_limit;
         found = cursor.get(key, id, MDB_PREV), ++scanned) {
      lmdb::val data;
      if (!lmdb::dbi_get(txn, hits_, id, data)) continue;
      auto record = nlohmann::json::parse(view(data));
      if (open_only && !record["disposition"].is_null()) continue;
      hits.push_back(std::move(record));
    }
  } catch (const lmdb::error& e) {
    rethrow(e, "list hits");
  }
  return hits;
}

AcknowledgeOutcome HitStore::acknowledge(std::string_view hit_id, const Disposition& disposition) {
  try {
    auto txn = lmdb_store::Transaction::begin(env_->handle());
    lmdb::val key(hit_id.data(), hit_id.size()), data;
    if (!lmdb::dbi_get(txn, hits_, key, data)) return AcknowledgeOutcome::unknown_hit;
    auto record = nlohmann::json::parse(view(data));
    if (!record["disposition"].is_null()) return AcknowledgeOutcome::already_acknowledged;
    record["disposition"] = disposition.to_json();
    const auto text = record.dump();
    lmdb::val value(text);
    lmdb::dbi_put(txn, hits_, key, value, 0);
    txn.commit();
    return AcknowledgeOutcome::stored;
  } catch (const lmdb::error& e) {
    rethrow(e, "store the disposition of hit " + std::string(hit_id));
  }
}

std::size_t HitStore::purge_before(Timestamp before, std::size_t batch) {
  std::size_t purged = 0;
  try {
    for (bool more = true; more;) {
      auto txn = lmdb_store::Transaction::begin(env_->handle());
      auto cursor = lmdb::cursor::open(txn, order_);
      std::size_t in_batch = 0;
      lmdb::val key, id;
      more = false;
      for (bool found = cursor.get(key, id, MDB_FIRST); found; found = cursor.get(key, id, MDB_FIRST)) {
        lmdb::val data;
        if (lmdb::dbi_get(txn, hits_, id, data)) {
          if (parse_iso8601(nlohmann::json::parse(view(data)).at("at").get<std::string>()) >= before) break;
          lmdb::dbi_del(txn, hits_, id);
        }
        if (const int rc = mdb_cursor_del(cursor.handle(), 0); rc != MDB_SUCCESS) lmdb::error::raise("mdb_cursor_del", rc);
        ++purged;
        if (++in_batch == batch) {
          more = true;
          break;
        }
      }
      cursor.close();
      txn.commit();
    }
  } catch (const lmdb::error& e) {
    rethrow(e, "purge hits raised before " + to_iso8601(before));
  }
  return purged;
}

}  // namespace platebus::hotlist
