#pragma once
// The accounts' state in LMDB: accounts by user name, sessions by token hash, recent failed login
// times by user name, changes waiting for a second program manager by id, and an outbox of audit events that offline tools (platebus-accounts) leave for
// the plugin to publish. Every change happens inside one write transaction, so a disable and the end
// of that user's sessions commit together.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <lmdb++.h>

#include "account.hpp"
#include "lmdb_transaction.hpp"
#include "pending_change.hpp"
#include "platebus/audit_event.hpp"

namespace platebus::accounts {

struct Session {
  std::string token_hash;  // key: hex SHA-256 of the token
  std::string id;          // first 12 hex characters of the hash
  std::string user;
  std::string client;
  Timestamp created_at{};
  Timestamp last_used{};
};

class AccountStore {
 public:
  // Opens (creating if needed) the database folder. Throws std::runtime_error naming the folder.
  explicit AccountStore(const std::filesystem::path& folder);
  ~AccountStore();

  class Transaction {
   public:
    std::optional<Account> account(const std::string& user);
    std::vector<Account> accounts();  // by user name
    void put(const Account& account);

    std::optional<Session> session(const std::string& token_hash);
    void put(const Session& session);
    void erase_session(const std::string& token_hash);
    std::size_t erase_sessions_of(const std::string& user);  // how many ended
    std::size_t session_count(const std::string& user);

    std::vector<Timestamp> failed_logins(const std::string& user);
    void set_failed_logins(const std::string& user, const std::vector<Timestamp>& times);

    // Pending changes (pending_change.hpp), by id.
    std::optional<PendingChange> pending_change(const std::string& id);
    std::vector<PendingChange> pending_changes();
    void put(const PendingChange& change);
    void erase_pending_change(const std::string& id);

    void append_to_outbox(const AuditEvent& event);
    std::vector<std::pair<std::uint64_t, AuditEvent>> outbox();
    void erase_from_outbox(std::uint64_t key);

    void commit();

   private:
    friend class AccountStore;
    Transaction(AccountStore& store, lmdb_store::Transaction txn) : store_(store), txn_(std::move(txn)) {}
    std::optional<std::string> get(MDB_dbi dbi, const std::string& key);
    void put(MDB_dbi dbi, const std::string& key, const std::string& value);
    AccountStore& store_;
    lmdb_store::Transaction txn_;
  };

  Transaction read();
  Transaction write();
  const std::filesystem::path& folder() const { return folder_; }

 private:
  std::filesystem::path folder_;
  std::shared_ptr<lmdb::env> env_;
  MDB_dbi accounts_ = 0, sessions_ = 0, failures_ = 0, outbox_ = 0, pending_ = 0;
};

}  // namespace platebus::accounts
