// The login defences (issue 16) through the real host and the real plugin, at the real Argon2id
// cost: every refusal before the password check reads the same and takes as long; a flood of
// logins leaves the service's other requests prompt; a login past the inactivity limit disables the
// account and is audited.
#define BOOST_TEST_MODULE accounts_defences
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <map>

#include "accounts.hpp"
#include "json_lines.hpp"
#include "runtime/host.hpp"
#include "test_support.hpp"

using namespace platebus;
using namespace platebus::accounts;
using namespace platebus::test;
using namespace std::chrono_literals;

namespace {

const std::string kPassword = "a long enough passphrase";
const std::string kWrong = "wrong user name or password";

// Runs `instances` (YAML list items) with the accounts plugin on `db` until `file` has `lines` lines.
void run_host(const TempDir& dir, const std::string& accounts_config, const std::string& instances, const fs::path& file,
              std::size_t lines, std::chrono::seconds patience) {
  const auto yaml = "plugin_path: [" + test_plugin_dir("good").string() + ", " + PLATEBUS_ACCOUNTS_PLUGIN_DIR + "]\n" +
                    "instances:\n  - id: accounts\n    use: accounts\n    config: {database: db" + accounts_config +
                    "}\n    serve: {accounts: accounts}\n    publish: {audit: audit}\n" + instances;
  const auto deployment = write_file(dir / "d.yaml", yaml);
  host::Host host;
  host::Diagnostics diagnostics;
  BOOST_REQUIRE_MESSAGE(host.start(deployment, diagnostics), diagnostics.to_string());
  BOOST_REQUIRE(wait_until([&] { return read_lines(file).size() >= lines; }, patience));
  host.stop();
}

// The test.accounts_load instance; `config` adds to its file setting (parallel, staggered, timed...).
std::string load_instance(const TempDir& dir, const nlohmann::json& config) {
  auto all = config;
  all["file"] = (dir / "replies.txt").string();
  return "  - id: load\n    use: test.accounts_load\n    config: " + all.dump() + "\n    call: {accounts: accounts}\n";
}

nlohmann::json login(const std::string& user, const std::string& password, int address) {
  return {{"type", "Login"}, {"user", user}, {"password", password},
          {"actor", {{"client", "198.51.100." + std::to_string(address % 250) + ":4000"}}}};
}

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values.at(values.size() / 2);
}

}  // namespace

BOOST_AUTO_TEST_CASE(refusals_before_the_password_check_read_the_same_and_take_as_long) {
  TempDir dir;
  {
    AccountStore store(dir / "db");
    Accounts accounts(store, PasswordPolicy(), AccountSettings(), system_clock(), HashCost::interactive());
    for (const char* user : {"boss", "jdoe", "locky", "dis", "gone"})
      accounts.add({user, {"program_manager"}, kPassword, "", std::nullopt}, "offline:tester");
    accounts.disable("dis", "on leave", "boss");
    accounts.close("gone", "boss");
    auto txn = store.write();
    auto locky = *txn.account("locky");
    locky.status = AccountStatus::locked;
    locky.locked_until = now_utc() + 1h;
    txn.put(locky);
    txn.commit();
  }
  const std::vector<std::string> users = {"nobody", "jdoe", "locky", "dis", "gone"};
  constexpr int kRounds = 7;
  nlohmann::json timed = nlohmann::json::array();
  for (int round = 0; round < kRounds; ++round)  // interleaved, so a busy moment slows every kind alike
    for (const auto& user : users) timed.push_back(login(user, "not the passphrase", static_cast<int>(timed.size())));
  for (const char* user : {"locky", "dis", "gone"}) timed.push_back(login(user, kPassword, static_cast<int>(timed.size())));
  run_host(dir, ", lockout_attempts: 100", load_instance(dir, {{"timed", timed}}), dir / "replies.txt",
           timed.size(), 120s);

  const auto replies = json_lines(dir / "replies.txt");
  std::map<std::string, std::vector<double>> times;
  for (std::size_t i = 0; i < users.size() * kRounds; ++i) {
    const auto& user = users[i % users.size()];
    BOOST_TEST(replies[i]["status"] == "unauthenticated", user);
    BOOST_TEST(replies[i]["error"] == kWrong, user << ": " << replies[i]["error"]);
    times[user].push_back(replies[i]["ms"].get<double>());
  }
  const auto wrong_password = median(times["jdoe"]);
  BOOST_TEST_MESSAGE("median ms for a wrong password: " << wrong_password);
  for (const auto& user : users) {
    const auto ratio = median(times[user]) / wrong_password;
    BOOST_TEST((ratio > 0.6 && ratio < 1.6), user << " takes " << median(times[user]) << " ms, a wrong password "
                                                  << wrong_password << " ms");
  }
  const auto tail = replies.size() - 3;
  BOOST_TEST(replies[tail]["error"].get<std::string>().find("account is locked until") == 0u);
  BOOST_TEST(replies[tail + 1]["error"] == "account is disabled");
  BOOST_TEST(replies[tail + 2]["error"] == "account is closed");
}

BOOST_AUTO_TEST_CASE(a_login_flood_leaves_the_other_requests_prompt) {
  TempDir dir;
  std::string token;
  {
    AccountStore store(dir / "db");
    Accounts accounts(store, PasswordPolicy(), AccountSettings(), system_clock(), HashCost::minimum());
    accounts.add({"jdoe", {"officer"}, kPassword, "", *parse_iso_date("2099-01-01")}, "offline:tester");
    token = accounts.login("jdoe", kPassword, "203.0.113.7:5000").token;
  }
  nlohmann::json flood = nlohmann::json::array(), probes = nlohmann::json::array();
  for (int i = 0; i < 64; ++i) flood.push_back(login(i % 2 ? "jdoe" : "ghost" + std::to_string(i), "not the passphrase", i));
  for (int i = 0; i < 30; ++i) probes.push_back({{"type", "Authorize"}, {"token", token}, {"action", "inquiry"}});
  // Each Authorize from its own thread, 40 ms apart, so that every one meets the flood.
  run_host(dir, ", lockout_attempts: 100",
           load_instance(dir, {{"parallel", flood}, {"staggered", probes}, {"interval_ms", 40}}), dir / "replies.txt",
           94, 120s);

  std::vector<double> probe_ms;
  std::size_t refused = 0, busy = 0;
  double slowest_login = 0;
  for (const auto& reply : json_lines(dir / "replies.txt")) {
    if (reply["kind"] == "parallel") slowest_login = std::max(slowest_login, reply["ms"].get<double>());
    if (reply["kind"] == "staggered") {
      BOOST_TEST(reply["status"] == "ok", reply["error"]);
      probe_ms.push_back(reply["ms"].get<double>());
    } else if (reply["status"] == "unavailable") {
      BOOST_TEST(reply["error"].get<std::string>().find("busy") != std::string::npos, reply["error"]);
      ++busy;
    } else {
      BOOST_TEST(reply["error"] == kWrong, reply["status"] << ": " << reply["error"]);
      ++refused;
    }
  }
  BOOST_TEST(refused + busy == 64u);
  BOOST_TEST(refused >= 2u);
  std::sort(probe_ms.begin(), probe_ms.end());
  BOOST_REQUIRE_EQUAL(probe_ms.size(), 30u);
  const auto p95 = probe_ms[28];
  BOOST_TEST_MESSAGE("Authorize during the flood: p95 " << p95 << " ms; " << refused << " logins checked, " << busy
                                                        << " refused as busy; the slowest login took " << slowest_login << " ms");
  BOOST_TEST(p95 < 200.0, "95th percentile of Authorize during the flood: " << p95 << " ms; slowest " << probe_ms.back());
}

BOOST_AUTO_TEST_CASE(a_login_past_the_inactivity_limit_disables_the_account_and_is_audited) {
  TempDir dir;
  {
    AccountStore store(dir / "db");
    Accounts accounts(store, PasswordPolicy(), AccountSettings(), system_clock(), HashCost::minimum());
    accounts.add({"jdoe", {"tech_services"}, kPassword, "", std::nullopt}, "offline:tester");
  }
  // The start's sweep finds jdoe active; five seconds later, with no sweep in between, jdoe logs in.
  const auto recorder = "  - id: recorder\n    use: test.accounts_client\n    config: {file: " +
                        (dir / "unused.txt").string() + ", events: " + (dir / "events.txt").string() +
                        ", requests: []}\n    subscribe: {audit: audit}\n";
  run_host(dir, ", inactivity_limit: 4s",
           load_instance(dir, {{"timed", nlohmann::json::array({login("jdoe", kPassword, 1)})}, {"wait_ms", 5000}}) +
               recorder,
           dir / "events.txt", 1, 30s);
  const auto replies = json_lines(dir / "replies.txt");
  BOOST_REQUIRE_EQUAL(replies.size(), 1u);
  BOOST_TEST(replies[0]["status"] == "unauthenticated");
  BOOST_TEST(replies[0]["error"].get<std::string>().find("account is disabled: no login for 4 seconds") == 0u,
             replies[0]["error"]);
  const auto event = AuditEvent::from_json(json_lines(dir / "events.txt").at(0));
  BOOST_TEST(event.actor.user == "system");
  BOOST_TEST(event.category == "account.change");
  BOOST_TEST(event.target == "account:jdoe");
  BOOST_TEST(event.detail.find("deactivated: no login for 4 seconds") == 0u, event.detail);
  AccountStore store(dir / "db");
  BOOST_TEST(store.read().account("jdoe")->status == AccountStatus::disabled);
}
