// Limits on what program managers may do (issue 16): a designee grant has a longest length, and the
// last active program manager cannot be closed.
#include <boost/test/unit_test.hpp>

#include "accounts_fixture.hpp"

using namespace platebus;
using namespace platebus::accounts;
using namespace platebus::accounts::test;

BOOST_AUTO_TEST_CASE(a_designee_grant_lasts_at_most_designee_max_days) {
  AccountsFixture f;
  f.add("boss", {"program_manager"});
  f.add("jdoe", {"officer"});
  BOOST_TEST(f.ask("DesigneeGrant", {{"user", "jdoe"}, {"from", "2027-03-01"}, {"to", "2027-03-30"}}).ok());  // 30 days
  const auto long_one = f.ask("DesigneeGrant", {{"user", "jdoe"}, {"from", "2027-03-01"}, {"to", "2027-03-31"}});
  BOOST_TEST((long_one.status == ServiceStatus::invalid));
  BOOST_TEST(long_one.error == "to: the grant would last 31 days; a designee grant lasts at most 30 (designee_max_days): "
                               "grant again when it ends");
  const auto forever = f.ask("DesigneeGrant", {{"user", "jdoe"}, {"from", "2027-03-01"}, {"to", "9999-12-31"}});
  BOOST_TEST((forever.status == ServiceStatus::invalid));
  BOOST_TEST((f.accounts->find("jdoe")->designee->to == day("2027-03-30")));  // the refused grants changed nothing
}

BOOST_AUTO_TEST_CASE(the_last_active_program_manager_cannot_be_closed) {
  AccountsFixture f;
  f.add("boss", {"program_manager"});
  f.add("jdoe", {"officer"});
  // The offline tool's path (Accounts itself) keeps the rule.
  BOOST_CHECK_EXCEPTION(f.accounts->close("boss", "offline:root"), AccountError, [](const AccountError& e) {
    return e.status() == ServiceStatus::denied &&
           std::string(e.what()) == "'boss' is the last active program manager, and closing it would leave nobody to "
                                    "manage accounts; make another program manager first";
  });
  // Through the service, a lone program manager is refused before that (separation of duties).
  BOOST_TEST((f.ask("AccountClose", {{"user", "boss"}}).status == ServiceStatus::denied));
  BOOST_TEST(f.accounts->find("boss")->status == AccountStatus::active);
  // A disabled program manager does not count as another one.
  f.add("deputy", {"program_manager"});
  f.accounts->disable("deputy", "on leave", "boss");
  BOOST_TEST((f.ask("AccountClose", {{"user", "boss"}}).status == ServiceStatus::denied));
  BOOST_CHECK_THROW(f.accounts->close("boss", "offline:root"), AccountError);
  f.accounts->enable("deputy");
  const auto asked = f.ask("AccountClose", {{"user", "boss"}}, "deputy");
  BOOST_REQUIRE(asked.message.header.value("pending", false));
  BOOST_REQUIRE(f.ask("ChangeApprove", {{"id", asked.message.header["change"]["id"]}}, "boss").ok());
  BOOST_TEST(f.accounts->find("boss")->status == AccountStatus::closed);
  BOOST_TEST(f.ask("AccountClose", {{"user", "jdoe"}}, "deputy").ok());  // others close as before
  BOOST_TEST(f.accounts->find("jdoe")->status == AccountStatus::closed);
}
