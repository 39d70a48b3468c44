// The operator API through the real host with the real accounts and audit plugins and a real HTTP
// client: the permission table, sessions, inquiry rules, malformed requests, and the audit record
// every request leaves.
#define BOOST_TEST_MODULE api_requests
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <array>
#include <map>

#include "api_deployment.hpp"

using namespace platebus::test;

namespace {

// One deployment for the whole module: starting one costs an Argon2 hash per account.
struct Shared {
  Shared() {
    deployment = new ApiDeployment();
    for (const auto& [user, role] : kAccounts)
      deployment->add_account(user, role);
  }
  ~Shared() { delete deployment; }
  static inline ApiDeployment* deployment = nullptr;
  static inline const std::map<std::string, std::string> kAccounts = {{"off1", "officer"},
                                                                       {"inv1", "investigator"},
                                                                       {"sgt1", "sergeant"},
                                                                       {"pm2", "program_manager"},
                                                                       {"tech1", "tech_services"}};
};
BOOST_TEST_GLOBAL_FIXTURE(Shared);

ApiDeployment& api() { return *Shared::deployment; }

nlohmann::json inquiry(const std::string& case_number, const std::string& reason,
                       nlohmann::json query = {{"plate", "7ABC123"}}) {
  return {{"case_number", case_number}, {"reason", reason}, {"query", query}};
}

// The newest record matching `match`, or null.
nlohmann::json last_record(const std::function<bool(const nlohmann::json&)>& match) {
  const auto records = api().records();
  for (auto it = records.rbegin(); it != records.rend(); ++it)
    if (match(*it)) return *it;
  return nullptr;
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_permission_table_holds_through_the_api) {
  // action -> the roles allowed it (docs/security.md), exercised through one route each.
  const std::map<std::string, std::set<std::string>> allowed = {
      {"session", {"officer", "investigator", "sergeant", "program_manager", "tech_services"}},
      {"accounts.manage", {"program_manager"}},
      {"audit", {"program_manager"}},
      {"inquiry", {"officer", "investigator", "sergeant", "program_manager"}}};
  for (const auto& [user, role] : Shared::kAccounts) {
    const auto token = api().login(user);
    const std::map<std::string, HttpAnswer> answers = {
        {"session", api().send("GET", "/api/v1/session", "", token)},
        {"accounts.manage", api().send("GET", "/api/v1/accounts", "", token)},
        {"audit", api().send("GET", "/api/v1/audit/verify", "", token)},
        {"inquiry", api().send_json("POST", kInquiryPath, inquiry("C-2001", "robbery suspect vehicle"), token)}};
    for (const auto& [action, answer] : answers) {
      const int expected = allowed.at(action).count(role) ? 200 : 403;
      BOOST_TEST(answer.status == expected, role << " " << action << ": " << answer.body.dump());
      if (expected == 403) {
        BOOST_TEST(answer.body["error"]["code"] == "forbidden");
        BOOST_TEST(!answer.error_message().empty());
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(a_refusal_for_the_role_is_recorded_with_who_asked) {
  const auto token = api().login("off1");
  BOOST_TEST(api().send("GET", "/api/v1/accounts", "", token).status == 403);
  const auto record = last_record([](const nlohmann::json& r) {
    return r["actor"]["user"] == "off1" && r["category"] == "account.browse" && r["outcome"] == "refused";
  });
  BOOST_REQUIRE_MESSAGE(!record.is_null(), "no refused account.browse record for off1");
  BOOST_TEST(record["actor"]["roles"] == nlohmann::json({"officer"}));
  BOOST_TEST(record["actor"]["client"].get<std::string>().rfind("127.0.0.1:", 0) == 0);
  BOOST_TEST(!record["actor"]["session"].get<std::string>().empty());
  BOOST_TEST(!record["detail"].get<std::string>().empty());
}

BOOST_AUTO_TEST_CASE(requests_without_a_live_session_are_401) {
  BOOST_TEST(api().send("GET", "/api/v1/accounts").status == 401);
  BOOST_TEST(api().send("GET", "/api/v1/accounts", "", "0123456789abcdef").status == 401);
  BOOST_TEST(api().send_json("POST", kInquiryPath, inquiry("C-2001", "robbery suspect vehicle")).status == 401);
  const auto token = api().login("inv1");
  BOOST_TEST(api().send("GET", "/api/v1/session", "", token).status == 200);
  BOOST_TEST(api().send("DELETE", "/api/v1/session", "", token).status == 200);
  const auto after = api().send("GET", "/api/v1/session", "", token);
  BOOST_TEST(after.status == 401);
  BOOST_TEST(after.body["error"]["code"] == "unauthenticated");
  BOOST_TEST(api().send_json("POST", kInquiryPath, inquiry("C-2001", "robbery suspect vehicle"), token).status == 401);
}

BOOST_AUTO_TEST_CASE(a_wrong_password_is_401_and_recorded) {
  const auto answer = api().send_json("POST", "/api/v1/session", {{"user", "sgt1"}, {"password", "not-the-password-1"}});
  BOOST_TEST(answer.status == 401);
  const auto record = last_record([](const nlohmann::json& r) {
    return r["category"] == "login" && r["target"] == "account:sgt1" && r["outcome"] == "refused";
  });
  BOOST_TEST(!record.is_null());
  BOOST_TEST(record["actor"]["user"] == "");  // the name typed is not a verified actor (docs/audit.md)
  BOOST_TEST(record.dump().find("not-the-password") == std::string::npos);  // never the password itself
}

BOOST_AUTO_TEST_CASE(an_inquiry_arrives_with_the_actor_the_case_and_the_reason) {
  const auto token = api().login("sgt1");
  const auto answer = api().send_json(
      "POST", kInquiryPath, inquiry("2026-000417", "vehicle seen leaving robbery at 5th and Main"), token);
  BOOST_REQUIRE_MESSAGE(answer.status == 200, answer.body.dump());
  BOOST_TEST(answer.body["received_type"] == "Inquiry");
  BOOST_TEST(answer.body["path"] == kInquiryPath);
  BOOST_TEST(answer.body["case_number"] == "2026-000417");
  BOOST_TEST(answer.body["reason"] == "vehicle seen leaving robbery at 5th and Main");
  BOOST_TEST(answer.body["query"]["plate"] == "7ABC123");
  BOOST_TEST(answer.body["actor"]["user"] == "sgt1");
  BOOST_TEST(answer.body["actor"]["roles"] == nlohmann::json({"sergeant"}));
  BOOST_TEST(!answer.body["actor"]["session"].get<std::string>().empty());
  BOOST_TEST(answer.body["actor"]["client"].get<std::string>().rfind("127.0.0.1:", 0) == 0);

  const auto record = last_record([](const nlohmann::json& r) { return r["case_number"] == "2026-000417"; });
  BOOST_REQUIRE(!record.is_null());
  BOOST_TEST(record["category"] == "hitlist.browse");
  BOOST_TEST(record["outcome"] == "allowed");
  BOOST_TEST(record["reason"] == "vehicle seen leaving robbery at 5th and Main");
  BOOST_TEST(record["query"]["plate"] == "7ABC123");
  BOOST_TEST(record["actor"]["user"] == "sgt1");
  BOOST_TEST(record["actor"]["roles"] == nlohmann::json({"sergeant"}));
  BOOST_TEST(record["actor"]["client"] == answer.body["actor"]["client"]);
  BOOST_TEST(record["actor"]["session"] == answer.body["actor"]["session"]);
}

BOOST_AUTO_TEST_CASE(inquiries_without_a_case_number_or_a_real_reason_are_400_and_recorded) {
  const auto token = api().login("off1");
  const auto served_before = api().inquiries_served();
  struct Case {
    nlohmann::json body;
    std::string says;
  };
  std::vector<Case> cases = {
      {{{"reason", "robbery suspect vehicle"}}, "case or incident number"},
      {inquiry("", "robbery suspect vehicle"), "case or incident number"},
      {inquiry("#1", "robbery suspect vehicle"), "format"},
      {{{"case_number", "C-3001"}}, "needs a reason"},
      {inquiry("C-3001", ""), "needs a reason"},
      {inquiry("C-3001", "  "), "needs a reason"},
      {inquiry("C-3001", "42"), "says too little"},
  };
  for (const auto* placeholder : {"test", "n/a", "na", "none", ".", "-", "asdf", "xxx", " Test ", "N/A"})
    cases.push_back({inquiry("C-3001", placeholder), "placeholder"});
  for (const auto& c : cases) {
    const auto answer = api().send_json("POST", kInquiryPath, c.body, token);
    BOOST_TEST(answer.status == 400, c.body.dump());
    BOOST_TEST(answer.error_message().find(c.says) != std::string::npos, answer.error_message() << " / " << c.says);
  }
  BOOST_TEST(api().inquiries_served() == served_before);  // none reached the service

  const auto records = api().records();
  std::size_t refused = 0;
  for (const auto& record : records)
    if (record["actor"]["user"] == "off1" && record["category"] == "hitlist.browse" && record["outcome"] == "refused")
      ++refused;
  BOOST_TEST(refused >= cases.size());
  const auto placeholder = last_record([](const nlohmann::json& r) { return r["reason"] == "asdf"; });
  BOOST_REQUIRE(!placeholder.is_null());
  BOOST_TEST(placeholder["case_number"] == "C-3001");
  BOOST_TEST(placeholder["outcome"] == "refused");
  BOOST_TEST(placeholder["detail"].get<std::string>().find("placeholder") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(malformed_bodies_are_400_naming_the_field) {
  const auto token = api().manager_token();
  struct Case {
    std::string method, path, body, says;
  };
  const std::vector<Case> cases = {
      {"POST", "/api/v1/accounts", R"({"user": "x1", "roles": ["officer"],)", "not valid JSON"},
      {"POST", "/api/v1/accounts", R"(["user"])", "JSON object"},
      {"POST", "/api/v1/accounts", R"({"user": 7, "roles": ["officer"], "password": "p"})", "'user' must be a string"},
      {"POST", "/api/v1/accounts", R"({"user": "x1", "roles": "officer", "password": "p"})", "'roles' must be a list"},
      {"POST", "/api/v1/accounts", R"({"user": "x1", "roles": ["officer"], "password": "p", "admin": true})",
       "unknown field 'admin'"},
      {"POST", "/api/v1/accounts", R"({"roles": ["officer"], "password": "p"})", "'user' is required"},
      {"POST", "/api/v1/session", R"({"user": "pm", "password": ["x"]})", "'password' must be a string"},
      {"POST", "/api/v1/session", R"({"user": "pm", "password": "x", "remember": true})", "unknown field 'remember'"},
      {"POST", kInquiryPath, R"({"case_number": 12345, "reason": "robbery suspect"})", "'case_number' must be a string"},
      {"POST", kInquiryPath, R"({"case_number": "C-1", "reason": "robbery suspect", "query": "7ABC123"})",
       "'query' must be an object"},
      {"POST", kInquiryPath, "\xff\xfe{", "not valid JSON"},
      {"GET", "/api/v1/audit/report", "", "'year' is required"},
      {"GET", "/api/v1/audit/report?year=26", "", "four digits"},
  };
  for (const auto& c : cases) {
    const auto answer = api().send(c.method, c.path, c.body, token);
    BOOST_TEST(answer.status == 400, c.path << " " << c.body << ": " << answer.body.dump());
    BOOST_TEST(answer.error_message().find(c.says) != std::string::npos, answer.error_message() << " / " << c.says);
  }
  BOOST_TEST(api().send("GET", "/api/v1/health").status == 200);
}

BOOST_AUTO_TEST_CASE(huge_bodies_are_413_unknown_routes_404_and_wrong_methods_405) {
  const auto token = api().manager_token();
  const std::string huge(2 << 20, 'x');
  const auto answer = api().send("POST", kInquiryPath, huge, token);
  BOOST_TEST(answer.status == 413);
  BOOST_TEST(answer.body["error"]["code"] == "too_large");
  const auto missing = api().send("GET", "/api/v1/nothing-here", "", token);
  BOOST_TEST(missing.status == 404);
  BOOST_TEST(missing.body["error"]["code"] == "not_found");
  // The inquiry path exists, but takes POST only: 405 saying so, recorded like any refusal.
  const auto wrong_method = api().send("DELETE", kInquiryPath, "", token);
  BOOST_TEST(wrong_method.status == 405);
  BOOST_TEST(wrong_method.body["error"]["code"] == "method_not_allowed");
  BOOST_TEST(wrong_method.error_message().find("this path takes POST") != std::string::npos, wrong_method.error_message());
  BOOST_TEST(!last_record([](const nlohmann::json& r) {
                return r["target"] == "DELETE /api/v1/test/inquiry" && r["outcome"] == "refused";
              }).is_null());
  BOOST_TEST(api().send("GET", "/api/v1/health").status == 200);
  BOOST_TEST(!last_record([](const nlohmann::json& r) {
                return r["target"] == "POST /api/v1/test/inquiry" && r["outcome"] == "refused" &&
                       r["detail"].get<std::string>().find("larger than") != std::string::npos;
              }).is_null());
}

BOOST_AUTO_TEST_CASE(every_request_allowed_or_refused_leaves_a_record) {
  const auto token = api().login("inv1");
  const auto before = api().records().size();
  const std::vector<std::pair<std::string, std::string>> requests = {
      {"GET", "/api/v1/session"}, {"GET", "/api/v1/accounts"}, {"GET", "/api/v1/audit/verify"}};
  for (const auto& [method, path] : requests) api().send(method, path, "", token);
  api().send_json("POST", kInquiryPath, inquiry("C-4001", "stolen car report follow-up"), token);
  api().send_json("POST", kInquiryPath, inquiry("C-4001", "none"), token);
  // The five requests above, plus the export that reads them (recorded before it is answered).
  const auto records = api().records();
  std::size_t mine = 0;
  for (std::size_t i = before; i < records.size(); ++i) {
    const auto& record = records[i];
    if (record["actor"]["user"] != "inv1") continue;
    ++mine;
    BOOST_TEST(record["actor"]["roles"] == nlohmann::json({"investigator"}));
    BOOST_TEST(!record["actor"]["client"].get<std::string>().empty());
    BOOST_TEST(!record["category"].get<std::string>().empty());
    BOOST_TEST(!record["at"].get<std::string>().empty());
    BOOST_TEST(record["sequence"].get<long long>() > 0);
  }
  BOOST_TEST(mine == 5u);
}

BOOST_AUTO_TEST_CASE(accounts_management_goes_through_and_is_recorded) {
  auto& deployment = api();
  deployment.add_account("off9", "officer");
  const auto token = deployment.login("off9");
  const auto disabled =
      deployment.send_json("POST", "/api/v1/accounts/off9/disable", {{"reason", "left the unit"}}, deployment.manager_token());
  BOOST_REQUIRE_MESSAGE(disabled.status == 200, disabled.body.dump());
  BOOST_TEST(disabled.body["account"]["status"] == "disabled");
  BOOST_TEST(deployment.send("GET", "/api/v1/session", "", token).status == 401);  // its sessions ended
  const auto record = last_record([](const nlohmann::json& r) { return r["target"] == "account:off9" && r["category"] == "account.change"; });
  BOOST_REQUIRE(!record.is_null());
  BOOST_TEST(record["actor"]["user"] == "pm");
  BOOST_TEST(record["query"]["reason"] == "left the unit");
  const auto added = last_record([](const nlohmann::json& r) { return r["query"].value("user", "") == "off9"; });
  BOOST_REQUIRE(!added.is_null());
  BOOST_TEST(added.dump().find(kPassword) == std::string::npos);  // the new password is not in the trail
}

BOOST_AUTO_TEST_CASE(whoami_and_a_password_change_of_ones_own) {
  auto& deployment = api();
  deployment.add_account("tech2", "tech_services", "");
  const auto token = deployment.login("tech2");
  const auto me = deployment.send("GET", "/api/v1/session", "", token);
  BOOST_REQUIRE_EQUAL(me.status, 200);
  BOOST_TEST(me.body["user"] == "tech2");
  BOOST_TEST(me.body["roles"] == nlohmann::json({"tech_services"}));
  BOOST_TEST(me.body["clearance_expires"] == "");
  BOOST_TEST(!me.body["expires_at"].get<std::string>().empty());
  BOOST_TEST(me.body["client"].get<std::string>().rfind("127.0.0.1:", 0) == 0);

  const std::string fresh = "Another-Long-Passphrase-Here";
  const auto wrong_old = deployment.send_json("POST", "/api/v1/password",
                                              {{"old_password", "not-the-old-one"}, {"new_password", fresh}}, token);
  BOOST_TEST(wrong_old.status == 401);
  const auto too_short = deployment.send_json("POST", "/api/v1/password",
                                              {{"old_password", kPassword}, {"new_password", "short"}}, token);
  BOOST_TEST(too_short.status == 400, too_short.body.dump());
  const auto changed =
      deployment.send_json("POST", "/api/v1/password", {{"old_password", kPassword}, {"new_password", fresh}}, token);
  BOOST_TEST(changed.status == 200, changed.body.dump());
  deployment.login("tech2", fresh);
  const auto record = last_record([](const nlohmann::json& r) {
    return r["category"] == "password.change" && r["actor"]["user"] == "tech2" && r["outcome"] == "allowed";
  });
  BOOST_REQUIRE(!record.is_null());
  BOOST_TEST(record.dump().find(fresh) == std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_designee_grant_is_given_and_revoked) {
  auto& deployment = api();
  const auto& token = deployment.manager_token();
  const auto granted = deployment.send_json("PUT", "/api/v1/accounts/inv1/designee",
                                            {{"from", utc_date()}, {"to", utc_date(7)}}, token);
  BOOST_REQUIRE_MESSAGE(granted.status == 200, granted.body.dump());
  BOOST_TEST(granted.body["account"]["designee"]["to"] == utc_date(7));
  const auto bad = deployment.send_json("PUT", "/api/v1/accounts/inv1/designee", {{"from", "soon"}, {"to", "later"}}, token);
  BOOST_TEST(bad.status == 400, bad.body.dump());
  const auto revoked = deployment.send("DELETE", "/api/v1/accounts/inv1/designee", "", token);
  BOOST_REQUIRE_MESSAGE(revoked.status == 200, revoked.body.dump());
  BOOST_TEST(revoked.body["account"]["designee"].is_null());
  // A change the service refuses (400) leaves a "refused" record after its "allowed" one.
  const auto refused = last_record([](const nlohmann::json& r) {
    return r["target"] == "account:inv1" && r["outcome"] == "refused";
  });
  BOOST_REQUIRE(!refused.is_null());
  BOOST_TEST(refused["query"]["from"] == "soon");
  BOOST_TEST(!refused["detail"].get<std::string>().empty());
}

BOOST_AUTO_TEST_CASE(an_expired_clearance_is_403_for_inquiries_naming_the_date) {
  auto& deployment = api();
  deployment.add_account("off7", "officer");
  const auto token = deployment.login("off7");
  BOOST_TEST(deployment.send_json("POST", kInquiryPath, inquiry("C-6001", "robbery suspect vehicle"), token).status == 200);
  const auto lapsed = deployment.send_json("PATCH", "/api/v1/accounts/off7", {{"clearance_expires", utc_date(-1)}},
                                           deployment.manager_token());
  BOOST_REQUIRE_MESSAGE(lapsed.status == 200, lapsed.body.dump());
  const auto refused = deployment.send_json("POST", kInquiryPath, inquiry("C-6001", "robbery suspect vehicle"), token);
  BOOST_TEST(refused.status == 403);
  BOOST_TEST(refused.error_message().find(utc_date(-1)) != std::string::npos, refused.error_message());
  BOOST_TEST(deployment.send("GET", "/api/v1/session", "", token).status == 200);  // still logged in
}

BOOST_AUTO_TEST_CASE(hotlist_routes_answer_503_where_no_hotlist_service_is_wired) {
  // This deployment maps no `hotlist` call port: the routes exist, the service does not.
  const auto token = api().login("inv1");
  const auto answer = api().send_json(
      "POST", "/api/v1/hotplates",
      {{"entry", {{"plate", "7ABC123"}, {"category", "stolen-vehicle"}, {"reason", "stolen"}, {"list", "local"}}}}, token);
  BOOST_TEST(answer.status == 503, answer.body.dump());
  BOOST_TEST(answer.body["error"]["code"] == "unavailable");
  BOOST_TEST(answer.error_message().find("hotlist") != std::string::npos, answer.error_message());
  const auto browse = api().send_json("POST", "/api/v1/hits/browse", inquiry("C-7001", "stolen car follow-up", nlohmann::json::object()), token);
  BOOST_TEST(browse.status == 503, browse.body.dump());
  // Recorded as allowed, then failed (the service could not be reached: a 5xx).
  const auto failed = last_record([](const nlohmann::json& r) {
    return r["category"] == "hotplate.upload" && r["actor"]["user"] == "inv1" && r["outcome"] == "failed";
  });
  BOOST_TEST(!failed.is_null());
}

BOOST_AUTO_TEST_CASE(a_request_the_service_refuses_counts_once_in_the_report) {
  const auto token = api().manager_token();
  // The program manager's {allowed, refused, failed} of account.change in this year's report.
  const auto counts = [&] {
    const auto answer = api().send("GET", "/api/v1/audit/report?year=" + utc_date().substr(0, 4), "", token);
    BOOST_REQUIRE_MESSAGE(answer.status == 200, answer.body.dump());
    for (const auto& user : answer.body["summary"]["users"])
      if (user["user"] == kManager && user["categories"].contains("account.change")) {
        const auto& c = user["categories"]["account.change"];
        return std::array<int, 3>{c["allowed"].get<int>(), c["refused"].get<int>(), c["failed"].get<int>()};
      }
    return std::array<int, 3>{0, 0, 0};
  };
  const auto before = counts();
  // Allowed by the permission table, refused by the accounts service: no such account.
  BOOST_TEST(api().send("POST", "/api/v1/accounts/nosuch9/enable", "", token).status == 400);
  const auto after = counts();
  BOOST_TEST(after[0] == before[0], "allowed " << before[0] << " -> " << after[0]);
  BOOST_TEST(after[1] == before[1] + 1, "refused " << before[1] << " -> " << after[1]);
  // The record of the outcome names the record it follows.
  const auto records = api().records();
  const auto last = std::find_if(records.rbegin(), records.rend(), [](const nlohmann::json& r) {
    return r["target"] == "account:nosuch9" && r["outcome"] == "refused";
  });
  BOOST_REQUIRE(last != records.rend());
  BOOST_TEST(last->value("outcome_of", 0) > 0);
}
