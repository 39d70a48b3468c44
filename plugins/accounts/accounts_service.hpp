#pragma once
// The `accounts` service's requests (docs/security.md lists them): reads a request message, runs it
// against the accounts logic, and always comes back with a reply, never an exception.
#include "accounts.hpp"
#include "platebus/service.hpp"

namespace platebus::accounts {

class AccountsService {
 public:
  explicit AccountsService(Accounts& accounts) : accounts_(accounts) {}

  // Never throws; safe to call from several threads at once.
  Reply handle(const Message& request);
  // Requests that check or hash a password (Login, PasswordChange, AccountAdd, AccountResetPassword):
  // slow by design, so the plugin runs them on its PasswordPool.
  static bool checks_passwords(const Message& request);

 private:
  Reply dispatch(const std::string& type, const Message& request);
  Accounts& accounts_;
};

}  // namespace platebus::accounts
