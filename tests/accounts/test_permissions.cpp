// Every cell of the permission table, for each role alone and through a real session; several roles;
// the CLETS clearance rule (missing, expired, valid through its last day); designee grants.
#include <boost/test/unit_test.hpp>

#include "accounts_fixture.hpp"
#include "permissions.hpp"

using namespace platebus;
using namespace platebus::accounts;
using namespace platebus::accounts::test;

namespace {

// The contract's table, written out here independently of permissions.cpp.
// Roles:                       officer investigator sergeant program_manager tech_services
struct Row {
  const char* action;
  bool allows[5];
  bool needs_clearance;
};
const Row kExpected[] = {
    {"session", {1, 1, 1, 1, 1}, false},         {"alerts", {1, 1, 1, 0, 0}, false},
    {"inquiry", {1, 1, 1, 1, 0}, true},          {"stakeout", {0, 1, 1, 1, 0}, true},
    {"hotplate.add", {1, 1, 1, 1, 0}, true},     {"hotlist.manage", {0, 1, 1, 1, 0}, true},
    {"sharing.request", {0, 1, 1, 1, 0}, false}, {"sharing.approve", {0, 0, 1, 0, 0}, false},
    {"accounts.manage", {0, 0, 0, 1, 0}, false}, {"audit", {0, 0, 0, 1, 0}, false},
    {"deployment.read", {0, 0, 0, 1, 1}, false}, {"deployment.manage", {0, 0, 0, 0, 1}, false},
};
const char* kRoleNames[] = {"officer", "investigator", "sergeant", "program_manager", "tech_services"};

const Date kToday = day("2027-03-01");

Account holding(std::vector<std::string> roles, std::optional<Date> clearance = day("2027-12-31")) {
  Account account;
  account.user = "someone";
  account.roles = std::move(roles);
  account.clearance_expires = clearance;
  return account;
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_table_has_exactly_the_contracts_actions) {
  BOOST_REQUIRE_EQUAL(permission_table().size(), std::size(kExpected));
  for (const auto& row : kExpected) {
    const auto* permission = find_permission(row.action);
    BOOST_REQUIRE_MESSAGE(permission, row.action);
    BOOST_TEST(permission->needs_clearance == row.needs_clearance, row.action);
  }
}

BOOST_AUTO_TEST_CASE(every_cell_for_each_role_alone) {
  for (const auto& row : kExpected)
    for (int r = 0; r < 5; ++r) {
      const auto decision = decide(holding({kRoleNames[r]}), row.action, kToday);
      BOOST_TEST(decision.allowed() == row.allows[r], row.action << " x " << kRoleNames[r] << ": " << decision.error);
      if (!row.allows[r]) {
        BOOST_TEST((decision.status == ServiceStatus::denied));
        BOOST_TEST(decision.error == std::string(kRoleNames[r]) + " may not " + row.action);
      }
    }
}

BOOST_AUTO_TEST_CASE(every_cell_through_a_real_session_and_the_service) {
  AccountsFixture f;
  f.add("boss", {"program_manager"});
  for (int r = 0; r < 5; ++r) {
    const std::string user = std::string("user") + std::to_string(r);
    f.add(user, {kRoleNames[r]});
    const auto token = f.login(user);
    for (const auto& row : kExpected) {
      const auto reply = f.ask("Authorize", {{"token", token}, {"action", row.action}}, "");
      BOOST_TEST(reply.ok() == row.allows[r], row.action << " x " << kRoleNames[r] << ": " << reply.error);
      if (reply.ok()) {
        BOOST_TEST(reply.message.header["actor"]["user"] == user);
        BOOST_TEST(reply.message.header["actor"]["roles"] == nlohmann::json::array({kRoleNames[r]}));
        BOOST_TEST(reply.message.header["actor"]["session"].get<std::string>().size() == 12u);
        BOOST_TEST(reply.message.header["clearance_expires"] == "2028-03-01");
      } else {
        BOOST_TEST((reply.status == ServiceStatus::denied), reply.error);
        // A refusal says who was refused, for the API's audit record.
        BOOST_TEST(reply.message.header.value("actor", nlohmann::json::object()).value("user", "") == user);
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(several_roles_allow_what_any_of_them_allows) {
  const auto both = holding({"officer", "tech_services"});
  BOOST_TEST(decide(both, "alerts", kToday).allowed());             // officer
  BOOST_TEST(decide(both, "deployment.manage", kToday).allowed());  // tech_services
  BOOST_TEST(decide(both, "inquiry", kToday).allowed());
  const auto refused = decide(both, "stakeout", kToday);  // neither
  BOOST_TEST(!refused.allowed());
  BOOST_TEST(refused.error == "officer, tech_services may not stakeout");
  const auto manager_and_sergeant = holding({"program_manager", "sergeant"});
  BOOST_TEST(decide(manager_and_sergeant, "sharing.approve", kToday).allowed());
  BOOST_TEST(decide(manager_and_sergeant, "accounts.manage", kToday).allowed());
  BOOST_TEST(decide(manager_and_sergeant, "alerts", kToday).allowed());
}

BOOST_AUTO_TEST_CASE(clearance_missing_expired_or_valid) {
  for (const auto& row : kExpected)
    for (int r = 0; r < 5; ++r) {
      if (!row.allows[r]) continue;
      const std::string role = kRoleNames[r];
      // Valid through its last day.
      BOOST_TEST(decide(holding({role}, kToday), row.action, kToday).allowed(), row.action << " x " << role);
      const auto expired = decide(holding({role}, day("2027-02-28")), row.action, kToday);
      const auto missing = decide(holding({role}, std::nullopt), row.action, kToday);
      if (!row.needs_clearance) {
        BOOST_TEST(expired.allowed(), row.action << " x " << role << " needs no clearance");
        BOOST_TEST(missing.allowed(), row.action << " x " << role << " needs no clearance");
        continue;
      }
      BOOST_TEST(!expired.allowed(), row.action << " x " << role);
      BOOST_TEST((expired.status == ServiceStatus::denied));
      BOOST_TEST(expired.error.find("CLETS clearance expired on 2027-02-28") == 0u, expired.error);
      BOOST_TEST(!missing.allowed(), row.action << " x " << role);
      BOOST_TEST(missing.error.find("no CLETS clearance on record") == 0u, missing.error);
    }
}

BOOST_AUTO_TEST_CASE(an_expired_clearance_still_logs_in_but_cannot_search) {
  AccountsFixture f;
  f.accounts->add({"old", {"officer"}, "a long enough passphrase", "", day("2027-02-01")}, "boss");
  const auto token = f.login("old");
  BOOST_TEST(f.ask("Authorize", {{"token", token}, {"action", "session"}}, "").ok());
  BOOST_TEST(f.ask("Authorize", {{"token", token}, {"action", "alerts"}}, "").ok());
  const auto search = f.ask("Authorize", {{"token", token}, {"action", "inquiry"}}, "");
  BOOST_TEST((search.status == ServiceStatus::denied));
  BOOST_TEST(search.error.find("CLETS clearance expired on 2027-02-01") == 0u, search.error);
}

BOOST_AUTO_TEST_CASE(a_designee_grant_lends_sharing_approval_between_its_dates) {
  auto officer = holding({"officer"});
  officer.designee = DesigneeGrant{day("2027-03-10"), day("2027-03-20")};
  BOOST_TEST(!decide(officer, "sharing.approve", day("2027-03-09")).allowed());  // before
  BOOST_TEST(decide(officer, "sharing.approve", day("2027-03-10")).allowed());   // first day
  BOOST_TEST(decide(officer, "sharing.approve", day("2027-03-15")).allowed());
  BOOST_TEST(decide(officer, "sharing.approve", day("2027-03-20")).allowed());   // last day
  BOOST_TEST(!decide(officer, "sharing.approve", day("2027-03-21")).allowed());  // after
  // The grant lends only sharing approval.
  BOOST_TEST(!decide(officer, "stakeout", day("2027-03-15")).allowed());
  BOOST_TEST(!decide(officer, "sharing.request", day("2027-03-15")).allowed());
}

BOOST_AUTO_TEST_CASE(designee_grants_through_the_service) {
  AccountsFixture f;
  f.add("boss", {"program_manager"});
  f.add("jdoe", {"officer"});
  f.add("tech", {"tech_services"});
  const auto grant = f.ask("DesigneeGrant", {{"user", "jdoe"}, {"from", "2027-03-01"}, {"to", "2027-03-02"}});
  BOOST_REQUIRE_MESSAGE(grant.ok(), grant.error);
  BOOST_TEST(grant.message.header["account"]["designee"] == (nlohmann::json{{"from", "2027-03-01"}, {"to", "2027-03-02"}}));
  auto token = f.login("jdoe");
  BOOST_TEST(f.ask("Authorize", {{"token", token}, {"action", "sharing.approve"}}, "").ok());
  f.time.now += 48h;  // 2027-03-03: past the grant
  token = f.login("jdoe");
  BOOST_TEST(!f.ask("Authorize", {{"token", token}, {"action", "sharing.approve"}}, "").ok());
  // Only to sworn accounts, with an end on or after the start, and revocable.
  const auto to_tech = f.ask("DesigneeGrant", {{"user", "tech"}, {"from", "2027-03-03"}, {"to", "2027-03-09"}});
  BOOST_TEST((to_tech.status == ServiceStatus::invalid));
  BOOST_TEST(to_tech.error.find("sworn") != std::string::npos, to_tech.error);
  const auto backwards = f.ask("DesigneeGrant", {{"user", "jdoe"}, {"from", "2027-03-09"}, {"to", "2027-03-03"}});
  BOOST_TEST(backwards.error.find("to: 2027-03-03 is before from") == 0u, backwards.error);
  BOOST_REQUIRE(f.ask("DesigneeGrant", {{"user", "jdoe"}, {"from", "2027-03-03"}, {"to", "2027-03-09"}}).ok());
  BOOST_TEST(f.ask("Authorize", {{"token", token}, {"action", "sharing.approve"}}, "").ok());
  const auto revoked = f.ask("DesigneeRevoke", {{"user", "jdoe"}});
  BOOST_TEST(revoked.message.header["account"]["designee"].is_null());
  BOOST_TEST(!f.ask("Authorize", {{"token", token}, {"action", "sharing.approve"}}, "").ok());
}

BOOST_AUTO_TEST_CASE(an_unknown_action_is_invalid) {
  const auto decision = decide(holding({"program_manager"}), "launch", kToday);
  BOOST_TEST((decision.status == ServiceStatus::invalid));
  BOOST_TEST(decision.error.find("unknown action 'launch'") == 0u);
}

// The service's request table names the action each request needs: nothing is granted or routed by
// a name's prefix, so a type that only begins like a management request is unknown, whoever asks.
BOOST_AUTO_TEST_CASE(a_type_that_only_begins_like_a_management_request_is_unknown) {
  AccountsFixture f;
  f.add("boss", {"program_manager"});
  f.add("sarge", {"sergeant"});
  for (const std::string type : {"ChangeAnything", "AccountListX", "AccountAddress", "DesigneeGrantAll", "Sweeps"})
    for (const std::string actor : {"boss", "sarge"}) {
      const auto reply = f.ask(type, {{"user", "sarge"}, {"id", "c1"}}, actor);
      BOOST_TEST((reply.status == ServiceStatus::invalid), type << " by " << actor << ": " << reply.error);
      BOOST_TEST(reply.error.find("type: '" + type + "' is not a request of the accounts service; send one of Login,") == 0u,
                 type << " by " << actor << ": " << reply.error);
    }
  BOOST_TEST(f.accounts->list().size() == 2u);
}

BOOST_AUTO_TEST_CASE(every_management_request_needs_accounts_manage_and_session_requests_do_not) {
  AccountsFixture f;
  f.add("sarge", {"sergeant"});
  for (const std::string type : {"AccountAdd", "AccountList", "AccountUpdate", "AccountDisable", "AccountEnable",
                                 "AccountClose", "AccountUnlock", "AccountResetPassword", "DesigneeGrant",
                                 "DesigneeRevoke", "Sweep", "ChangeList", "ChangeApprove", "ChangeDecline"}) {
    const auto reply = f.ask(type, {}, "sarge");
    BOOST_TEST((reply.status == ServiceStatus::denied), type << ": " << reply.error);
    BOOST_TEST(reply.error == "sergeant may not accounts.manage", type);
  }
  // These prove who asks by a password or a session token, not by the actor: a missing field, not a refusal.
  for (const std::string type : {"Login", "Logout", "Authorize", "PasswordChange"}) {
    const auto reply = f.ask(type, {}, "sarge");
    BOOST_TEST((reply.status == ServiceStatus::invalid), type << ": " << reply.error);
  }
}
