// The login defences (issue 16) on a real LMDB store with the clock moved by hand: one answer for
// every refusal before the password is checked, locks that lift by themselves and leave sessions
// alone, the throttle per (address, user name), and the inactivity limit at login.
#include <boost/test/unit_test.hpp>

#include "accounts_fixture.hpp"

using namespace platebus;
using namespace platebus::accounts;
using namespace platebus::accounts::test;

namespace {

const std::string kRight = "a long enough passphrase";
const std::string kWrong = "wrong user name or password";

// The answer to a login from `client`: "ok" or the refusal's text.
std::string login_from(AccountsFixture& f, const std::string& client, const std::string& user,
                       const std::string& password) {
  try {
    f.accounts->login(user, password, client);
    return "ok";
  } catch (const AccountError& e) {
    BOOST_TEST((e.status() == ServiceStatus::unauthenticated));
    return e.what();
  }
}

// Five failures, each from its own address so the throttle stays out of the way: a lock.
void lock_out(AccountsFixture& f, const std::string& user) {
  for (int i = 0; i < 5; ++i) login_from(f, "198.51.100." + std::to_string(i) + ":4000", user, "a wrong guess!");
  BOOST_REQUIRE(f.accounts->find(user)->status == AccountStatus::locked);
}

std::string authorize_error(AccountsFixture& f, const std::string& token) {
  const auto reply = f.ask("Authorize", {{"token", token}, {"action", "session"}}, "");
  return reply.ok() ? "ok" : reply.error;
}

}  // namespace

BOOST_AUTO_TEST_CASE(before_the_password_is_checked_every_refusal_reads_the_same) {
  AccountsFixture f;
  f.add("boss", {"program_manager"});
  for (const char* user : {"jdoe", "locky", "dis", "gone"}) f.add(user, {"officer"});
  lock_out(f, "locky");
  f.accounts->disable("dis", "on leave", "boss");
  f.accounts->close("gone", "boss");
  int address = 10;
  const auto attempt = [&](const std::string& user, const std::string& password) {
    return login_from(f, "203.0.113." + std::to_string(++address) + ":5000", user, password);
  };
  for (const char* user : {"nobody", "jdoe", "locky", "dis", "gone"}) BOOST_TEST(attempt(user, "not the password") == kWrong, user);
  // Only the right password learns why the account may not log in.
  BOOST_TEST(attempt("locky", kRight).find("account is locked until 2027-03-01T09:15:00") == 0u, attempt("locky", kRight));
  BOOST_TEST(attempt("dis", kRight) == "account is disabled");
  BOOST_TEST(attempt("gone", kRight) == "account is closed");
  BOOST_TEST(attempt("jdoe", kRight) == "ok");
}

BOOST_AUTO_TEST_CASE(a_lock_lifts_by_itself_and_a_manager_may_lift_it_sooner) {
  AccountsFixture f;
  f.add("boss", {"program_manager"});
  f.add("jdoe", {"officer"});
  lock_out(f, "jdoe");
  const auto locked = f.accounts->find("jdoe");
  BOOST_TEST((locked->locked_until == test_start() + 15min));
  BOOST_TEST(f.ask("AccountList").message.header["accounts"][1]["locked_until"] == "2027-03-01T09:15:00.000000Z");
  f.time.now += 14min;
  BOOST_TEST(login_from(f, "203.0.113.50:1", "jdoe", kRight).find("account is locked until") == 0u);
  // More guesses during the lock do not lengthen it.
  lock_out(f, "jdoe");
  f.time.now += 1min;
  BOOST_TEST(login_from(f, "203.0.113.50:1", "jdoe", kRight) == "ok");
  BOOST_TEST(f.accounts->find("jdoe")->status == AccountStatus::active);
  BOOST_TEST(f.accounts->find("jdoe")->status_reason == "");

  // A program manager's unlock still ends a lock at once; the duration is a setting.
  f.settings.lockout_duration = 2h;
  f.accounts = f.make_accounts();
  AccountsService service(*f.accounts);
  lock_out(f, "jdoe");
  BOOST_TEST((f.accounts->find("jdoe")->locked_until == f.time.now + 2h));
  Message unlock;
  unlock.header = {{"type", "AccountUnlock"}, {"user", "jdoe"}, {"actor", {{"user", "boss"}}}};
  BOOST_REQUIRE(service.handle(unlock).ok());
  BOOST_TEST(login_from(f, "203.0.113.50:1", "jdoe", kRight) == "ok");
}

BOOST_AUTO_TEST_CASE(a_lock_leaves_the_accounts_live_sessions_alone) {
  AccountsFixture f;
  f.add("boss", {"program_manager"});
  f.add("jdoe", {"officer"});
  const auto boss_token = f.login("boss");
  const auto token = f.login("jdoe");
  lock_out(f, "boss");  // anyone can try to lock out the program manager
  BOOST_TEST(authorize_error(f, boss_token) == "ok");
  BOOST_TEST(f.ask("AccountList").ok());
  // Wrong old passwords still count towards the lock, and the session that sent them goes on.
  const nlohmann::json change = {{"token", token}, {"old_password", "a guess at it"}, {"new_password", "a new long passphrase"}};
  for (int i = 0; i < 5; ++i) BOOST_TEST(f.ask("PasswordChange", change, "").error == "the old password is wrong");
  BOOST_TEST(f.accounts->find("jdoe")->status == AccountStatus::locked);
  BOOST_TEST(authorize_error(f, token) == "ok");
  BOOST_TEST(f.store->read().session_count("jdoe") == 1u);
}

BOOST_AUTO_TEST_CASE(failed_logins_slow_down_one_address_on_one_user_name_only) {
  AccountsFixture f;
  f.settings.lockout_attempts = 100;  // the throttle alone
  f.accounts = f.make_accounts();
  f.add("jdoe", {"officer"});
  f.add("sam", {"officer"});
  const std::string car = "203.0.113.7:5000", same_car_new_port = "203.0.113.7:6123", other_car = "203.0.113.8:5000";
  for (int i = 0; i < 4; ++i) BOOST_TEST(login_from(f, car, "jdoe", "a wrong guess!") == kWrong);
  const auto slowed = "too many failed logins for this user name from your address; try again in 1 s";
  BOOST_TEST(login_from(f, car, "jdoe", kRight) == slowed);
  BOOST_TEST(login_from(f, same_car_new_port, "jdoe", kRight) == slowed);  // the port is not the address
  BOOST_TEST(login_from(f, "[2001:db8::7]:5000", "jdoe", kRight) == "ok");   // nor another address's business
  BOOST_TEST(login_from(f, other_car, "jdoe", kRight) == "ok");
  BOOST_TEST(login_from(f, car, "sam", kRight) == "ok");  // nor another account's
  // An unknown name is slowed down alike, so the throttle says nothing about which names exist.
  for (int i = 0; i < 4; ++i) BOOST_TEST(login_from(f, car, "ghost", "a wrong guess!") == kWrong);
  BOOST_TEST(login_from(f, car, "ghost", "a wrong guess!") == "too many failed logins for this user name from "
                                                              "your address; try again in 1 s");
  // The delays grow with each failure, and the right password afterwards starts afresh.
  f.time.now += 1s;
  BOOST_TEST(login_from(f, car, "jdoe", "a wrong guess!") == kWrong);
  BOOST_TEST(login_from(f, car, "jdoe", kRight).find("try again in 2 s") != std::string::npos);
  f.time.now += 2s;
  BOOST_TEST(login_from(f, car, "jdoe", kRight) == "ok");
  BOOST_TEST(login_from(f, car, "jdoe", "a wrong guess!") == kWrong);
  BOOST_TEST(login_from(f, car, "jdoe", kRight) == "ok");
  // A hostile name of any length is kept by its first 64 bytes.
  const std::string huge(100000, 'x');
  for (int i = 0; i < 4; ++i) login_from(f, car, huge, "a wrong guess!");
  BOOST_TEST(login_from(f, car, huge + "y", "a wrong guess!").find("too many failed logins") == 0u);
  BOOST_TEST(client_address("[2001:db8::7]:5000") == "2001:db8::7");
  BOOST_TEST(client_address("2001:db8::7") == "2001:db8::7");
  BOOST_TEST(client_address("") == "");
}

BOOST_AUTO_TEST_CASE(a_login_past_the_inactivity_limit_is_refused_and_disables_the_account) {
  AccountsFixture f;
  f.add("boss", {"program_manager"});
  f.add("jdoe", {"officer"});
  const auto token = f.login("jdoe");
  f.time.now += 24h * 128;  // no sweep ran meanwhile
  BOOST_TEST(login_from(f, "203.0.113.7:1", "jdoe", "not the password") == kWrong);  // says nothing
  BOOST_TEST(f.accounts->find("jdoe")->status == AccountStatus::active);
  BOOST_TEST(login_from(f, "203.0.113.7:1", "jdoe", kRight) ==
             "account is disabled: no login for 90 days (last: 2027-03-01); ask the program manager to enable it");
  const auto jdoe = f.accounts->find("jdoe");
  BOOST_TEST(jdoe->status == AccountStatus::disabled);
  BOOST_TEST(jdoe->status_reason == "no login for 90 days (last: 2027-03-01)");
  BOOST_TEST(f.store->read().session_count("jdoe") == 0u);
  BOOST_TEST(authorize_error(f, token) == "not logged in");
  // Audited as the sweep's deactivations are, through the outbox the plugin publishes.
  const auto outbox = f.store->read().outbox();
  BOOST_REQUIRE_EQUAL(outbox.size(), 1u);
  const auto& event = outbox[0].second;
  BOOST_TEST(event.actor.user == "system");
  BOOST_TEST(event.category == "account.change");
  BOOST_TEST(event.target == "account:jdoe");
  BOOST_TEST(event.detail == "deactivated: no login for 90 days (last: 2027-03-01)");
  // Re-enabled, the account may log in again.
  f.accounts->enable("jdoe");
  BOOST_TEST(login_from(f, "203.0.113.7:1", "jdoe", kRight) == "ok");
}

BOOST_AUTO_TEST_CASE(failures_spread_over_more_than_the_window_do_not_lock) {
  AccountsFixture f;
  f.add("jdoe", {"officer"});
  for (int i = 0; i < 5; ++i) {
    BOOST_TEST(login_from(f, "198.51.100." + std::to_string(i) + ":4000", "jdoe", "a wrong guess!") == kWrong);
    f.time.now += 4min;  // the 5th comes 16 minutes after the 1st
  }
  BOOST_TEST(f.accounts->find("jdoe")->status == AccountStatus::active);
  // A successful login forgets earlier failures: four before it and four after it do not lock.
  f.time.now += 16min;
  const auto four_failures = [&] {
    for (int i = 0; i < 4; ++i) login_from(f, "198.51.100." + std::to_string(i) + ":4000", "jdoe", "a wrong guess!");
  };
  four_failures();
  BOOST_TEST(login_from(f, "203.0.113.9:1", "jdoe", kRight) == "ok");
  four_failures();
  BOOST_TEST(f.accounts->find("jdoe")->status == AccountStatus::active);
}
