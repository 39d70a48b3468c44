#pragma once
// One person's account as the accounts store keeps it, and the form the service shows (never the
// password hash).
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "duration_words.hpp"
#include "platebus/time.hpp"
#include "platebus/time.hpp"

namespace platebus::accounts {

enum class AccountStatus { active, disabled, locked, closed };

const char* to_string(AccountStatus status);
inline std::ostream& operator<<(std::ostream& out, AccountStatus status) { return out << to_string(status); }

// The sergeant's sharing approval lent to another sworn account, both dates included.
struct DesigneeGrant {
  Date from;
  Date to;
  bool active_on(Date day) const { return from <= day && day <= to; }
};

struct Account {
  std::string user;
  std::string display_name;
  std::vector<std::string> roles;
  AccountStatus status = AccountStatus::active;
  std::string status_reason;
  std::optional<Date> clearance_expires;  // CLETS clearance, required for sworn roles
  std::optional<DesigneeGrant> designee;
  std::string password_hash;  // libsodium's Argon2id string
  Timestamp created_at{};
  std::string created_by;
  std::optional<Timestamp> last_login;
  // When a program manager last enabled the account: the inactivity clock restarts there, or a
  // re-enabled account would be swept again the next day.
  std::optional<Timestamp> enabled_at;
  std::optional<Timestamp> locked_until;  // a lock lifts by itself then

  // Locked, and the lock has not yet run out at `at`.
  bool lock_in_force(Timestamp at) const { return status == AccountStatus::locked && (!locked_until || at < *locked_until); }

  bool holds(std::string_view role) const;
  // The latest of creation, last login and re-enabling: what the 90-day sweep measures from.
  Timestamp last_activity() const;

  // The service's view: user, display_name, roles, status, clearance_expires, created_at,
  // created_by, last_login, status_reason, designee, locked_until ("" unless locked).
  nlohmann::json to_public_json() const;
  nlohmann::json to_stored_json() const;
  // Throws std::runtime_error naming the field when the stored record is damaged.
  static Account from_stored_json(const nlohmann::json& value);
};

}  // namespace platebus::accounts
