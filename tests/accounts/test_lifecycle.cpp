// Logins, sessions and the account lifecycle on a real LMDB store, with the clock moved by hand
// instead of waiting (the lockout and the other login defences: test_login_defences.cpp).
#include <boost/test/unit_test.hpp>

#include "accounts_fixture.hpp"
#include "platebus/plugin.hpp"
#include "session_tokens.hpp"

using namespace platebus;
using namespace platebus::accounts;
using namespace platebus::accounts::test;

namespace {

std::string login_error(AccountsFixture& f, const std::string& user, const std::string& password) {
  try {
    f.login(user, password);
    return "ok";
  } catch (const AccountError& e) {
    BOOST_TEST((e.status() == ServiceStatus::unauthenticated));
    return e.what();
  }
}

std::string authorize_error(AccountsFixture& f, const std::string& token, const char* action = "session") {
  const auto reply = f.ask("Authorize", {{"token", token}, {"action", action}}, "");
  return reply.ok() ? "ok" : reply.error;
}

}  // namespace

BOOST_AUTO_TEST_CASE(login_answers_the_same_for_unknown_users_and_wrong_passwords) {
  AccountsFixture f;
  f.add("jdoe", {"officer"});
  BOOST_TEST(login_error(f, "jdoe", "not the password") == "wrong user name or password");
  BOOST_TEST(login_error(f, "nobody", "not the password") == "wrong user name or password");
  const auto result = f.accounts->login("jdoe", "a long enough passphrase", "198.51.100.4:1234");
  BOOST_TEST(result.token.size() == 64u);  // 256 bits in hex
  BOOST_TEST(result.session.id == token_hash(result.token).substr(0, 12));
  BOOST_TEST(result.account.last_login.has_value());
  BOOST_TEST((f.accounts->find("jdoe")->last_login == test_start()));
  // The store has the token's hash, never the token.
  auto txn = f.store->read();
  BOOST_TEST(txn.session(token_hash(result.token)).has_value());
  BOOST_TEST(!txn.session(result.token).has_value());
}

BOOST_AUTO_TEST_CASE(a_session_ends_after_thirty_idle_minutes) {
  AccountsFixture f;
  f.add("jdoe", {"officer"});
  const auto token = f.login("jdoe");
  f.time.now += 29min;
  BOOST_TEST(authorize_error(f, token) == "ok");  // refreshes the idle timer
  f.time.now += 29min;
  BOOST_TEST(authorize_error(f, token) == "ok");
  f.time.now += 30min;
  BOOST_TEST(authorize_error(f, token) == "session expired; log in again");
  BOOST_TEST(authorize_error(f, token) == "not logged in");  // the expired session is gone
  BOOST_TEST(authorize_error(f, "") == "not logged in");
  BOOST_TEST(authorize_error(f, std::string(64, 'a')) == "not logged in");
}

BOOST_AUTO_TEST_CASE(a_session_ends_twelve_hours_after_login_however_busy) {
  AccountsFixture f;
  f.add("jdoe", {"officer"});
  const auto login = f.accounts->login("jdoe", "a long enough passphrase", "");
  BOOST_TEST((login.expires_at == test_start() + 12h));
  BOOST_TEST((login.idle_expires_at == test_start() + 30min));
  for (int i = 0; i < 35; ++i) {  // 35 x 20 min = 11 h 40 min
    f.time.now += 20min;
    BOOST_REQUIRE_EQUAL(authorize_error(f, login.token), "ok");
  }
  f.time.now += 20min;  // 12 h
  BOOST_TEST(authorize_error(f, login.token) == "session expired; log in again");
}

BOOST_AUTO_TEST_CASE(logout_ends_the_session) {
  AccountsFixture f;
  f.add("jdoe", {"officer"});
  const auto token = f.login("jdoe");
  BOOST_TEST(f.ask("Logout", {{"token", token}}, "").ok());
  BOOST_TEST(authorize_error(f, token) == "not logged in");
}

BOOST_AUTO_TEST_CASE(disabling_ends_all_sessions_at_once_and_enabling_lets_in_again) {
  AccountsFixture f;
  f.add("boss", {"program_manager"});
  f.add("jdoe", {"officer"});
  const auto first = f.login("jdoe"), second = f.login("jdoe");
  BOOST_TEST(f.store->read().session_count("jdoe") == 2u);
  const auto reply = f.ask("AccountDisable", {{"user", "jdoe"}, {"reason", "on leave"}});
  BOOST_REQUIRE_MESSAGE(reply.ok(), reply.error);
  BOOST_TEST(reply.message.header["account"]["status"] == "disabled");
  BOOST_TEST(reply.message.header["account"]["status_reason"] == "on leave");
  BOOST_TEST(f.store->read().session_count("jdoe") == 0u);
  BOOST_TEST(authorize_error(f, first) == "not logged in");
  BOOST_TEST(authorize_error(f, second) == "not logged in");
  BOOST_TEST(login_error(f, "jdoe", "a long enough passphrase") == "account is disabled");
  BOOST_REQUIRE(f.ask("AccountEnable", {{"user", "jdoe"}}).ok());
  BOOST_TEST(login_error(f, "jdoe", "a long enough passphrase") == "ok");
}

BOOST_AUTO_TEST_CASE(closing_ends_all_sessions_and_cannot_be_undone) {
  AccountsFixture f;
  f.add("boss", {"program_manager"});
  f.add("jdoe", {"officer"});
  const auto first = f.login("jdoe"), second = f.login("jdoe");
  const auto closed = f.ask("AccountClose", {{"user", "jdoe"}});
  BOOST_REQUIRE_MESSAGE(closed.ok(), closed.error);
  BOOST_TEST(closed.message.header["account"]["status"] == "closed");
  BOOST_TEST(authorize_error(f, first) == "not logged in");
  BOOST_TEST(authorize_error(f, second) == "not logged in");
  BOOST_TEST(login_error(f, "jdoe", "a long enough passphrase") == "account is closed");
  for (const char* type : {"AccountEnable", "AccountUnlock", "AccountDisable"}) {
    const auto reply = f.ask(type, {{"user", "jdoe"}});
    BOOST_TEST((reply.status == ServiceStatus::denied), type);
    BOOST_TEST(reply.error.find("closing is irreversible") != std::string::npos, reply.error);
  }
  const auto reset = f.ask("AccountResetPassword", {{"user", "jdoe"}, {"password", "a brand new passphrase"}});
  BOOST_TEST((reset.status == ServiceStatus::denied));
  const auto again = f.ask("AccountAdd", {{"user", "jdoe"}, {"roles", {"tech_services"}}, {"password", "a long enough passphrase"}});
  BOOST_TEST(again.error.find("already exists") != std::string::npos, again.error);
  BOOST_TEST(f.accounts->find("jdoe")->status == AccountStatus::closed);
}

BOOST_AUTO_TEST_CASE(a_password_reset_replaces_the_password_and_ends_sessions) {
  AccountsFixture f;
  f.add("boss", {"program_manager"});
  f.add("jdoe", {"officer"});
  const auto token = f.login("jdoe");
  BOOST_TEST((f.ask("AccountResetPassword", {{"user", "jdoe"}, {"password", "short"}}).status == ServiceStatus::invalid));
  BOOST_REQUIRE(f.ask("AccountResetPassword", {{"user", "jdoe"}, {"password", "a brand new passphrase"}}).ok());
  BOOST_TEST(authorize_error(f, token) == "not logged in");
  BOOST_TEST(login_error(f, "jdoe", "a long enough passphrase") == "wrong user name or password");
  BOOST_TEST(login_error(f, "jdoe", "a brand new passphrase") == "ok");
}

BOOST_AUTO_TEST_CASE(the_sweep_disables_accounts_idle_for_more_than_ninety_days) {
  AccountsFixture f;
  f.add("boss", {"program_manager"});  // created 2027-03-01, never logs in
  f.add("jdoe", {"officer"});
  f.time.now += 24h * 50;  // 2027-04-20
  const auto token = f.login("jdoe");
  // 2027-05-30 is 90 days after 2027-03-01: not yet "more than 90 days".
  BOOST_TEST(f.ask("Sweep", {{"as_of", "2027-05-30"}}).message.header["deactivated"] == nlohmann::json::array());
  const auto swept = f.accounts->sweep(day("2027-05-31"));
  BOOST_REQUIRE_EQUAL(swept.size(), 1u);
  BOOST_TEST(swept[0].user == "boss");
  BOOST_TEST(swept[0].status_reason == "no login for 90 days (last: never; created 2027-03-01)");
  BOOST_TEST(f.accounts->find("jdoe")->status == AccountStatus::active);
  // jdoe last logged in 2027-04-20: swept after 2027-07-19, sessions ended.
  BOOST_TEST(f.accounts->sweep(day("2027-07-19")).empty());
  const auto later = f.accounts->sweep(day("2027-07-20"));
  BOOST_REQUIRE_EQUAL(later.size(), 1u);
  BOOST_TEST(later[0].status_reason == "no login for 90 days (last: 2027-04-20)");
  BOOST_TEST(f.store->read().session_count("jdoe") == 0u);
  BOOST_TEST(login_error(f, "jdoe", "a long enough passphrase") == "account is disabled");
  // Re-enabled, the account gets a fresh 90 days instead of being swept again the next day.
  f.time.now = start_of(day("2027-07-21"));
  f.accounts->enable("jdoe");
  BOOST_TEST(f.accounts->sweep(day("2027-07-22")).empty());
  BOOST_TEST(f.accounts->sweep(day("2027-10-20")).size() == 1u);
}

BOOST_AUTO_TEST_CASE(adding_accounts_checks_every_field) {
  AccountsFixture f;
  f.add("boss", {"program_manager"});
  const auto add = [&](nlohmann::json fields) { return f.ask("AccountAdd", std::move(fields)); };
  const nlohmann::json good = {{"user", "jdoe"}, {"roles", {"officer"}}, {"password", "a long enough passphrase"},
                               {"clearance_expires", "2028-01-31"}, {"display_name", "Jane Doe"}};
  auto without_clearance = good;
  without_clearance.erase("clearance_expires");
  BOOST_TEST(add(without_clearance).error.find("clearance_expires: sworn roles (officer) need") == 0u);
  auto bad_role = good;
  bad_role["roles"] = {"officer", "captain"};
  BOOST_TEST(add(bad_role).error.find("roles: 'captain' is not a role") == 0u);
  auto no_roles = good;
  no_roles["roles"] = nlohmann::json::array();
  BOOST_TEST(add(no_roles).error.find("roles: give at least one") == 0u);
  auto bad_user = good;
  bad_user["user"] = "J Doe";
  BOOST_TEST(add(bad_user).error.find("user: 'J Doe' is not a user name") == 0u);
  auto bad_date = good;
  bad_date["clearance_expires"] = "2028-02-30";
  BOOST_TEST(add(bad_date).error == "clearance_expires: '2028-02-30' is not a date; write YYYY-MM-DD");
  const auto made = add(good);
  BOOST_REQUIRE_MESSAGE(made.ok(), made.error);
  const auto& account = made.message.header["account"];
  BOOST_TEST(account["user"] == "jdoe");
  BOOST_TEST(account["display_name"] == "Jane Doe");
  BOOST_TEST(account["roles"] == nlohmann::json::array({"officer"}));
  BOOST_TEST(account["status"] == "active");
  BOOST_TEST(account["clearance_expires"] == "2028-01-31");
  BOOST_TEST(account["created_at"] == "2027-03-01T09:00:00.000000Z");
  BOOST_TEST(account["created_by"] == "boss");
  BOOST_TEST(account["last_login"] == "");
  BOOST_TEST(account["status_reason"] == "");
  BOOST_TEST(account["designee"].is_null());
  BOOST_TEST(!account.contains("password_hash"));
  BOOST_TEST(add(good).error.find("user: an account named 'jdoe' already exists") == 0u);
  // A clearance renewal through AccountUpdate.
  const auto renewed = f.ask("AccountUpdate", {{"user", "jdoe"}, {"clearance_expires", "2029-01-31"}});
  BOOST_TEST(renewed.message.header["account"]["clearance_expires"] == "2029-01-31");
}

BOOST_AUTO_TEST_CASE(only_an_active_program_manager_may_manage_accounts) {
  AccountsFixture f;
  f.add("boss", {"program_manager"});
  f.add("sarge", {"sergeant"});
  const nlohmann::json fields = {{"user", "x1"}, {"roles", {"tech_services"}}, {"password", "a long enough passphrase"}};
  for (const std::string actor : {"sarge", "", "ghost"}) {
    const auto reply = f.ask("AccountAdd", fields, actor);
    BOOST_TEST((reply.status == ServiceStatus::denied), actor);
  }
  BOOST_TEST(f.ask("AccountAdd", fields, "sarge").error == "sergeant may not accounts.manage");
  BOOST_TEST((f.ask("Sweep", {}, "sarge").status == ServiceStatus::denied));
  BOOST_TEST(f.ask("AccountAdd", fields, "boss").ok());
}

BOOST_AUTO_TEST_CASE(malformed_requests_are_invalid_and_name_the_field) {
  AccountsFixture f;
  f.add("boss", {"program_manager"});
  Message no_type;
  BOOST_TEST((f.service.handle(no_type).status == ServiceStatus::invalid));
  BOOST_TEST(f.service.handle(no_type).error.find("type: missing") == 0u);
  const auto check = [&](const std::string& type, nlohmann::json fields, const std::string& starts) {
    const auto reply = f.ask(type, std::move(fields));
    BOOST_TEST((reply.status == ServiceStatus::invalid), type << ": " << reply.error);
    BOOST_TEST(reply.error.find(starts) == 0u, type << ": " << reply.error);
  };
  check("Explode", {}, "type: 'Explode' is not a request of the accounts service");
  check("Login", {{"user", 42}, {"password", "x"}}, "user: must be text");
  check("Login", {{"user", "boss"}}, "password: missing");
  check("Authorize", {{"token", "abc"}}, "action: missing");
  check("Authorize", {{"token", "abc"}, {"action", "fly"}}, "unknown action 'fly'");
  check("AccountAdd", {{"user", "a1"}, {"roles", "officer"}, {"password", "a long enough passphrase"}},
        "roles: must be a list of texts");
  check("AccountDisable", {{"user", nlohmann::json::array()}}, "user: must be text");
  check("AccountDisable", {{"user", "nobody"}}, "user: there is no account named 'nobody'");
  check("DesigneeGrant", {{"user", "boss"}, {"from", 20270301}, {"to", "2027-03-02"}}, "from: must be a date");
  check("DesigneeGrant", {{"user", "boss"}, {"from", "2027-03-01"}}, "to: missing");
  check("Sweep", {{"as_of", "tomorrow"}}, "as_of: 'tomorrow' is not a date");
}

BOOST_AUTO_TEST_CASE(settings_read_once_and_refuse_a_session_shorter_than_its_idle_timeout) {
  // Ranges are the keys' declared constraints, refused by `platebus check` (test_config_refusals).
  nlohmann::json config = {{"database", "/tmp/x"},         {"banned_passwords", "/usr/share/dict/cracklib-small"},
                           {"idle_timeout", 1'800'000},    {"session_lifetime", 43'200'000},
                           {"inactivity_limit", 7'776'000'000LL}, {"lockout_attempts", 5},
                           {"lockout_window", 900'000},    {"sweep_interval", 86'400'000},
                           {"lockout_duration", 900'000},  {"password_workers", 2}, {"password_queue", 32},
                           {"designee_max_days", 30},      {"approval_window", 259'200'000}};
  BOOST_TEST(AccountSettings::from_config(config).inactivity_limit.count() == 7'776'000'000LL);
  BOOST_TEST(AccountSettings::validate(config).empty());
  config["session_lifetime"] = 60'000;
  const auto problems = AccountSettings::validate(config);
  BOOST_TEST_REQUIRE(problems.size() == 1u);
  BOOST_TEST(problems[0].key == "session_lifetime");
  BOOST_TEST(problems[0].message.find("shorter than 'idle_timeout'") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(every_request_with_wrong_field_types_gets_an_answer) {
  AccountsFixture f;
  f.add("boss", {"program_manager"});
  const char* types[] = {"Login", "Logout", "Authorize", "PasswordChange", "AccountAdd", "AccountList",
                         "AccountUpdate", "AccountDisable", "AccountEnable", "AccountClose", "AccountUnlock",
                         "AccountResetPassword", "DesigneeGrant", "DesigneeRevoke", "Sweep"};
  const char* fields[] = {"user", "password", "token", "action", "roles", "old_password", "new_password",
                          "display_name", "clearance_expires", "reason", "from", "to", "as_of"};
  const nlohmann::json odd_values[] = {42, -1.5, true, nlohmann::json::array({1, 2}), nlohmann::json::object(),
                                       std::string(5000, 'x'), "\xc3\x28"};
  std::size_t answered = 0;
  for (const auto* type : types)
    for (const auto& odd : odd_values) {
      nlohmann::json request;
      for (const auto* name : fields) request[name] = odd;
      const auto reply = f.ask(type, request);
      // AccountList takes no fields, and a Logout of any text token is fine (nothing to end).
      const bool may_succeed = std::string(type) == "AccountList" || (std::string(type) == "Logout" && odd.is_string());
      if (!may_succeed) {
        BOOST_TEST(!reply.ok(), type << " with " << odd.dump(-1, '?', false, nlohmann::json::error_handler_t::replace).substr(0, 40));
        BOOST_CHECK_NO_THROW(nlohmann::json(reply.error).dump());  // an API can always put the text in JSON
        BOOST_TEST(!reply.error.empty(), type);
      }
      ++answered;
    }
  BOOST_TEST(answered == std::size(types) * std::size(odd_values));
  BOOST_TEST(f.accounts->list().size() == 1u);  // nothing was created along the way
}
