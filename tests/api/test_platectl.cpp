// platectl end to end, as a child process against a real deployment: login with the password on
// standard input, the session file and its mode, text and --json output, account management, the
// audit commands, inquiries, and the exit codes scripts rely on.
#define BOOST_TEST_MODULE platectl
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include <sys/stat.h>

#include <fmt/format.h>

#include "api_deployment.hpp"
#include "platectl_operator.hpp"

using namespace platebus::test;
using namespace std::chrono_literals;

namespace {

BOOST_TEST_GLOBAL_FIXTURE(SharedDeployment);

ApiDeployment& api() { return SharedDeployment::api(); }

}  // namespace

BOOST_AUTO_TEST_CASE(login_keeps_the_session_in_a_private_file) {
  const Operator pm(kManager, api().url());
  const auto login = pm.login();
  BOOST_REQUIRE_MESSAGE(login.exit_status == 0, describe(login));
  BOOST_TEST(login.out.find("logged in as pm") != std::string::npos, login.out);
  BOOST_TEST(login.out.find(kPassword) == std::string::npos);
  struct stat status {};
  BOOST_REQUIRE(::stat(pm.session_file().c_str(), &status) == 0);
  BOOST_TEST((status.st_mode & 0777) == 0600u);

  const auto whoami = pm.run({"whoami", "--json"});
  BOOST_REQUIRE_MESSAGE(whoami.exit_status == 0, describe(whoami));
  const auto body = nlohmann::json::parse(whoami.out);
  BOOST_TEST(body["user"] == "pm");
  BOOST_TEST(body["roles"] == nlohmann::json({"program_manager"}));

  // A session file others can read is refused, with the fix.
  ::chmod(pm.session_file().c_str(), 0644);
  const auto loose = pm.run({"whoami"});
  BOOST_TEST(loose.exit_status == 1, describe(loose));
  BOOST_TEST(loose.err.find("chmod 600") != std::string::npos, loose.err);
  ::chmod(pm.session_file().c_str(), 0600);

  const auto logout = pm.run({"logout"});
  BOOST_TEST(logout.exit_status == 0, describe(logout));
  BOOST_TEST(!fs::exists(pm.session_file()));
  const auto after = pm.run({"whoami"});
  BOOST_TEST(after.exit_status == 1, describe(after));
}

BOOST_AUTO_TEST_CASE(accounts_are_added_listed_and_disabled) {
  const Operator pm(kManager, api().url());
  BOOST_REQUIRE(pm.login().exit_status == 0);
  const auto add = pm.run({"accounts", "add", "jdoe", "--role", "officer", "--display-name", "Jane Doe",
                           "--clearance-expires", kFarClearance},
                          "Officer-Jane-Passphrase");
  BOOST_REQUIRE_MESSAGE(add.exit_status == 0, describe(add));
  BOOST_TEST(add.out.find("jdoe: active") != std::string::npos, add.out);

  const auto list = pm.run({"accounts", "list"});
  BOOST_TEST(list.exit_status == 0, describe(list));
  BOOST_TEST(list.out.find("jdoe") != std::string::npos, list.out);
  BOOST_TEST(list.out.find("officer") != std::string::npos, list.out);
  const auto json_list = pm.run({"--json", "accounts", "list"});
  const auto accounts = nlohmann::json::parse(json_list.out)["accounts"];
  BOOST_TEST(std::any_of(accounts.begin(), accounts.end(), [](const auto& a) { return a["user"] == "jdoe"; }));

  const Operator jane("jdoe", api().url());
  BOOST_REQUIRE(jane.login("Officer-Jane-Passphrase").exit_status == 0);
  // An officer may not manage accounts: exit 1 and the server's message.
  const auto refused = jane.run({"accounts", "list"});
  BOOST_TEST(refused.exit_status == 1, describe(refused));
  BOOST_TEST(refused.err.find("HTTP 403") != std::string::npos, refused.err);

  const auto disable = pm.run({"accounts", "disable", "jdoe", "--reason", "left the unit"});
  BOOST_TEST(disable.exit_status == 0, describe(disable));
  BOOST_TEST(disable.out.find("disabled") != std::string::npos, disable.out);
  const auto ended = jane.run({"whoami"});
  BOOST_TEST(ended.exit_status == 1, describe(ended));
  BOOST_TEST(ended.err.find("HTTP 401") != std::string::npos, ended.err);
}

BOOST_AUTO_TEST_CASE(inquiries_go_through_and_placeholders_are_refused) {
  const Operator pm(kManager, api().url());
  BOOST_REQUIRE(pm.login().exit_status == 0);
  const auto ok = pm.run({"--json", "inquiry", kInquiryPath, "--case", "2026-7788", "--reason",
                          "burglary suspect vehicle", "--query", R"({"plate": "4XYZ987"})"});
  BOOST_REQUIRE_MESSAGE(ok.exit_status == 0, describe(ok));
  const auto body = nlohmann::json::parse(ok.out);
  BOOST_TEST(body["case_number"] == "2026-7788");
  BOOST_TEST(body["query"]["plate"] == "4XYZ987");
  BOOST_TEST(body["actor"]["user"] == "pm");
  const auto placeholder = pm.run({"inquiry", kInquiryPath, "--case", "2026-7788", "--reason", "n/a"});
  BOOST_TEST(placeholder.exit_status == 1, describe(placeholder));
  BOOST_TEST(placeholder.err.find("placeholder") != std::string::npos, placeholder.err);
}

BOOST_AUTO_TEST_CASE(the_audit_commands) {
  const Operator pm(kManager, api().url());
  BOOST_REQUIRE(pm.login().exit_status == 0);
  const auto verify = pm.run({"audit", "verify"});
  BOOST_TEST(verify.exit_status == 0, describe(verify));
  BOOST_TEST(verify.out.find("intact") == 0, verify.out);

  const auto year = utc_date().substr(0, 4);
  TempDir out;
  const auto report = pm.run({"audit", "report", "--year", year, "--format", "csv", "--output", (out / "r.csv").string()});
  BOOST_TEST(report.exit_status == 0, describe(report));
  BOOST_TEST(!read_file(out / "r.csv").empty());
  const auto text_report = pm.run({"audit", "report", "--year", year});
  BOOST_TEST(text_report.exit_status == 0, describe(text_report));
  BOOST_TEST(!text_report.out.empty());

  const auto exported = pm.run({"audit", "export", "--from", utc_date(-1), "--to", utc_date(1)});
  BOOST_TEST(exported.exit_status == 0, describe(exported));
  BOOST_TEST(exported.out.find(" pm ") != std::string::npos, exported.out);
  BOOST_TEST(exported.out.find("login allowed") != std::string::npos, exported.out);
  const auto to_file = pm.run({"audit", "export", "--from", utc_date(-1), "--to", utc_date(1), "--output",
                               (out / "records.json").string()});
  BOOST_TEST(to_file.exit_status == 0, describe(to_file));
  const auto records = nlohmann::json::parse(read_file(out / "records.json"));
  BOOST_TEST(records.is_array());
  BOOST_TEST(records.size() > 3u);

  const auto checkpoint = pm.run({"--json", "audit", "checkpoint"});
  BOOST_TEST(checkpoint.exit_status == 0, describe(checkpoint));
  BOOST_TEST(!nlohmann::json::parse(checkpoint.out)["signature"].get<std::string>().empty());
}

BOOST_AUTO_TEST_CASE(audit_export_shows_control_characters_as_escapes) {
  // A reason that would print a forged record line, clear the terminal and retitle it.
  const std::string forged = "routine\n999 2026-01-01T00:00:00Z admin - login allowed POST /api/v1/session";
  const std::string reason = forged + "\x1b[2J\x1b]0;owned\x07";
  const auto token = api().manager_token();
  const nlohmann::json inquiry = {{"case_number", "C-77"}, {"reason", reason}, {"query", {{"plate", "7ABC123"}}}};
  // Served or refused, the attempt is on record; either way the export must print it harmlessly.
  const bool served = api().send_json("POST", kInquiryPath, inquiry, token).status == 200;
  const Operator pm(kManager, api().url());
  BOOST_REQUIRE(pm.login().exit_status == 0);
  const auto exported = pm.run({"audit", "export", "--from", utc_date(-1), "--to", utc_date(1)});
  BOOST_REQUIRE_MESSAGE(exported.exit_status == 0, describe(exported));
  BOOST_TEST(exported.out.find('\x1b') == std::string::npos, exported.out);
  BOOST_TEST(exported.out.find('\x07') == std::string::npos, exported.out);
  BOOST_TEST(exported.out.find("\n999 2026-01-01") == std::string::npos, exported.out);  // no forged line
  if (served) {
    BOOST_TEST(exported.out.find("routine\\n999 2026-01-01") != std::string::npos, exported.out);
    BOOST_TEST(exported.out.find("\\x1b[2J") != std::string::npos, exported.out);
  }
}

BOOST_AUTO_TEST_CASE(exit_codes) {
  const Operator pm(kManager, api().url());
  const auto wrong = pm.login("not-the-right-password");
  BOOST_TEST(wrong.exit_status == 1, describe(wrong));
  BOOST_TEST(wrong.err.find("wrong user name or password") != std::string::npos, wrong.err);
  BOOST_TEST(!fs::exists(pm.session_file()));
  const auto no_session = pm.run({"accounts", "list"});
  BOOST_TEST(no_session.exit_status == 1, describe(no_session));
  BOOST_TEST(no_session.err.find("HTTP 401") != std::string::npos, no_session.err);
  BOOST_TEST(pm.run({"accounts", "frobnicate"}).exit_status == 2);
  BOOST_TEST(pm.run({"audit", "report"}).exit_status == 2);  // --year is required
  BOOST_TEST(pm.run({"login", "--password", "x"}).exit_status == 2);  // never on the command line
  const auto unreachable = pm.run({"whoami"}, "", "http://127.0.0.1:1");
  BOOST_TEST(unreachable.exit_status == 3, describe(unreachable));
  BOOST_TEST(unreachable.err.find("cannot reach the server") != std::string::npos, unreachable.err);
  BOOST_TEST(pm.run({"whoami"}, "", "ftp://example.org").exit_status == 2);
}

BOOST_AUTO_TEST_CASE(passwords_come_from_standard_input_only) {
  const Operator pm(kManager, api().url());
  BOOST_REQUIRE(pm.login().exit_status == 0);
  BOOST_REQUIRE(pm.run({"accounts", "add", "tsmith", "--role", "tech_services"}, "First-Tech-Passphrase").exit_status == 0);
  const Operator tech("tsmith", api().url());
  BOOST_REQUIRE(tech.login("First-Tech-Passphrase").exit_status == 0);
  // Current and new password, one line each.
  const auto changed = tech.run({"password"}, "First-Tech-Passphrase\nSecond-Tech-Passphrase");
  BOOST_TEST(changed.exit_status == 0, describe(changed));
  BOOST_TEST(tech.login("First-Tech-Passphrase").exit_status == 1);
  BOOST_TEST(tech.login("Second-Tech-Passphrase").exit_status == 0);
  // The program manager resets it; the new one is read the same way.
  const auto reset = pm.run({"accounts", "reset-password", "tsmith"}, "Third-Tech-Passphrase");
  BOOST_TEST(reset.exit_status == 0, describe(reset));
  BOOST_TEST(tech.login("Third-Tech-Passphrase").exit_status == 0);
  // No password on standard input: refused, not sent empty.
  const auto none = tech.run({"login", "--user", "tsmith"});
  BOOST_TEST(none.exit_status == 1, describe(none));
  BOOST_TEST(none.err.find("standard input") != std::string::npos, none.err);
}

// Separation of duties (issue 16, item 14): `accounts close` of a program manager waits; a second
// program manager sees it with `accounts changes` and approves it with `accounts approve ID`.
BOOST_AUTO_TEST_CASE(a_program_managers_change_waits_for_approve_from_another) {
  api().add_account("pm5", "program_manager");
  api().add_account("pm6", "program_manager");
  const Operator pm(kManager, api().url());
  BOOST_REQUIRE(pm.login().exit_status == 0);
  const auto close = pm.run({"accounts", "close", "pm6"});
  BOOST_REQUIRE_MESSAGE(close.exit_status == 0, describe(close));
  BOOST_TEST(close.out.find("waits for another program manager's approval") != std::string::npos, close.out);
  const Operator second("pm5", api().url());
  BOOST_REQUIRE(second.login().exit_status == 0);
  const auto changes = second.run({"--json", "accounts", "changes"});
  BOOST_REQUIRE_MESSAGE(changes.exit_status == 0, describe(changes));
  std::string id;
  const auto listed = nlohmann::json::parse(changes.out);
  for (const auto& change : listed["changes"])
    if (change["user"] == "pm6" && change["type"] == "AccountClose") id = change["id"];
  BOOST_REQUIRE_MESSAGE(!id.empty(), changes.out);
  const auto own = pm.run({"accounts", "approve", id});
  BOOST_TEST(own.exit_status == 1, describe(own));
  BOOST_TEST(own.err.find("HTTP 403") != std::string::npos, own.err);
  const auto approved = second.run({"accounts", "approve", id});
  BOOST_REQUIRE_MESSAGE(approved.exit_status == 0, describe(approved));
  BOOST_TEST(approved.out.find("approved and applied") != std::string::npos, approved.out);
  const auto list = nlohmann::json::parse(pm.run({"--json", "accounts", "list"}).out)["accounts"];
  BOOST_TEST(std::any_of(list.begin(), list.end(), [](const auto& a) { return a["user"] == "pm6" && a["status"] == "closed"; }));
  const auto declined = second.run({"accounts", "decline", "nosuch"});
  BOOST_TEST(declined.exit_status == 1, describe(declined));
}
