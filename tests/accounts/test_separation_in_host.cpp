// Separation of duties through the real host (issue 16, item 14): the accounts plugin keeps a change
// to a program manager's account pending until a different one approves it, and lapses the old ones
// with an audit event.
#define BOOST_TEST_MODULE accounts_separation
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include "accounts.hpp"
#include "change_approval.hpp"
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

struct Prepared {
  std::string waiting;  // boss's own promotion, asked now
  std::string lapsed;   // asked 73 hours ago
};

// Two program managers and an officer; two changes boss asked for, one of them long ago.
Prepared prepare_database(const fs::path& folder) {
  AccountStore store(folder);
  Timestamp now = now_utc();
  Accounts accounts(store, PasswordPolicy(), AccountSettings(), [&] { return now; }, HashCost::minimum());
  for (const auto* user : {"boss", "deputy"}) accounts.add({user, {"program_manager"}, kPassword, "", std::nullopt}, "offline");
  ChangeApproval approval(accounts);
  Prepared prepared;
  prepared.waiting = approval.propose("AccountUpdate", {{"user", "boss"}, {"roles", {"program_manager", "sergeant"}},
                                                        {"clearance_expires", "2027-12-31"}}, "", "boss").id;
  now -= 73h;
  prepared.lapsed = approval.propose("AccountClose", {{"user", "deputy"}}, "", "boss").id;
  return prepared;
}
}  // namespace

BOOST_AUTO_TEST_CASE(changes_to_program_managers_wait_for_a_second_one_in_the_real_host) {
  TempDir dir;
  const auto prepared = prepare_database(dir / "db");
  const nlohmann::json boss = {{"user", "boss"}}, deputy = {{"user", "deputy"}};
  const nlohmann::json requests = {
      {{"type", "AccountClose"}, {"user", "boss"}, {"actor", boss}},
      {{"type", "AccountResetPassword"}, {"user", "deputy"}, {"password", "another long passphrase"}, {"actor", boss}},
      {{"type", "ChangeApprove"}, {"id", prepared.waiting}, {"actor", boss}},
      {{"type", "ChangeApprove"}, {"id", prepared.waiting}, {"actor", deputy}},
      {{"type", "ChangeApprove"}, {"id", prepared.lapsed}, {"actor", deputy}},
      {{"type", "ChangeList"}, {"actor", deputy}},
  };
  const auto file = write_file(dir / "d.yaml", accounts::test::client_deployment(dir, requests));
  {
    host::Host host;
    host::Diagnostics diagnostics;
    BOOST_REQUIRE_MESSAGE(host.start(file, diagnostics), diagnostics.to_string());
    BOOST_REQUIRE(wait_until([&] { return read_lines(dir / "replies.txt").size() >= requests.size(); }, 30s));
    BOOST_REQUIRE(wait_until([&] { return !read_lines(dir / "events.txt").empty(); }, 10s));
    host.stop();
  }
  const auto replies = json_lines(dir / "replies.txt");
  const auto status = [&](std::size_t i) { return replies.at(i)["status"].get<std::string>(); };
  const auto error = [&](std::size_t i) { return replies.at(i)["error"].get<std::string>(); };
  for (const std::size_t asked : {0u, 1u}) {
    BOOST_TEST(status(asked) == "ok", error(asked));
    BOOST_TEST(replies[asked]["header"]["pending"] == true);
    BOOST_TEST(replies[asked]["header"]["change"]["requested_by"] == "boss");
  }
  BOOST_TEST(status(2) == "denied");
  BOOST_TEST(error(2).find("another program manager must approve it") != std::string::npos, error(2));
  BOOST_TEST(status(3) == "ok", error(3));
  BOOST_TEST(replies[3]["header"]["applied"]["account"]["roles"] == nlohmann::json({"program_manager", "sergeant"}));
  BOOST_TEST(status(4) == "invalid");  // lapsed, and removed by the plugin or at approval
  BOOST_TEST(replies[5]["header"]["changes"].size() == 2u);  // the close and the reset, still waiting

  AccountStore store(dir / "db");
  Accounts accounts(store, PasswordPolicy(), AccountSettings(), system_clock(), HashCost::minimum());
  BOOST_TEST(accounts.find("boss")->status == AccountStatus::active);
  BOOST_TEST(accounts.find("deputy")->status == AccountStatus::active);
  BOOST_TEST(!accounts.login("deputy", kPassword, "test").token.empty());  // the reset waits too

  const auto events = json_lines(dir / "events.txt");
  const auto lapse = std::find_if(events.begin(), events.end(), [](const nlohmann::json& e) {
    return AuditEvent::from_json(e).detail.find("lapsed unapproved") != std::string::npos;
  });
  BOOST_TEST((lapse != events.end()));
}
