// An account's life: created by a program manager, disabled and enabled, closed for good when the
// person leaves, unlocked after a lockout, deactivated after a long time without login.
#include <algorithm>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "accounts.hpp"
#include "permissions.hpp"
#include "shown_text.hpp"

namespace platebus::accounts {

namespace {

AccountError invalid(const std::string& text) { return AccountError(ServiceStatus::invalid, text); }

void refuse_if_closed(const Account& account) {
  if (account.status == AccountStatus::closed)
    throw AccountError(ServiceStatus::denied,
                       fmt::format("account '{}' is closed, and closing is irreversible; create a new account "
                                   "with another user name if the person returns", account.user));
}

std::vector<std::string> checked_roles(const std::vector<std::string>& roles) {
  if (roles.empty())
    throw invalid(fmt::format("roles: give at least one of {}", fmt::join(kRoles, ", ")));
  std::vector<std::string> unique;
  for (const auto& name : roles) {
    if (!is_role(name)) throw invalid(fmt::format("roles: '{}' is not a role; use {}", shown(name), fmt::join(kRoles, ", ")));
    if (std::find(unique.begin(), unique.end(), name) == unique.end()) unique.push_back(name);
  }
  return unique;
}

void check_clearance(const std::vector<std::string>& roles, const std::optional<Date>& clearance) {
  if (clearance) return;
  for (const auto& name : roles)
    if (is_sworn(name))
      throw invalid(fmt::format("clearance_expires: sworn roles ({}) need a CLETS clearance expiry date, YYYY-MM-DD",
                                name));
}

// Nobody could manage accounts any more, short of the offline tool.
void refuse_closing_the_last_program_manager(const Account& account, AccountStore::Transaction& txn) {
  if (!account.holds(role::program_manager)) return;
  const auto others = txn.accounts();
  if (std::any_of(others.begin(), others.end(), [&](const Account& other) {
        return other.user != account.user && other.status == AccountStatus::active && other.holds(role::program_manager);
      }))
    return;
  throw AccountError(ServiceStatus::denied,
                     fmt::format("'{}' is the last active program manager, and closing it would leave nobody to "
                                 "manage accounts; make another program manager first", account.user));
}

void check_display_name(const std::string& name) {
  if (name.size() > 200) throw invalid("display_name: use at most 200 characters");
}

}  // namespace

std::optional<std::string> user_name_problem(std::string_view user) {
  const auto allowed = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
  };
  if (user.size() < 2 || user.size() > 32 || !(user[0] >= 'a' && user[0] <= 'z') ||
      !std::all_of(user.begin(), user.end(), allowed))
    return fmt::format("user: '{}' is not a user name; use 2 to 32 lower-case letters, digits, '.', '_' or '-', "
                       "starting with a letter", shown(user));
  return std::nullopt;
}

Accounts::Accounts(AccountStore& store, PasswordPolicy policy, AccountSettings settings, Clock clock, HashCost cost)
    : store_(store), policy_(std::move(policy)), settings_(std::move(settings)), clock_(std::move(clock)), cost_(cost) {}

Account Accounts::load(AccountStore::Transaction& txn, const std::string& user) {
  auto account = txn.account(user);
  if (!account) throw invalid(fmt::format("user: there is no account named '{}'", shown(user)));
  return std::move(*account);
}

template <class Change>
Account Accounts::change_account(const std::string& user, IfClosed if_closed, Change&& change) {
  auto txn = store_.write();
  auto account = load(txn, user);
  if (if_closed == IfClosed::refuse) refuse_if_closed(account);
  change(account, txn);
  txn.put(account);
  txn.commit();
  return account;
}

std::string Accounts::checked_password_hash(const std::string& user, const std::string& password, const char* field) {
  if (const auto problem = policy_.problem(user, password)) throw invalid(fmt::format("{}: {}", field, *problem));
  return hash_password(password, cost_);
}

Account Accounts::add(const NewAccount& wanted, const std::string& by, const std::string* password_hash) {
  if (const auto problem = user_name_problem(wanted.user)) throw invalid(*problem);
  Account account;
  account.user = wanted.user;
  account.roles = checked_roles(wanted.roles);
  check_clearance(account.roles, wanted.clearance_expires);
  check_display_name(wanted.display_name);
  account.display_name = wanted.display_name;
  account.clearance_expires = wanted.clearance_expires;
  if (find(wanted.user))
    throw invalid(fmt::format("user: an account named '{}' already exists (user names are never reused)", wanted.user));
  account.password_hash = password_hash ? *password_hash : checked_password_hash(wanted.user, wanted.password, "password");
  account.created_at = now();
  account.created_by = by;
  auto txn = store_.write();
  if (txn.account(wanted.user))
    throw invalid(fmt::format("user: an account named '{}' already exists (user names are never reused)", wanted.user));
  txn.put(account);
  txn.commit();
  return account;
}

Account Accounts::update(const std::string& user, const AccountChanges& changes) {
  return change_account(user, IfClosed::refuse, [&](Account& account, AccountStore::Transaction&) {
    if (changes.display_name) {
      check_display_name(*changes.display_name);
      account.display_name = *changes.display_name;
    }
    if (changes.roles) account.roles = checked_roles(*changes.roles);
    if (changes.clearance_expires) account.clearance_expires = *changes.clearance_expires;
    check_clearance(account.roles, account.clearance_expires);
  });
}

Account Accounts::disable(const std::string& user, const std::string& reason, const std::string& by) {
  return change_account(user, IfClosed::refuse, [&](Account& account, AccountStore::Transaction& txn) {
    account.status = AccountStatus::disabled;
    account.status_reason = reason.empty() ? fmt::format("disabled by {}", by) : reason;
    txn.erase_sessions_of(user);
  });
}

Account Accounts::enable(const std::string& user) {
  return change_account(user, IfClosed::refuse, [&](Account& account, AccountStore::Transaction& txn) {
    if (account.status == AccountStatus::active) return;
    lift_lock(account);
    account.enabled_at = now();
    txn.set_failed_logins(user, {});
  });
}

Account Accounts::close(const std::string& user, const std::string& by) {
  return change_account(user, IfClosed::allow, [&](Account& account, AccountStore::Transaction& txn) {
    if (account.status != AccountStatus::closed) {
      refuse_closing_the_last_program_manager(account, txn);
      account.status = AccountStatus::closed;
      account.status_reason = fmt::format("closed by {} on {}", by, to_iso_date(date_of(now())));
      account.designee.reset();
      txn.set_failed_logins(user, {});
    }
    txn.erase_sessions_of(user);
  });
}

void Accounts::lift_lock(Account& account) {
  account.status = AccountStatus::active;
  account.status_reason.clear();
  account.locked_until.reset();
}

Account Accounts::unlock(const std::string& user) {
  return change_account(user, IfClosed::refuse, [&](Account& account, AccountStore::Transaction& txn) {
    if (account.status == AccountStatus::locked) lift_lock(account);
    txn.set_failed_logins(user, {});
  });
}

Account Accounts::reset_password(const std::string& user, const std::string& password) {
  {
    auto txn = store_.read();
    refuse_if_closed(load(txn, user));
  }
  // Hashed before the write transaction: Argon2id takes a while, and a transaction blocks other writers.
  return set_password_hash(user, checked_password_hash(user, password, "password"));
}

Account Accounts::set_password_hash(const std::string& user, const std::string& hash) {
  return change_account(user, IfClosed::refuse, [&](Account& account, AccountStore::Transaction& txn) {
    account.password_hash = hash;
    txn.erase_sessions_of(user);  // whoever knew the old password is logged out too
  });
}

Account Accounts::grant_designee(const std::string& user, DesigneeGrant grant) {
  if (grant.to < grant.from)
    throw invalid(fmt::format("to: {} is before from ({}); the grant's end must be on or after its start",
                              to_iso_date(grant.to), to_iso_date(grant.from)));
  if (const auto days = (grant.to - grant.from).count() + 1; days > settings_.designee_max_days)
    throw invalid(fmt::format("to: the grant would last {} days; a designee grant lasts at most {} "
                              "(designee_max_days): grant again when it ends", days, settings_.designee_max_days));
  return change_account(user, IfClosed::refuse, [&](Account& account, AccountStore::Transaction&) {
    if (std::none_of(account.roles.begin(), account.roles.end(), [](const std::string& r) { return is_sworn(r); }))
      throw invalid(fmt::format("user: a designee grant goes to a sworn account (officer, investigator, sergeant); "
                                "'{}' holds {}", user, fmt::join(account.roles, ", ")));
    account.designee = grant;
  });
}

Account Accounts::revoke_designee(const std::string& user) {
  return change_account(user, IfClosed::allow,
                        [](Account& account, AccountStore::Transaction&) { account.designee.reset(); });
}

bool Accounts::idle_too_long(const Account& account, Timestamp as_of) const {
  if (account.status != AccountStatus::active && account.status != AccountStatus::locked) return false;
  return account.last_activity() < as_of - std::chrono::duration_cast<std::chrono::microseconds>(settings_.inactivity_limit);
}

void Accounts::deactivate_for_inactivity(Account& account, AccountStore::Transaction& txn) {
  account.status = AccountStatus::disabled;
  account.status_reason =
      account.last_login
          ? fmt::format("no login for {} (last: {})", describe(settings_.inactivity_limit), to_iso_date(date_of(*account.last_login)))
          : fmt::format("no login for {} (last: never; created {})", describe(settings_.inactivity_limit),
                        to_iso_date(date_of(account.created_at)));
  txn.put(account);
  txn.erase_sessions_of(account.user);
}

std::vector<Account> Accounts::sweep(Timestamp as_of) {
  std::vector<Account> deactivated;
  auto txn = store_.write();
  for (auto& account : txn.accounts()) {
    if (!idle_too_long(account, as_of)) continue;
    deactivate_for_inactivity(account, txn);
    deactivated.push_back(std::move(account));
  }
  txn.commit();
  return deactivated;
}

std::vector<Account> Accounts::list() {
  auto txn = store_.read();
  return txn.accounts();
}

std::optional<Account> Accounts::find(const std::string& user) {
  auto txn = store_.read();
  return txn.account(user);
}

bool Accounts::has_active_program_manager() {
  const auto all = list();
  return std::any_of(all.begin(), all.end(), [](const Account& a) {
    return a.status == AccountStatus::active && a.holds(role::program_manager);
  });
}

}  // namespace platebus::accounts
