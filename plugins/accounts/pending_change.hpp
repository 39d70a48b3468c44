#pragma once
// A change to accounts that waits for a second program manager (docs/security.md, "Separation of
// duties"): who asked, for what request, when, and until when it may be approved.
#include <string>

#include <nlohmann/json.hpp>

#include "platebus/time.hpp"

namespace platebus::accounts {

struct PendingChange {
  std::string id;            // 8 random hex characters
  std::string type;          // the request waiting: AccountUpdate, AccountClose, ...
  std::string user;          // the account it changes
  nlohmann::json fields;     // the request's fields, never a password
  std::string password_hash; // for AccountAdd and AccountResetPassword: checked and hashed when asked
  std::string requested_by;
  Timestamp requested_at{};
  Timestamp expires_at{};

  bool expired_at(Timestamp at) const { return expires_at <= at; }

  // {id, type, user, fields, requested_by, requested_at, expires_at}; a password shows as "(set)".
  nlohmann::json to_public_json() const;
  nlohmann::json to_stored_json() const;
  // Throws std::runtime_error naming the field when the stored record is damaged.
  static PendingChange from_stored_json(const nlohmann::json& value);
};

}  // namespace platebus::accounts
