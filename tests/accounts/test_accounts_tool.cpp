// platebus-accounts as a person runs it: a subprocess reading the deployment, the password on
// standard input, leaving audit events in the outbox.
#define BOOST_TEST_MODULE accounts_tool
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include <pwd.h>
#include <unistd.h>

#include "accounts.hpp"
#include "test_support.hpp"

using namespace platebus;
using namespace platebus::accounts;
using namespace platebus::test;

namespace {

const std::string kPassword = "a long enough passphrase";

// Runs platebus-accounts with `input` on its standard input.
ProcessResult run_tool(const TempDir& dir, std::vector<std::string> args, const std::string& input = "") {
  const auto stdin_file = write_file(dir / "stdin.txt", input);
  std::vector<std::string> command = {"/bin/sh", "-c", "exec \"$@\" < \"$0\"", stdin_file.string(),
                                      PLATEBUS_ACCOUNTS_TOOL};
  command.insert(command.end(), args.begin(), args.end());
  return run_process(command);
}

fs::path deployment(const TempDir& dir, const std::string& database = "db") {
  return write_file(dir / "d.yaml", "instances:\n  - id: people\n    use: accounts\n    config: {database: " + database +
                                        "}\n");
}

std::string os_user() { return getpwuid(geteuid())->pw_name; }

struct Opened {
  AccountStore store;
  Accounts accounts;
  explicit Opened(const fs::path& db) : store(db), accounts(store, PasswordPolicy(), AccountSettings()) {}
};

}  // namespace

BOOST_AUTO_TEST_CASE(bootstrap_creates_the_first_program_manager_from_standard_input) {
  TempDir dir;
  const auto file = deployment(dir);
  const auto result = run_tool(dir, {"bootstrap", "--config", file.string(), "--user", "boss", "--display-name",
                                     "Pat Boss", "--clearance-expires", "2030-01-31"},
                               kPassword + "\n");
  BOOST_TEST(result.exit_status == 0, result.err);
  BOOST_TEST(result.out.find("created program manager 'boss'") != std::string::npos, result.out);
  Opened opened(dir / "db");  // the relative path is resolved against the deployment's folder
  const auto boss = opened.accounts.find("boss");
  BOOST_REQUIRE(boss.has_value());
  BOOST_TEST(boss->roles == std::vector<std::string>{"program_manager"});
  BOOST_TEST(boss->display_name == "Pat Boss");
  BOOST_TEST(to_iso_date(*boss->clearance_expires) == "2030-01-31");
  BOOST_TEST(boss->created_by == "offline:" + os_user());
  BOOST_TEST(verify_password(boss->password_hash, kPassword));  // the whole line, without its newline
  BOOST_TEST(boss->password_hash.find("m=65536") != std::string::npos);  // the interactive cost
  const auto outbox = opened.store.read().outbox();
  BOOST_REQUIRE_EQUAL(outbox.size(), 1u);
  const auto& event = outbox[0].second;
  BOOST_TEST(event.actor.user == "offline:" + os_user());
  BOOST_TEST(event.category == "account.change");
  BOOST_TEST(event.target == "account:boss");
  BOOST_TEST(event.outcome == "allowed");
}

BOOST_AUTO_TEST_CASE(bootstrap_refuses_a_second_program_manager) {
  TempDir dir;
  const auto file = deployment(dir);
  BOOST_REQUIRE_EQUAL(run_tool(dir, {"bootstrap", "--config", file.string(), "--user", "boss"}, kPassword).exit_status, 0);
  const auto second = run_tool(dir, {"bootstrap", "--config", file.string(), "--user", "other"}, kPassword + "\n");
  BOOST_TEST(second.exit_status == 1);
  BOOST_TEST(second.err.find("platectl accounts add") != std::string::npos, second.err);
  Opened opened(dir / "db");
  BOOST_TEST(!opened.accounts.find("other").has_value());
  const auto outbox = opened.store.read().outbox();
  BOOST_REQUIRE_EQUAL(outbox.size(), 2u);
  BOOST_TEST(outbox[1].second.outcome == "refused");
  BOOST_TEST(outbox[1].second.target == "account:other");
}

BOOST_AUTO_TEST_CASE(bootstrap_refuses_bad_input_clearly) {
  TempDir dir;
  const auto file = deployment(dir);
  auto result = run_tool(dir, {"bootstrap", "--config", file.string(), "--user", "boss"}, "too short\n");
  BOOST_TEST(result.exit_status == 1);
  BOOST_TEST(result.err.find("password: the password has 9 characters; use at least 12") != std::string::npos, result.err);
  result = run_tool(dir, {"bootstrap", "--config", file.string(), "--user", "boss"}, "");
  BOOST_TEST(result.exit_status == 1);
  BOOST_TEST(result.err.find("no password on standard input") != std::string::npos, result.err);
  result = run_tool(dir, {"bootstrap", "--config", file.string(), "--user", "boss", "--clearance-expires", "31/01/2030"},
                    kPassword);
  BOOST_TEST(result.exit_status == 2);
  BOOST_TEST(result.err.find("--clearance-expires: '31/01/2030' is not a date; write YYYY-MM-DD") != std::string::npos);
  result = run_tool(dir, {"bootstrap", "--config", file.string(), "--user", "Bad Name"}, kPassword);
  BOOST_TEST(result.exit_status == 2);
  BOOST_TEST(result.err.find("is not a user name") != std::string::npos, result.err);
  // The password is never an argument.
  result = run_tool(dir, {"bootstrap", "--config", file.string(), "--user", "boss", "--password", kPassword});
  BOOST_TEST(result.exit_status != 0);
  // No accounts instance; an unreadable database.
  const auto empty = write_file(dir / "none.yaml", "instances: []\n");
  result = run_tool(dir, {"bootstrap", "--config", empty.string(), "--user", "boss"}, kPassword);
  BOOST_TEST(result.exit_status == 2);
  BOOST_TEST(result.err.find("has no instance with `use: accounts`") != std::string::npos, result.err);
  write_file(dir / "not-a-folder", "x");
  const auto broken = deployment(dir, "not-a-folder");
  result = run_tool(dir, {"bootstrap", "--config", broken.string(), "--user", "boss"}, kPassword);
  BOOST_TEST(result.exit_status == 1);
  BOOST_TEST(result.err.find("not-a-folder") != std::string::npos, result.err);
  result = run_tool(dir, {"sweep", "--config", (dir / "missing.yaml").string()});
  BOOST_TEST(result.exit_status == 2);
  BOOST_TEST(result.err.find("does not exist") != std::string::npos, result.err);
}

BOOST_AUTO_TEST_CASE(sweep_as_of_a_date_deactivates_and_says_who) {
  TempDir dir;
  const auto file = deployment(dir);
  BOOST_REQUIRE_EQUAL(run_tool(dir, {"bootstrap", "--config", file.string(), "--user", "boss"}, kPassword).exit_status, 0);
  const auto today = date_of(now_utc());
  auto result = run_tool(dir, {"sweep", "--config", file.string(), "--as-of", to_iso_date(today + std::chrono::days(90))});
  BOOST_TEST(result.exit_status == 0, result.err);
  BOOST_TEST(result.out.find("no account deactivated") != std::string::npos, result.out);
  result = run_tool(dir, {"sweep", "--config", file.string(), "--as-of", to_iso_date(today + std::chrono::days(91))});
  BOOST_TEST(result.exit_status == 0, result.err);
  BOOST_TEST(result.out.find("deactivated boss: no login for 90 days (last: never; created " + to_iso_date(today) + ")") !=
                 std::string::npos,
             result.out);
  result = run_tool(dir, {"sweep", "--config", file.string(), "--as-of", "2027-02-29"});
  BOOST_TEST(result.exit_status == 2);
  BOOST_TEST(result.err.find("--as-of: '2027-02-29' is not a date") != std::string::npos, result.err);

  Opened opened(dir / "db");
  BOOST_TEST(opened.accounts.find("boss")->status == AccountStatus::disabled);
  const auto outbox = opened.store.read().outbox();
  BOOST_REQUIRE_EQUAL(outbox.size(), 4u);  // bootstrap, empty sweep, the deactivation, that sweep
  BOOST_TEST(outbox[2].second.target == "account:boss");
  BOOST_TEST(outbox[2].second.actor.user == "offline:" + os_user());
  BOOST_TEST(outbox[2].second.detail.find("no login for 90 days") != std::string::npos);
  // With the only program manager swept, bootstrap may make a new one.
  result = run_tool(dir, {"bootstrap", "--config", file.string(), "--user", "boss2"}, kPassword);
  BOOST_TEST(result.exit_status == 0, result.err);
}

// Separation of duties (issue 16, item 14): with one program manager, the changes that through the
// service wait for a second one are made offline, on the record.
BOOST_AUTO_TEST_CASE(a_lone_program_manager_changes_managers_offline_and_each_change_is_audited) {
  TempDir dir;
  const auto file = deployment(dir);
  BOOST_REQUIRE_EQUAL(run_tool(dir, {"bootstrap", "--config", file.string(), "--user", "boss"}, kPassword).exit_status, 0);
  auto result = run_tool(dir, {"add", "--config", file.string(), "--user", "deputy", "--role", "program_manager"},
                         kPassword + "\n");
  BOOST_TEST(result.exit_status == 0, result.err);
  result = run_tool(dir, {"update", "--config", file.string(), "--user", "boss", "--role", "program_manager", "--role",
                          "sergeant", "--clearance-expires", "2027-12-31"});
  BOOST_TEST(result.exit_status == 0, result.err);
  result = run_tool(dir, {"designee", "--config", file.string(), "--user", "boss", "--from", "2027-03-01", "--to",
                          "2027-03-10"});
  BOOST_TEST(result.exit_status == 0, result.err);
  result = run_tool(dir, {"reset-password", "--config", file.string(), "--user", "deputy"}, "another long passphrase\n");
  BOOST_TEST(result.exit_status == 0, result.err);
  result = run_tool(dir, {"close", "--config", file.string(), "--user", "deputy"});
  BOOST_TEST(result.exit_status == 0, result.err);
  // The rules still hold offline: the last active program manager stays.
  result = run_tool(dir, {"close", "--config", file.string(), "--user", "boss"});
  BOOST_TEST(result.exit_status == 1);
  BOOST_TEST(result.err.find("last active program manager") != std::string::npos, result.err);

  Opened opened(dir / "db");
  const auto boss = *opened.accounts.find("boss");
  BOOST_TEST(boss.holds("sergeant"));
  BOOST_TEST((boss.designee && to_iso_date(boss.designee->to) == "2027-03-10"));
  BOOST_TEST(opened.accounts.find("deputy")->status == AccountStatus::closed);
  const auto outbox = opened.store.read().outbox();
  BOOST_REQUIRE_EQUAL(outbox.size(), 7u);  // bootstrap, five changes, the refusal
  const std::vector<std::string> commands = {"add", "update", "designee grant", "reset-password", "close", "close"};
  for (std::size_t i = 0; i < commands.size(); ++i) {
    const auto& event = outbox[i + 1].second;
    BOOST_TEST(event.actor.user == "offline:" + os_user());
    BOOST_TEST(event.category == "account.change");
    BOOST_TEST(event.query["command"] == commands[i]);
    BOOST_TEST(event.outcome == (i + 1 < commands.size() ? "allowed" : "refused"));
  }
}
