#include "audit_store.hpp"

#include <fmt/format.h>
#include <sodium.h>

#include "event_limits.hpp"
#include "lmdb_environment.hpp"
#include "lmdb_transaction.hpp"
#include "record_chain.hpp"

namespace platebus::audit {

using lmdb_store::big_endian_key;
using lmdb_store::from_big_endian_key;

namespace {

constexpr const char* kLastSequence = "last_sequence";
constexpr const char* kLastHash = "last_hash";
constexpr const char* kAnchorSequence = "anchor_sequence";
constexpr const char* kAnchorHash = "anchor_hash";

std::optional<std::string> read_text(lmdb::txn& txn, const lmdb::dbi& db, const std::string& key) {
  MDB_val k{key.size(), const_cast<char*>(key.data())};
  MDB_val v{};
  if (!lmdb::dbi_get(txn, db.handle(), &k, &v)) return std::nullopt;
  return std::string(static_cast<const char*>(v.mv_data), v.mv_size);
}

void write_text(lmdb::txn& txn, const lmdb::dbi& db, const std::string& key, const std::string& value) {
  MDB_val k{key.size(), const_cast<char*>(key.data())};
  MDB_val v{value.size(), const_cast<char*>(value.data())};
  lmdb::dbi_put(txn, db.handle(), &k, &v, 0);
}

std::uint64_t read_number(lmdb::txn& txn, const lmdb::dbi& db, const std::string& key) {
  const auto text = read_text(txn, db, key);
  return text ? std::stoull(*text) : 0;
}

std::string write_failure_text(const std::filesystem::path& folder, const lmdb::error& error) {
  return fmt::format("audit store refused the write: {} in '{}'; {}", error.what(), folder.string(),
                     lmdb_store::how_to_fix(error));
}

}  // namespace

AuditStore::AuditStore(const std::filesystem::path& folder, const StoreOptions& options) : folder_(folder) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
  lmdb_store::LmdbOptions lmdb_options;
  lmdb_options.map_size = options.map_size;
  lmdb_options.flags = (options.read_only ? MDB_RDONLY : 0u) | options.extra_flags;
  env_ = lmdb_store::open_lmdb(folder, lmdb_options);
  int dead_readers = 0;
  if (!options.read_only) mdb_reader_check(env_->handle(), &dead_readers);  // left by a killed process
  try {
    auto txn = lmdb_store::Transaction::begin(env_->handle(), options.read_only ? MDB_RDONLY : 0);
    const unsigned int create = options.read_only ? 0 : MDB_CREATE;
    records_ = lmdb::dbi::open(txn, "records", create);
    meta_ = lmdb::dbi::open(txn, "meta", create);
    txn.commit();  // the handles must be committed before other transactions use them
  } catch (const lmdb::error& e) {
    throw std::runtime_error(fmt::format("'{}' holds no audit trail ({}); give the audit plugin's database folder",
                                         folder.string(), e.what()));
  }
}

ChainState AuditStore::state_in(lmdb::txn& txn) const {
  ChainState state;
  state.last_sequence = read_number(txn, meta_, kLastSequence);
  state.last_hash = read_text(txn, meta_, kLastHash).value_or(genesis_hash());
  state.anchor_sequence = read_number(txn, meta_, kAnchorSequence);
  state.anchor_hash = read_text(txn, meta_, kAnchorHash).value_or(genesis_hash());
  return state;
}

ChainState AuditStore::state() const {
  auto txn = lmdb_store::Transaction::begin_read(env_->handle());
  return state_in(txn);
}

Appended AuditStore::append_in(lmdb::txn& txn, const AuditEvent& event) {
  const auto state = state_in(txn);
  const auto sequence = state.last_sequence + 1;
  const auto record = chain_record(capped_event(event), sequence, state.last_hash);
  const auto hash = record["hash"].get<std::string>();
  write_text(txn, records_, big_endian_key(sequence), canonical_json(record));
  write_text(txn, meta_, kLastSequence, std::to_string(sequence));
  write_text(txn, meta_, kLastHash, hash);
  return {sequence, hash};
}

Appended AuditStore::append(const AuditEvent& event) {
  try {
    auto txn = lmdb_store::Transaction::begin(env_->handle());
    const auto appended = append_in(txn, event);
    txn.commit();
    return appended;
  } catch (const lmdb::error& e) {
    throw AuditWriteError(write_failure_text(folder_, e));
  }
}

void AuditStore::for_each_stored(const std::function<void(const ChainState&)>& begin,
                                 const std::function<void(std::uint64_t, std::string_view)>& visit) const {
  auto txn = lmdb_store::Transaction::begin_read(env_->handle());
  begin(state_in(txn));
  auto cursor = lmdb::cursor::open(txn, records_);
  lmdb::val key, value;
  for (bool found = cursor.get(key, value, MDB_FIRST); found; found = cursor.get(key, value, MDB_NEXT))
    visit(from_big_endian_key(std::string_view(key.data(), key.size())), std::string_view(value.data(), value.size()));
}

std::optional<std::string> AuditStore::stored_at(std::uint64_t sequence) const {
  auto txn = lmdb_store::Transaction::begin_read(env_->handle());
  return read_text(txn, records_, big_endian_key(sequence));
}

void AuditStore::for_each_record(const std::function<bool(const nlohmann::json&)>& visit) const {
  auto txn = lmdb_store::Transaction::begin_read(env_->handle());
  auto cursor = lmdb::cursor::open(txn, records_);
  lmdb::val key, value;
  for (bool found = cursor.get(key, value, MDB_FIRST); found; found = cursor.get(key, value, MDB_NEXT)) {
    const auto record = nlohmann::json::parse(value.data(), value.data() + value.size(), nullptr, false);
    if (record.is_object() && !visit(record)) return;
  }
}

std::optional<PurgeSummary> AuditStore::purge_before(Timestamp cutoff,
                                                     const std::function<AuditEvent(const PurgeSummary&)>& describe) {
  try {
    auto txn = lmdb_store::Transaction::begin(env_->handle());
    PurgeSummary summary;
    {
      auto cursor = lmdb::cursor::open(txn, records_);
      lmdb::val key, value;
      for (bool found = cursor.get(key, value, MDB_FIRST); found; found = cursor.get(key, value, MDB_NEXT)) {
        const auto record = nlohmann::json::parse(value.data(), value.data() + value.size(), nullptr, false);
        // A record that cannot be read or dated stops the purge: it is evidence for verify.
        if (!record.is_object() || !record.contains("at") || !record["at"].is_string()) break;
        Timestamp at;
        try {
          at = parse_iso8601(record["at"].get<std::string>());
        } catch (const std::exception&) {
          break;
        }
        if (at >= cutoff) break;
        const auto sequence = from_big_endian_key(std::string_view(key.data(), key.size()));
        if (summary.purged == 0) summary.first_sequence = sequence;
        summary.last_sequence = sequence;
        summary.anchor_hash = record.value("hash", std::string());
        ++summary.purged;
        lmdb::cursor_del(cursor.handle(), 0);
      }
    }
    if (summary.purged == 0) return std::nullopt;
    write_text(txn, meta_, kAnchorSequence, std::to_string(summary.last_sequence));
    write_text(txn, meta_, kAnchorHash, summary.anchor_hash);
    append_in(txn, describe(summary));
    txn.commit();
    return summary;
  } catch (const lmdb::error& e) {
    throw AuditWriteError(write_failure_text(folder_, e));
  }
}

}  // namespace platebus::audit
