#pragma once
// The accounts logic, free of the bus: sessions (sessions.cpp) and the account lifecycle
// (lifecycle.cpp) over one store, one password policy and one clock. Refusals throw AccountError.
// Safe to call from several threads at once (the plugin checks passwords on a small pool).
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "account.hpp"
#include "account_error.hpp"
#include "account_settings.hpp"
#include "account_store.hpp"
#include "clock.hpp"
#include "login_throttle.hpp"
#include "password_hash.hpp"
#include "password_policy.hpp"
#include "permissions.hpp"

namespace platebus::accounts {

struct NewAccount {
  std::string user;
  std::vector<std::string> roles;
  std::string password;
  std::string display_name;
  std::optional<Date> clearance_expires;
};

// AccountUpdate: only the fields given change.
struct AccountChanges {
  std::optional<std::string> display_name;
  std::optional<std::vector<std::string>> roles;
  std::optional<std::optional<Date>> clearance_expires;  // a value of nothing removes the date
};

struct SessionView {
  Account account;
  Session session;
  Timestamp expires_at{};       // absolute end
  Timestamp idle_expires_at{};  // end if left idle from now
};

struct Authorization {
  SessionView view;
  Decision decision;
};

struct LoginResult : SessionView {
  std::string token;  // given out once; the store keeps only its hash
};

class Accounts {
 public:
  Accounts(AccountStore& store, PasswordPolicy policy, AccountSettings settings, Clock clock = system_clock(),
           HashCost cost = HashCost::interactive());

  // Sessions. Before the password is checked, every refusal is `wrong user name or password` after
  // one full hash (or the throttle's `try again in N s`, for known and unknown names alike); only the
  // right password learns that the account is locked, disabled or closed.
  LoginResult login(const std::string& user, const std::string& password, const std::string& client);
  void logout(const std::string& token);
  // A live session for `token` (refreshing its idle timer) and its active account.
  SessionView authenticate(const std::string& token);
  // authenticate(), then the permission table's decision for `action` (throws only when the action
  // is unknown or the session is not live, so a refusal still says who was refused).
  Authorization authorize(const std::string& token, std::string_view action);
  void change_password(const std::string& token, const std::string& old_password, const std::string& new_password);

  // The lifecycle; `by` is the user asking, recorded as created_by or in status reasons.
  // `password_hash`, when given, stands for `password` checked and hashed earlier (an approved
  // pending change: checked_password_hash).
  Account add(const NewAccount& account, const std::string& by, const std::string* password_hash = nullptr);
  Account update(const std::string& user, const AccountChanges& changes);
  Account disable(const std::string& user, const std::string& reason, const std::string& by);
  Account enable(const std::string& user);
  Account close(const std::string& user, const std::string& by);
  Account unlock(const std::string& user);
  Account reset_password(const std::string& user, const std::string& password);
  // reset_password with a password checked and hashed earlier (checked_password_hash).
  Account set_password_hash(const std::string& user, const std::string& hash);
  // The password policy's verdict (invalid, naming `field`), then its Argon2id hash. Slow by design.
  std::string checked_password_hash(const std::string& user, const std::string& password, const char* field);
  Account grant_designee(const std::string& user, DesigneeGrant grant);
  Account revoke_designee(const std::string& user);
  // Disables every active or locked account with no login (nor creation, nor re-enabling) for
  // longer than the inactivity limit before `as_of`, ending its sessions. Returns those disabled.
  // (A login past the limit disables the account too, leaving its audit event in the outbox.)
  std::vector<Account> sweep(Timestamp as_of);
  std::vector<Account> sweep(Date as_of) { return sweep(start_of(as_of)); }

  std::vector<Account> list();
  std::optional<Account> find(const std::string& user);
  bool has_active_program_manager();
  // Throws AccountError(denied) unless `user` names an active (or locked: its sessions go on)
  // account that may do `action` today.
  void require_permission(const std::string& user, std::string_view action);

  Timestamp now() const { return clock_(); }
  const AccountSettings& settings() const { return settings_; }
  AccountStore& store() { return store_; }

 private:
  enum class IfClosed { refuse, allow };
  Account load(AccountStore::Transaction& txn, const std::string& user);
  // One account changed in one write transaction: loaded, refused if closed (unless allowed),
  // changed by `change(account, txn)`, stored.
  template <class Change>
  Account change_account(const std::string& user, IfClosed if_closed, Change&& change);
  // Counts a failure towards the account's lock (never lengthening a running lock).
  void record_failed_login(const std::string& user, const std::string& client);
  // After the right password: the session, or why the account may not have one.
  LoginResult open_session(const std::string& user, const std::string& client);
  bool idle_too_long(const Account& account, Timestamp as_of) const;
  // Disables for inactivity and ends the sessions, in `txn` (the sweep's, or a login's).
  void deactivate_for_inactivity(Account& account, AccountStore::Transaction& txn);
  static void lift_lock(Account& account);
  const std::string& decoy_hash();

  AccountStore& store_;
  PasswordPolicy policy_;
  AccountSettings settings_;
  Clock clock_;
  HashCost cost_;
  LoginThrottle throttle_;
  std::once_flag decoy_made_;
  std::string decoy_hash_;  // verified against for unknown users, so they take as long as known ones
};

// A user name: 2-32 characters, lower-case letters, digits, '.', '_' or '-', starting with a letter.
// Nothing when valid, otherwise why not.
std::optional<std::string> user_name_problem(std::string_view user);

}  // namespace platebus::accounts
