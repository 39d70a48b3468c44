#pragma once
// The `accounts` service's requests (docs/security.md lists them), served through the SDK's
// ServiceTable: one handler per request type, each entry naming the action it needs, which the
// table checks through Accounts::require_permission (permissions.cpp decides). Always replies,
// never throws.
#include <functional>

#include "accounts.hpp"
#include "change_approval.hpp"
#include "platebus/service_table.hpp"

namespace platebus::accounts {

class AccountsService {
 public:
  explicit AccountsService(Accounts& accounts);
  AccountsService(const AccountsService&) = delete;  // the table's handlers hold `this`
  AccountsService& operator=(const AccountsService&) = delete;

  // Never throws; safe to call from several threads at once.
  Reply handle(const Message& request) const { return table_.answer(request); }
  // The table, for the plugin to serve requests from the bus with (ServiceTable::serve).
  const ServiceTable& table() const { return table_; }
  // Requests that check or hash a password (Login, PasswordChange, AccountAdd, AccountResetPassword):
  // slow by design, so the plugin runs them on its PasswordPool.
  static bool checks_passwords(const Message& request);
  ChangeApproval& approval() { return approval_; }

 private:
  ServiceTable make_table();

  // Requests that prove who asks by a password or a session token (session_requests.cpp).
  Reply login(const Message& request);
  Reply logout(const Message& request);
  Reply authorize(const Message& request);
  Reply change_password(const Message& request);
  // accounts.manage requests.
  Reply list_accounts(const Message& request);
  Reply sweep(const Message& request);
  // AccountAdd ... DesigneeRevoke: applied at once, or proposed when a second program manager must approve.
  Reply change_account(const std::string& type, const Message& request);

  // A request that changes one account (AccountAdd, AccountUpdate, ..., DesigneeRevoke), every field
  // read and checked (account_changes.cpp); calling it makes the change. Throws AccountError(invalid).
  // `approved_hash`: the password hash of an approved pending change, used instead of `password`.
  using AccountChange = std::function<Account()>;
  AccountChange prepare_change(const std::string& type, const Message& request, const std::string* approved_hash);

  // Changes waiting for a second program manager (change_requests.cpp).
  Reply propose(const std::string& type, const Message& request, const std::string& by);
  Reply list_changes(const Message& request);
  Reply approve_change(const Message& request);
  Reply decline_change(const Message& request);

  Accounts& accounts_;
  ChangeApproval approval_;
  ServiceTable table_;
};

}  // namespace platebus::accounts
