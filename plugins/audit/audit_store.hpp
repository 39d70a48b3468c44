#pragma once
// The audit trail in LMDB: db "records" maps the big-endian sequence to the record's JSON; db
// "meta" holds the last sequence and hash, and the purge anchor (the last purged record's sequence
// and hash, from which the remaining chain continues). Each append is one write transaction,
// committed (and so fsync'd, unless the environment was opened with MDB_NOSYNC) before it returns.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include <lmdb++.h>
#include <nlohmann/json.hpp>

#include "platebus/audit_event.hpp"

namespace platebus::audit {

// The store refused a write (full map, full disk, I/O error); the text says which and what to do.
class AuditWriteError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct StoreOptions {
  std::size_t map_size = std::size_t{1024} << 20;  // bytes: the most the file may grow to
  bool read_only = false;                          // offline verification
  unsigned int extra_flags = 0;                    // MDB_NOSYNC for the benchmark's baseline only
};

struct ChainState {
  std::uint64_t last_sequence = 0;     // 0: nothing written yet
  std::string last_hash;               // the chain hash: the last record's hash (genesis when empty)
  std::uint64_t anchor_sequence = 0;   // the last purged record; 0 when nothing was purged
  std::string anchor_hash;             // its hash (genesis when nothing was purged)
};

struct Appended {
  std::uint64_t sequence = 0;
  std::string hash;
};

struct PurgeSummary {
  std::uint64_t purged = 0;  // how many records were removed
  std::uint64_t first_sequence = 0;
  std::uint64_t last_sequence = 0;  // the new anchor
  std::string anchor_hash;
};

class AuditStore {
 public:
  AuditStore(const std::filesystem::path& folder, const StoreOptions& options = {});

  // Chains and stores `event`; returns once the commit returned. Throws AuditWriteError.
  Appended append(const AuditEvent& event);

  ChainState state() const;

  // The chain state, then every stored record in key order (the sequence its key says, the stored
  // bytes), all from one read transaction so a concurrent append cannot skew them. The bytes are
  // handed over as stored, so a verifier sees tampering instead of a parse error.
  void for_each_stored(const std::function<void(const ChainState& state)>& begin,
                       const std::function<void(std::uint64_t key, std::string_view value)>& visit) const;
  // The bytes stored under `sequence`, if any.
  std::optional<std::string> stored_at(std::uint64_t sequence) const;
  // Every readable record (unreadable ones skipped), in key order; return false to stop.
  void for_each_record(const std::function<bool(const nlohmann::json& record)>& visit) const;

  // Removes the oldest records whose time is before `cutoff`, up to the first one that is not
  // (so the rest stays one unbroken chain), moves the anchor to the last one removed, and appends
  // the event `describe` makes of what was removed, all in one transaction. Nothing happens (and
  // nothing is returned) when no record is old enough.
  std::optional<PurgeSummary> purge_before(Timestamp cutoff,
                                           const std::function<AuditEvent(const PurgeSummary&)>& describe);

  const std::filesystem::path& folder() const { return folder_; }

 private:
  Appended append_in(lmdb::txn& txn, const AuditEvent& event);
  ChainState state_in(lmdb::txn& txn) const;

  std::filesystem::path folder_;
  std::shared_ptr<lmdb::env> env_;
  lmdb::dbi records_{0};
  lmdb::dbi meta_{0};
};

}  // namespace platebus::audit
