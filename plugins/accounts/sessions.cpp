// Logging in and out, and checking a session: lockout after repeated failures, idle and absolute
// expiry, the permission table.
#include <algorithm>

#include <fmt/format.h>

#include "accounts.hpp"
#include "permissions.hpp"
#include "session_tokens.hpp"
#include "shown_text.hpp"

namespace platebus::accounts {

namespace {

constexpr const char* kWrongCredentials = "wrong user name or password";
constexpr auto kIdleRefreshStep = std::chrono::seconds(1);

std::string locked_text(int attempts) {
  return fmt::format("account is locked after {} failed logins; ask the program manager to unlock it", attempts);
}

// Why this account cannot log in or keep using a session, or "" when it is active.
std::string unusable_because(const Account& account, int lockout_attempts) {
  switch (account.status) {
    case AccountStatus::active: return "";
    case AccountStatus::disabled: return "account is disabled";
    case AccountStatus::closed: return "account is closed";
    case AccountStatus::locked: return locked_text(lockout_attempts);
  }
  return "account is not active";
}

AccountError unauthenticated(const std::string& text) { return AccountError(ServiceStatus::unauthenticated, text); }

}  // namespace

const std::string& Accounts::decoy_hash() {
  if (decoy_hash_.empty()) decoy_hash_ = hash_password("a decoy nobody can log in with", cost_);
  return decoy_hash_;
}

void Accounts::record_failed_login(const std::string& user, const std::string& client) {
  const auto at = now();
  auto txn = store_.write();
  auto account = txn.account(user);
  if (!account) return;
  auto times = txn.failed_logins(user);
  std::erase_if(times, [&](Timestamp t) { return t <= at - settings_.lockout_window; });
  times.push_back(at);
  const bool lock = static_cast<int>(times.size()) >= settings_.lockout_attempts &&
                    account->status == AccountStatus::active;
  if (lock) {
    account->status = AccountStatus::locked;
    account->status_reason =
        fmt::format("{} failed logins within {} (last from {})", times.size(), describe(settings_.lockout_window),
                    client.empty() ? "an unknown address" : client);
    txn.put(*account);
  }
  txn.set_failed_logins(user, times);
  txn.commit();
  if (lock) throw unauthenticated(locked_text(settings_.lockout_attempts));
}

LoginResult Accounts::login(const std::string& user, const std::string& password, const std::string& client) {
  std::optional<Account> account;
  {
    auto txn = store_.read();
    account = txn.account(user);
  }
  if (!account) {
    verify_password(decoy_hash(), password);  // same work as for a real user: no timing hint
    throw unauthenticated(kWrongCredentials);
  }
  if (const auto why = unusable_because(*account, settings_.lockout_attempts); !why.empty()) throw unauthenticated(why);
  // The slow Argon2id check runs outside any write transaction, so it never holds up other writers.
  if (!verify_password(account->password_hash, password)) {
    record_failed_login(user, client);
    throw unauthenticated(kWrongCredentials);
  }

  const auto at = now();
  auto txn = store_.write();
  auto current = load(txn, user);
  if (const auto why = unusable_because(current, settings_.lockout_attempts); !why.empty()) throw unauthenticated(why);
  current.last_login = at;
  txn.put(current);
  txn.set_failed_logins(user, {});
  const auto made = new_token();
  const Session session{made.hash, made.id, user, client, at, at};
  txn.put(session);
  txn.commit();
  LoginResult result;
  result.account = std::move(current);
  result.session = session;
  result.expires_at = at + std::chrono::duration_cast<std::chrono::microseconds>(settings_.session_lifetime);
  result.idle_expires_at = std::min(result.expires_at, at + std::chrono::duration_cast<std::chrono::microseconds>(
                                                                settings_.idle_timeout));
  result.token = made.token;
  return result;
}

void Accounts::logout(const std::string& token) {
  if (token.empty()) return;
  auto txn = store_.write();
  txn.erase_session(token_hash(token));
  txn.commit();
}

SessionView Accounts::authenticate(const std::string& token) {
  using std::chrono::duration_cast;
  using std::chrono::microseconds;
  if (token.empty()) throw unauthenticated("not logged in");
  const auto at = now();
  const auto hash = token_hash(token);
  std::optional<Session> session;
  std::optional<Account> account;
  {
    auto txn = store_.read();
    session = txn.session(hash);
    if (session) account = txn.account(session->user);
  }
  if (!session) throw unauthenticated("not logged in");
  const auto expires_at = session->created_at + duration_cast<microseconds>(settings_.session_lifetime);
  const auto idle_end = session->last_used + duration_cast<microseconds>(settings_.idle_timeout);
  const bool expired = at >= expires_at || at >= idle_end;
  if (expired || !account) {
    auto txn = store_.write();
    txn.erase_session(hash);
    txn.commit();
    throw unauthenticated(expired ? "session expired; log in again" : "not logged in");
  }
  if (const auto why = unusable_because(*account, settings_.lockout_attempts); !why.empty()) throw unauthenticated(why);
  // Refreshing costs a durable write; within a second it changes nothing that matters.
  if (at - session->last_used >= kIdleRefreshStep) {
    auto txn = store_.write();
    if (!txn.session(hash)) throw unauthenticated("not logged in");  // ended meanwhile
    session->last_used = at;
    txn.put(*session);
    txn.commit();
  }
  SessionView view;
  view.account = std::move(*account);
  view.session = std::move(*session);
  view.expires_at = expires_at;
  view.idle_expires_at = std::min(expires_at, at + duration_cast<microseconds>(settings_.idle_timeout));
  return view;
}

Authorization Accounts::authorize(const std::string& token, std::string_view action) {
  if (!find_permission(action)) throw AccountError(ServiceStatus::invalid, fmt::format("unknown action '{}'", shown(action)));
  Authorization result;
  result.view = authenticate(token);
  result.decision = decide(result.view.account, action, date_of(now()));
  return result;
}

void Accounts::change_password(const std::string& token, const std::string& old_password,
                               const std::string& new_password) {
  const auto view = authenticate(token);
  if (!verify_password(view.account.password_hash, old_password)) {
    // Counts as a failed login: a borrowed session must not become a way to guess the password.
    record_failed_login(view.account.user, view.session.client);
    throw unauthenticated("the old password is wrong");
  }
  const auto hash = checked_password_hash(view.account.user, new_password, "new_password");
  auto txn = store_.write();
  auto account = load(txn, view.account.user);
  account.password_hash = hash;
  txn.put(account);
  txn.commit();
}

void Accounts::require_permission(const std::string& user, std::string_view action) {
  std::optional<Account> account;
  {
    auto txn = store_.read();
    account = txn.account(user);
  }
  if (!account || account->status != AccountStatus::active)
    throw AccountError(ServiceStatus::denied,
                       fmt::format("the request's actor '{}' is not an active account; {} needs one", shown(user), action));
  const auto decision = decide(*account, action, date_of(now()));
  if (!decision.allowed()) throw AccountError(ServiceStatus::denied, decision.error);
}

}  // namespace platebus::accounts
