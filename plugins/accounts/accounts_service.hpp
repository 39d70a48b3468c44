#pragma once
// The `accounts` service's requests (docs/security.md lists them): reads a request message, runs it
// against the accounts logic, and always comes back with a reply, never an exception.
#include "accounts.hpp"
#include "platebus/service.hpp"

namespace platebus::accounts {

class AccountsService {
 public:
  explicit AccountsService(Accounts& accounts) : accounts_(accounts) {}

  Reply handle(const Message& request);

 private:
  Reply dispatch(const std::string& type, const Message& request);
  Accounts& accounts_;
};

}  // namespace platebus::accounts
