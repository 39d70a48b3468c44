#pragma once
// What every platebus-accounts command shares: the deployment options, the opened accounts database,
// the acting OS user and the audit events it leaves in the outbox.
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>

#include "accounts.hpp"
#include "platebus/audit_event.hpp"

namespace platebus::accounts::offline {

// Exit codes: 0 done, 1 refused or failed, 2 bad input (arguments, deployment, date).
constexpr int kRefused = 1;
constexpr int kBadInput = 2;

struct BadInput : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct Common {
  std::string config;
  std::optional<std::string> instance;
};

struct Opened {
  AccountSettings settings;
  std::unique_ptr<AccountStore> store;
  std::unique_ptr<Accounts> accounts;
};

// `offline:<OS user>`, the actor of everything the tool does.
Actor offline_actor();
void leave_event(AccountStore& store, const AuditEvent& event);
// Reads the deployment's accounts instance and opens its database; the banned word list only when
// a password is set. Throws BadInput for the deployment.
Opened open_accounts(const Common& common, bool with_password_policy);
// A YYYY-MM-DD option, or nothing when empty. Throws BadInput naming `option`.
std::optional<Date> date_option(const std::string& text, const char* option);

}  // namespace platebus::accounts::offline
