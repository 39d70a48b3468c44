// Separation of duties for program managers (issue 16, item 14): a change to a program manager's
// account, or one that makes someone a program manager, waits for a different program manager.
#include <boost/test/unit_test.hpp>

#include "accounts_fixture.hpp"

using namespace platebus;
using namespace platebus::accounts;
using namespace platebus::accounts::test;

namespace {

// Two program managers and an officer, as in the review.
struct TwoManagers : AccountsFixture {
  TwoManagers() {
    add("boss", {"program_manager"});
    add("deputy", {"program_manager"});
    add("jdoe", {"officer"});
  }
  std::string pending_id(const Reply& reply) {
    BOOST_REQUIRE_MESSAGE(reply.ok(), reply.error);
    BOOST_REQUIRE(reply.message.header.value("pending", false));
    return reply.message.header.at("change").at("id").get<std::string>();
  }
};

}  // namespace

BOOST_AUTO_TEST_CASE(the_reviews_four_attacks_end_pending_not_applied) {
  TwoManagers f;
  const auto roles = f.ask("AccountUpdate", {{"user", "boss"}, {"roles", {"program_manager", "sergeant"}},
                                             {"clearance_expires", "2099-12-31"}});
  f.pending_id(roles);
  BOOST_TEST(roles.message.header.value("message", "").find("waits for another program manager's approval") !=
             std::string::npos);
  f.accounts->update("boss", {std::nullopt, std::vector<std::string>{"program_manager", "sergeant"}, day("2027-12-31")});
  f.pending_id(f.ask("DesigneeGrant", {{"user", "boss"}, {"from", "2027-03-01"}, {"to", "2027-03-10"}}));
  f.pending_id(f.ask("AccountClose", {{"user", "boss"}}));
  f.pending_id(f.ask("AccountResetPassword", {{"user", "deputy"}, {"password", "another long passphrase"}}));
  const auto boss = *f.accounts->find("boss");
  BOOST_TEST((boss.clearance_expires == day("2027-12-31")));
  BOOST_TEST(!boss.designee.has_value());
  BOOST_TEST(boss.status == AccountStatus::active);
  BOOST_TEST(!f.login("deputy").empty());  // the old password still works
  const auto changes = f.ask("ChangeList").message.header.at("changes");
  BOOST_REQUIRE_EQUAL(changes.size(), 4u);
  const auto of_type = [&](const char* type) {
    for (const auto& change : changes)
      if (change["type"] == type) return change["fields"];
    return nlohmann::json();
  };
  BOOST_TEST(of_type("AccountUpdate") == nlohmann::json({{"user", "boss"}, {"roles", {"program_manager", "sergeant"}},
                                                        {"clearance_expires", "2099-12-31"}}));
  BOOST_TEST(of_type("AccountResetPassword") == nlohmann::json({{"user", "deputy"}, {"password", "(set)"}}));
}

BOOST_AUTO_TEST_CASE(a_second_program_manager_approves_and_the_change_applies) {
  TwoManagers f;
  const auto id = f.pending_id(f.ask("AccountResetPassword", {{"user", "deputy"}, {"password", "another long passphrase"}}));
  const auto approved = f.ask("ChangeApprove", {{"id", id}}, "deputy");
  BOOST_REQUIRE_MESSAGE(approved.ok(), approved.error);
  BOOST_TEST(approved.message.header.at("applied").at("account").at("user") == "deputy");
  BOOST_TEST(!f.login("deputy", "another long passphrase").empty());
  BOOST_TEST(f.ask("ChangeList").message.header.at("changes").empty());
  BOOST_TEST((f.ask("ChangeApprove", {{"id", id}}, "deputy").status == ServiceStatus::invalid));  // applied once

  const auto grant = f.pending_id(f.ask("AccountUpdate", {{"user", "jdoe"}, {"roles", {"program_manager"}}}));
  BOOST_TEST(f.accounts->find("jdoe")->roles == std::vector<std::string>{"officer"});  // no sock puppet
  BOOST_REQUIRE(f.ask("ChangeApprove", {{"id", grant}}, "deputy").ok());
  BOOST_TEST(f.accounts->find("jdoe")->holds("program_manager"));
}

BOOST_AUTO_TEST_CASE(nobody_approves_their_own_change_but_may_withdraw_it) {
  TwoManagers f;
  const auto id = f.pending_id(f.ask("AccountClose", {{"user", "boss"}}));
  const auto own = f.ask("ChangeApprove", {{"id", id}}, "boss");
  BOOST_TEST((own.status == ServiceStatus::denied));
  BOOST_TEST(own.error.find("another program manager must approve it") != std::string::npos);
  BOOST_TEST(f.accounts->find("boss")->status == AccountStatus::active);
  const auto withdrawn = f.ask("ChangeDecline", {{"id", id}}, "boss");
  BOOST_REQUIRE_MESSAGE(withdrawn.ok(), withdrawn.error);
  BOOST_TEST(withdrawn.message.header.at("outcome") == "withdrawn");
  BOOST_TEST((f.ask("ChangeApprove", {{"id", id}}, "deputy").status == ServiceStatus::invalid));
  const auto other = f.pending_id(f.ask("AccountClose", {{"user", "boss"}}));
  BOOST_TEST(f.ask("ChangeDecline", {{"id", other}}, "deputy").message.header.at("outcome") == "declined");
  BOOST_TEST(f.accounts->find("boss")->status == AccountStatus::active);
}

BOOST_AUTO_TEST_CASE(a_pending_change_expires_after_the_approval_window) {
  TwoManagers f;
  const auto id = f.pending_id(f.ask("AccountClose", {{"user", "deputy"}}));
  f.time.now += 72h + 1s;
  const auto late = f.ask("ChangeApprove", {{"id", id}}, "jdoe");  // not a program manager: refused first
  BOOST_TEST((late.status == ServiceStatus::denied));
  const auto expired = f.ask("ChangeApprove", {{"id", id}}, "deputy");
  BOOST_TEST((expired.status == ServiceStatus::invalid));
  BOOST_TEST(expired.error.find("expired") != std::string::npos);
  BOOST_TEST(f.accounts->find("deputy")->status == AccountStatus::active);
  BOOST_TEST(f.ask("ChangeList").message.header.at("changes").empty());
}

BOOST_AUTO_TEST_CASE(a_single_program_manager_is_sent_to_the_offline_tool) {
  AccountsFixture f;
  f.add("boss", {"program_manager"});
  f.add("jdoe", {"officer"});
  const auto alone = f.ask("AccountUpdate", {{"user", "boss"}, {"roles", {"program_manager", "sergeant"}},
                                             {"clearance_expires", "2099-12-31"}});
  BOOST_TEST((alone.status == ServiceStatus::denied));
  BOOST_TEST(alone.error.find("platebus accounts") != std::string::npos);
  BOOST_TEST(f.accounts->find("boss")->roles == std::vector<std::string>{"program_manager"});
  BOOST_TEST(f.ask("ChangeList").message.header.at("changes").empty());
  // Changes to other staff need no second person.
  BOOST_TEST(f.ask("AccountUpdate", {{"user", "jdoe"}, {"roles", {"investigator"}}}).ok());
  BOOST_TEST(f.accounts->find("jdoe")->roles == std::vector<std::string>{"investigator"});
  BOOST_TEST(f.ask("AccountUpdate", {{"user", "boss"}, {"display_name", "Pat Boss"}}).ok());  // one's own name
}

BOOST_AUTO_TEST_CASE(change_ids_from_strangers_are_refused_plainly) {
  TwoManagers f;
  for (const auto& id : {std::string("nosuch"), std::string(100'000, 'a'), std::string("DEADBEEF"), std::string()}) {
    const auto reply = f.ask("ChangeApprove", {{"id", id}}, "deputy");
    BOOST_TEST((reply.status == ServiceStatus::invalid), reply.error.substr(0, 80));
    BOOST_TEST(reply.error.size() < 400u);
  }
  BOOST_TEST((f.ask("ChangeDecline", {{"id", 5}}, "deputy").status == ServiceStatus::invalid));
  BOOST_TEST((f.ask("ChangeList", {}, "jdoe").status == ServiceStatus::denied));  // accounts.manage only
}
