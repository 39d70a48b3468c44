#pragma once
// The `accounts` service's requests (docs/security.md lists them): reads a request message, runs it
// against the accounts logic, and always comes back with a reply, never an exception.
#include <functional>

#include "accounts.hpp"
#include "change_approval.hpp"
#include "platebus/service.hpp"

namespace platebus::accounts {

class AccountsService {
 public:
  explicit AccountsService(Accounts& accounts) : accounts_(accounts), approval_(accounts) {}

  // Never throws; safe to call from several threads at once.
  Reply handle(const Message& request);
  // Requests that check or hash a password (Login, PasswordChange, AccountAdd, AccountResetPassword):
  // slow by design, so the plugin runs them on its PasswordPool.
  static bool checks_passwords(const Message& request);
  ChangeApproval& approval() { return approval_; }

 private:
  // `approved_hash`: the password hash of an approved pending change, used instead of `password`.
  Reply dispatch(const std::string& type, const Message& request, const std::string* approved_hash = nullptr);
  // A request that changes one account (AccountAdd, AccountUpdate, ..., DesigneeRevoke), every field
  // read and checked (account_changes.cpp); calling it makes the change. Throws AccountError(invalid).
  using AccountChange = std::function<Account()>;
  AccountChange prepare_change(const std::string& type, const Message& request, const std::string* approved_hash);
  // Records a change that waits for a second program manager, and says so.
  Reply propose(const std::string& type, const Message& request, const std::string& by);
  // ChangeList, ChangeApprove, ChangeDecline.
  Reply decide_change(const std::string& type, const Message& request, const std::string& by);
  Accounts& accounts_;
  ChangeApproval approval_;
};

}  // namespace platebus::accounts
