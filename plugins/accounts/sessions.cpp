// Logging in and out, and checking a session: throttling and expiring locks after repeated
// failures, the inactivity limit at login, idle and absolute expiry, the permission table.
#include <algorithm>

#include <fmt/format.h>

#include "accounts.hpp"
#include "audit_events.hpp"
#include "permissions.hpp"
#include "session_tokens.hpp"
#include "shown_text.hpp"

namespace platebus::accounts {

namespace {

constexpr const char* kWrongCredentials = "wrong user name or password";
constexpr auto kIdleRefreshStep = std::chrono::seconds(1);

// What the right password learns about an account that may not log in, or "" when it may at `at`.
std::string unusable_because(const Account& account, Timestamp at) {
  switch (account.status) {
    case AccountStatus::active: return "";
    case AccountStatus::disabled: return "account is disabled";
    case AccountStatus::closed: return "account is closed";
    case AccountStatus::locked:
      if (!account.lock_in_force(at)) return "";
      return fmt::format("account is locked until {} after repeated failed logins; wait, or ask the program "
                         "manager to unlock it", account.locked_until ? to_iso8601(*account.locked_until) : "unlocked");
  }
  return "account is not active";
}

// A session stays usable while its account is active or locked (a lock only stops new logins):
// disabling and closing end sessions, and this refuses any left behind.
std::string session_refused_because(const Account& account) {
  if (account.status == AccountStatus::disabled) return "account is disabled";
  if (account.status == AccountStatus::closed) return "account is closed";
  return "";
}

AccountError unauthenticated(const std::string& text) { return AccountError(ServiceStatus::unauthenticated, text); }

}  // namespace

const std::string& Accounts::decoy_hash() {
  std::call_once(decoy_made_, [this] { decoy_hash_ = hash_password("a decoy nobody can log in with", cost_); });
  return decoy_hash_;
}

void Accounts::record_failed_login(const std::string& user, const std::string& client) {
  const auto at = now();
  auto txn = store_.write();
  auto account = txn.account(user);
  if (!account || account->lock_in_force(at)) return;  // a running lock is not lengthened by more guesses
  auto times = txn.failed_logins(user);
  std::erase_if(times, [&](Timestamp t) { return t <= at - settings_.lockout_window; });
  times.push_back(at);
  const bool usable = account->status == AccountStatus::active || account->status == AccountStatus::locked;
  if (usable && static_cast<int>(times.size()) >= settings_.lockout_attempts) {
    account->status = AccountStatus::locked;
    account->locked_until = at + std::chrono::duration_cast<std::chrono::microseconds>(settings_.lockout_duration);
    account->status_reason =
        fmt::format("{} failed logins within {} (last from {})", times.size(), describe(settings_.lockout_window),
                    client.empty() ? "an unknown address" : client);
    txn.put(*account);
    times.clear();
  }
  txn.set_failed_logins(user, times);
  txn.commit();
}

LoginResult Accounts::login(const std::string& user, const std::string& password, const std::string& client) {
  const auto address = client_address(client);
  if (const auto wait = throttle_.wait_before(address, user, now()))
    throw unauthenticated(fmt::format("too many failed logins for this user name from your address; try again in {} s",
                                      wait->count()));
  std::optional<Account> account;
  {
    auto txn = store_.read();
    account = txn.account(user);
  }
  // Every account, whatever its status, and every unknown name (against a decoy) costs one full
  // Argon2id check before anything is said: neither the answer nor its timing tells them apart.
  const bool right = verify_password(account ? account->password_hash : decoy_hash(), password);
  if (!account || !right) {
    throttle_.failed(address, user, now());
    if (account) record_failed_login(user, client);
    throw unauthenticated(kWrongCredentials);
  }
  throttle_.succeeded(address, user);
  return open_session(user, client);
}

LoginResult Accounts::open_session(const std::string& user, const std::string& client) {
  const auto at = now();
  auto txn = store_.write();
  auto current = load(txn, user);
  if (current.status == AccountStatus::locked && !current.lock_in_force(at)) lift_lock(current);
  // The inactivity limit holds at login too, not only when the sweep last ran.
  if (idle_too_long(current, at)) {
    deactivate_for_inactivity(current, txn);
    txn.append_to_outbox(deactivation_event(Actor::system(), current, at));
    txn.commit();
    throw unauthenticated(fmt::format("account is disabled: {}; ask the program manager to enable it",
                                      current.status_reason));
  }
  if (const auto why = unusable_because(current, at); !why.empty()) throw unauthenticated(why);
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
  if (const auto why = session_refused_because(*account); !why.empty()) throw unauthenticated(why);
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
    // Counts as a failed login: a borrowed session must not become a way to guess the password
    // (it may lock the account against new logins; this session goes on).
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
  // A locked account's live sessions go on working (a lock only stops new logins).
  if (!account || (account->status != AccountStatus::active && account->status != AccountStatus::locked))
    throw AccountError(ServiceStatus::denied,
                       fmt::format("the request's actor '{}' is not an active account; {} needs one", shown(user), action));
  const auto decision = decide(*account, action, date_of(now()));
  if (!decision.allowed()) throw AccountError(ServiceStatus::denied, decision.error);
}

}  // namespace platebus::accounts
