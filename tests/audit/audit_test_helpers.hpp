#pragma once
// What the audit tests share: events with every field set, and tampering with a closed store's
// LMDB file the way an intruder with file access would.
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include <lmdb++.h>

#include "audit_store.hpp"
#include "chain_verifier.hpp"
#include "lmdb_environment.hpp"
#include "lmdb_transaction.hpp"
#include "record_chain.hpp"
#include "platebus/audit_event.hpp"

namespace platebus::audit::test {

// Every category the policy names (sdk audit_event.hpp).
inline const std::vector<std::string> kAllCategories = {
    audit_category::login,           audit_category::logout,          audit_category::password_change,
    audit_category::hit_list_browse, audit_category::hot_list_browse, audit_category::hot_list_upload,
    audit_category::hot_plate_upload, audit_category::hot_list_delete, audit_category::hot_plate_delete,
    audit_category::stakeout_browse, audit_category::read_search,     audit_category::photo_view,
    audit_category::data_export,     audit_category::sharing_request, audit_category::sharing_approval,
    audit_category::account_change,  audit_category::config_reload,   audit_category::retention_purge,
    audit_category::audit_access,    audit_category::inquiry};

inline AuditEvent full_event(const std::string& category, const std::string& user = "jdoe",
                             Timestamp at = parse_iso8601("2026-03-02T10:20:30.123456Z")) {
  AuditEvent event;
  event.at = at;
  event.actor = Actor{user, {"investigator", "sergeant"}, "a1b2c3d4e5f6", "203.0.113.7:51320"};
  event.category = category;
  event.target = "GET /api/v1/reads";
  event.query = {{"plate", "7ABC123"}, {"from", "2026-03-01"}};
  event.case_number = "CASE-2026-0042";
  event.reason = "stolen vehicle follow-up";
  event.outcome = audit_outcome::allowed;
  event.detail = "served 3 results";
  return event;
}

// Appends `count` events (targets "request 1", "request 2", ...) to a fresh store and closes it.
inline void fill_store(const std::filesystem::path& folder, int count) {
  AuditStore store(folder);
  for (int i = 1; i <= count; ++i) {
    auto event = full_event(audit_category::read_search);
    event.target = "request " + std::to_string(i);
    store.append(event);
  }
}

// Opens the store in `folder` (no other environment on it may be open) and verifies it.
inline VerifyResult verify_folder(const std::filesystem::path& folder) {
  AuditStore store(folder);
  return verify_store(store);
}

// Opens the closed store's file with LMDB directly and lets `change` edit the records db.
inline void tamper(const std::filesystem::path& folder,
                   const std::function<void(lmdb::txn&, lmdb::dbi& records, lmdb::dbi& meta)>& change) {
  auto env = lmdb_store::open_lmdb(folder);
  auto txn = lmdb_store::Transaction::begin(env->handle());
  auto records = lmdb::dbi::open(txn, "records");
  auto meta = lmdb::dbi::open(txn, "meta");
  change(txn, records, meta);
  txn.commit();
}

inline std::string get_value(lmdb::txn& txn, lmdb::dbi& db, const std::string& key) {
  MDB_val k{key.size(), const_cast<char*>(key.data())};
  MDB_val v{};
  if (!lmdb::dbi_get(txn, db.handle(), &k, &v)) throw std::runtime_error("no such key in the test store");
  return std::string(static_cast<const char*>(v.mv_data), v.mv_size);
}

inline void put_value(lmdb::txn& txn, lmdb::dbi& db, const std::string& key, const std::string& value) {
  MDB_val k{key.size(), const_cast<char*>(key.data())};
  MDB_val v{value.size(), const_cast<char*>(value.data())};
  lmdb::dbi_put(txn, db.handle(), &k, &v, 0);
}

inline void delete_key(lmdb::txn& txn, lmdb::dbi& db, const std::string& key) {
  MDB_val k{key.size(), const_cast<char*>(key.data())};
  lmdb::dbi_del(txn, db.handle(), &k, nullptr);
}

inline std::string record_key(std::uint64_t sequence) { return lmdb_store::big_endian_key(sequence); }

// Removes every record after `keep` and sets the store's own end marker back to it, as an intruder
// who knows the format would: the chain alone then looks whole.
inline void cut_tail(const std::filesystem::path& folder, std::uint64_t keep, std::uint64_t last) {
  tamper(folder, [&](lmdb::txn& txn, lmdb::dbi& records, lmdb::dbi& meta) {
    const auto kept = nlohmann::json::parse(get_value(txn, records, record_key(keep)));
    for (auto sequence = keep + 1; sequence <= last; ++sequence) delete_key(txn, records, record_key(sequence));
    put_value(txn, meta, "last_sequence", std::to_string(keep));
    put_value(txn, meta, "last_hash", kept["hash"].get<std::string>());
  });
}

// Changes record `from` and recomputes every hash after it, and the end marker, as an intruder
// who knows the format would: the chain alone then looks whole.
inline void rewrite_chain_from(const std::filesystem::path& folder, std::uint64_t from, std::uint64_t last) {
  tamper(folder, [&](lmdb::txn& txn, lmdb::dbi& records, lmdb::dbi& meta) {
    std::string previous;
    for (auto sequence = from; sequence <= last; ++sequence) {
      auto record = nlohmann::json::parse(get_value(txn, records, record_key(sequence)));
      if (sequence == from) record["actor"]["user"] = "someone_else";
      else record["previous_hash"] = previous;
      record["hash"] = record_hash(record);
      previous = record["hash"];
      put_value(txn, records, record_key(sequence), canonical_json(record));
    }
    put_value(txn, meta, "last_hash", previous);
  });
}

}  // namespace platebus::audit::test
