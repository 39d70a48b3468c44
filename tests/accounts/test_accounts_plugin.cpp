// The accounts plugin through the real host, called by another plugin: logins, the permission table,
// management, malformed requests; at start it publishes the outbox the offline tool left and the
// automatic 90-day deactivations.
#define BOOST_TEST_MODULE accounts_plugin
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include "accounts.hpp"
#include "audit_events.hpp"
#include "client_deployment.hpp"
#include "json_lines.hpp"
#include "runtime/host.hpp"
#include "test_support.hpp"

using namespace platebus;
using namespace platebus::accounts;
using namespace platebus::test;
using namespace std::chrono_literals;

namespace {

const std::string kPassword = "a long enough passphrase";

// A store as an earlier run and the offline tool left it: a program manager, an account idle for
// 100 days, and an event waiting in the outbox. Closed again before the host opens it.
void prepare_database(const fs::path& folder) {
  AccountStore store(folder);
  Accounts accounts(store, PasswordPolicy(), AccountSettings(), system_clock(), HashCost::minimum());
  accounts.add({"boss", {"program_manager"}, kPassword, "Pat Boss", std::nullopt}, "offline:tester");
  accounts.add({"old", {"tech_services"}, kPassword, "", std::nullopt}, "boss");
  auto txn = store.write();
  auto old = *txn.account("old");
  old.created_at = now_utc() - std::chrono::hours(24 * 100);
  txn.put(old);
  txn.append_to_outbox(account_change(Actor{"offline:tester", {}, "", "local"}, "account:boss", "allowed",
                                      "first program manager created offline", {{"command", "bootstrap"}}, now_utc()));
  txn.commit();
}
}  // namespace

BOOST_AUTO_TEST_CASE(the_plugin_serves_accounts_and_publishes_what_nobody_asked_for) {
  TempDir dir;
  prepare_database(dir / "db");
  const nlohmann::json boss = {{"user", "boss"}, {"client", "203.0.113.9:4000"}};
  const nlohmann::json requests = {
      {{"type", "Login"}, {"user", "boss"}, {"password", kPassword}, {"actor", {{"client", "203.0.113.9:4000"}}}},
      {{"type", "Authorize"}, {"token", "$token"}, {"action", "accounts.manage"}},
      {{"type", "AccountAdd"}, {"user", "jdoe"}, {"roles", {"officer"}}, {"password", "officer passphrase"},
       {"clearance_expires", "2030-01-31"}, {"actor", boss}},
      {{"type", "AccountList"}, {"actor", boss}},
      {{"type", "Login"}, {"user", "jdoe"}, {"password", "not the passphrase"}},
      {{"type", "Login"}, {"user", "ghost"}, {"password", "not the passphrase"}},
      {{"tipe", "Login"}},
      {{"type", "Login"}, {"user", 5}, {"password", "x"}},
      {{"type", "Authorize"}, {"token", "$token"}, {"action", "fly"}},
      {{"type", "Authorize"}, {"token", "$token"}, {"action", "inquiry"}},
      {{"type", "Logout"}, {"token", "$token"}},
      {{"type", "Authorize"}, {"token", "$token"}, {"action", "session"}},
      {{"type", "Login"}, {"user", "old"}, {"password", kPassword}},
      {{"type", "AccountAdd"}, {"user", "x2"}, {"roles", {"tech_services"}}, {"password", kPassword}},
  };
  const auto file = write_file(dir / "d.yaml", accounts::test::client_deployment(dir, requests));
  {
    host::Host host;
    host::Diagnostics diagnostics;
    BOOST_REQUIRE_MESSAGE(host.start(file, diagnostics), diagnostics.to_string());
    BOOST_REQUIRE(wait_until([&] { return read_lines(dir / "replies.txt").size() >= requests.size(); }, 30s));
    BOOST_REQUIRE(wait_until([&] { return read_lines(dir / "events.txt").size() >= 2; }, 10s));
    host.stop();
  }
  const auto replies = json_lines(dir / "replies.txt");
  const auto status = [&](std::size_t i) { return replies.at(i)["status"].get<std::string>(); };
  const auto error = [&](std::size_t i) { return replies.at(i)["error"].get<std::string>(); };
  BOOST_TEST(status(0) == "ok", error(0));
  BOOST_TEST(replies[0]["header"]["token"].get<std::string>().size() == 64u);
  BOOST_TEST(replies[0]["header"]["roles"] == nlohmann::json::array({"program_manager"}));
  BOOST_TEST(status(1) == "ok", error(1));
  BOOST_TEST(replies[1]["header"]["actor"]["user"] == "boss");
  BOOST_TEST(replies[1]["header"]["actor"]["client"] == "203.0.113.9:4000");
  BOOST_TEST(replies[1]["header"]["actor"]["session"] == replies[0]["header"]["session"]);
  BOOST_TEST(status(2) == "ok", error(2));
  BOOST_TEST(replies[2]["header"]["account"]["created_by"] == "boss");
  BOOST_TEST(status(3) == "ok", error(3));
  const auto& listed = replies[3]["header"]["accounts"];
  BOOST_REQUIRE_EQUAL(listed.size(), 3u);
  BOOST_TEST(listed[2]["user"] == "old");
  BOOST_TEST(listed[2]["status"] == "disabled");  // the sweep at start
  BOOST_TEST(status(4) == "unauthenticated");
  BOOST_TEST(error(4) == "wrong user name or password");
  BOOST_TEST(error(5) == "wrong user name or password");
  BOOST_TEST(status(6) == "invalid");  // the host refuses a request without a type before it is sent
  BOOST_TEST(error(6).find("type") != std::string::npos, error(6));
  BOOST_TEST(status(7) == "invalid");
  BOOST_TEST(error(7) == "user: must be text");
  BOOST_TEST(status(8) == "invalid");
  BOOST_TEST(error(8) == "unknown action 'fly'");
  BOOST_TEST(status(9) == "denied");
  BOOST_TEST(error(9).find("no CLETS clearance on record") == 0u, error(9));
  BOOST_TEST(status(10) == "ok");
  BOOST_TEST(status(11) == "unauthenticated");
  BOOST_TEST(error(11) == "not logged in");
  BOOST_TEST(status(12) == "unauthenticated");
  BOOST_TEST(error(12) == "account is disabled");
  BOOST_TEST(status(13) == "denied");  // no actor: nobody asked who may manage accounts

  const auto events = json_lines(dir / "events.txt");
  BOOST_REQUIRE_EQUAL(events.size(), 2u);
  const auto from_tool = AuditEvent::from_json(events[0]);  // the outbox goes first
  BOOST_TEST(from_tool.actor.user == "offline:tester");
  BOOST_TEST(from_tool.target == "account:boss");
  const auto swept = AuditEvent::from_json(events[1]);
  BOOST_TEST(swept.actor.user == "system");
  BOOST_TEST(swept.category == "account.change");
  BOOST_TEST(swept.target == "account:old");
  BOOST_TEST(swept.outcome == "allowed");
  BOOST_TEST(swept.detail.find("no login for 90 days") != std::string::npos, swept.detail);

  // Published, the outbox is emptied; what the service did is in the store.
  AccountStore store(dir / "db");
  auto txn = store.read();
  BOOST_TEST(txn.outbox().empty());
  BOOST_TEST(txn.account("jdoe").has_value());
  BOOST_TEST(txn.account("boss")->last_login.has_value());
}

BOOST_AUTO_TEST_CASE(the_deployment_check_knows_the_plugins_keys) {
  TempDir dir;
  const auto file = write_file(dir / "d.yaml", std::string("plugin_path: [") + PLATEBUS_ACCOUNTS_PLUGIN_DIR +
                                                   "]\ninstances:\n  - id: accounts\n    use: accounts\n"
                                                   "    config: {idle_timeout: soon}\n");
  host::Diagnostics diagnostics;
  const auto loaded = host::load_deployment(file, diagnostics);
  const auto text = diagnostics.to_string();
  BOOST_TEST(text.find("database") != std::string::npos, text);
  BOOST_TEST(text.find("idle_timeout") != std::string::npos, text);
}

BOOST_AUTO_TEST_CASE(an_unusable_config_leaves_the_instance_stopped) {
  TempDir dir;
  write_file(dir / "in-the-way", "a file where the database folder should be");
  const auto deployment_with = [&](const std::string& config) {
    return write_file(dir / "d.yaml", std::string("plugin_path: [") + PLATEBUS_ACCOUNTS_PLUGIN_DIR +
                                          "]\ninstances:\n  - id: accounts\n    use: accounts\n"
                                          "    config: " + config + "\n");
  };
  {  // outside a key's declared range: the host refuses the deployment before the plugin runs
    host::Host host;
    host::Diagnostics diagnostics;
    BOOST_TEST(!host.start(deployment_with("{database: db, lockout_attempts: 0}"), diagnostics));
    BOOST_TEST(diagnostics.to_string().find("'lockout_attempts' of plugin 'accounts' is 0; give 1 to 100") !=
                   std::string::npos,
               diagnostics.to_string());
  }
  for (const std::string config : {"{database: in-the-way/db}", "{database: db, banned_passwords: no-such-list}"}) {
    host::Host host;
    host::Diagnostics diagnostics;
    BOOST_REQUIRE_MESSAGE(host.start(deployment_with(config), diagnostics), diagnostics.to_string());
    // A ConfigError leaves the instance failed (not restarting) until the deployment is fixed.
    BOOST_TEST(wait_until([&] { return host.instance("accounts")->state() == host::InstanceState::failed; }, 5s),
               config);
    host.stop();
  }
}
