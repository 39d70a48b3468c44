// Separation of duties (issue 16, item 14) through the real API: a change to another program
// manager's account waits for a different one, and each step is recorded as an account change.
#define BOOST_TEST_MODULE api_account_changes
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include "api_deployment.hpp"

using namespace platebus::test;

namespace {

// The newest record matching `match`, or null.
nlohmann::json last_record(ApiDeployment& deployment, const std::function<bool(const nlohmann::json&)>& match) {
  const auto records = deployment.records();
  for (auto it = records.rbegin(); it != records.rend(); ++it)
    if (match(*it)) return *it;
  return nullptr;
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_change_to_a_program_manager_waits_for_another_through_the_api) {
  ApiDeployment deployment;
  deployment.add_account("pm2", "program_manager");
  deployment.add_account("pm3", "program_manager");
  const auto asked = deployment.send_json("POST", "/api/v1/accounts/pm3/reset-password",
                                          {{"password", "Another-Horse-Battery-Staple"}}, deployment.manager_token());
  BOOST_REQUIRE_MESSAGE(asked.status == 200, asked.body.dump());
  BOOST_TEST(asked.body["pending"] == true);
  BOOST_TEST(asked.body["message"].get<std::string>().find("waits for another program manager's approval") !=
             std::string::npos);
  const auto id = asked.body["change"]["id"].get<std::string>();
  deployment.login("pm3");  // not applied: the old password still works

  const auto listed = deployment.send("GET", "/api/v1/account-changes", "", deployment.manager_token());
  BOOST_REQUIRE_EQUAL(listed.status, 200);
  BOOST_TEST(listed.body.dump().find(id) != std::string::npos);
  const auto path = "/api/v1/account-changes/" + id + "/approve";
  const auto own = deployment.send("POST", path, "", deployment.manager_token());
  BOOST_TEST(own.status == 403);
  BOOST_TEST(own.error_message().find("another program manager must approve it") != std::string::npos);
  const auto approved = deployment.send("POST", path, "", deployment.login("pm2"));
  BOOST_REQUIRE_MESSAGE(approved.status == 200, approved.body.dump());
  BOOST_TEST(approved.body["applied"]["account"]["user"] == "pm3");
  deployment.login("pm3", "Another-Horse-Battery-Staple");

  const auto request = last_record(deployment, [](const nlohmann::json& r) {
    return r["target"] == "account:pm3" && r["category"] == "account.change" && r["actor"]["user"] == "pm";
  });
  BOOST_REQUIRE(!request.is_null());
  BOOST_TEST(request.dump().find("Another-Horse") == std::string::npos);  // never the password
  const auto approval = last_record(deployment, [&](const nlohmann::json& r) { return r["target"] == "POST " + path; });
  BOOST_REQUIRE(!approval.is_null());
  BOOST_TEST(approval["actor"]["user"] == "pm2");
  BOOST_TEST(approval["category"] == "account.change");
  BOOST_TEST(approval["outcome"] == "allowed");
}
