// What the API does when something behind it fails or runs out: an idle session expires (401), an
// audit trail that cannot store the record refuses the action (503, the service never called),
// and so does an audit service that is not there at all.
#define BOOST_TEST_MODULE api_failures
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include <thread>

#include <fmt/format.h>

#include "api_deployment.hpp"

using namespace platebus::test;
using namespace std::chrono_literals;

namespace {

// `fields` query terms of 1000 bytes each besides the plate.
nlohmann::json inquiry(int fields = 0) {
  nlohmann::json query = {{"plate", "7ABC123"}};
  for (int i = 0; i < fields; ++i) query["note" + std::to_string(i)] = std::string(1000, 'p');
  return {{"case_number", "C-5001"}, {"reason", "stolen vehicle follow-up"}, {"query", query}};
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_session_idle_past_its_timeout_is_401) {
  DeploymentOptions options;
  options.accounts_config = "idle_timeout: 1s, session_lifetime: 1h, ";
  ApiDeployment api(options);
  const auto token = api.login(kManager);
  BOOST_TEST(api.send("GET", "/api/v1/session", "", token).status == 200);
  std::this_thread::sleep_for(1500ms);
  const auto expired = api.send("GET", "/api/v1/session", "", token);
  BOOST_TEST(expired.status == 401);
  BOOST_TEST(expired.body["error"]["code"] == "unauthenticated");
  BOOST_TEST(expired.error_message().find("expired") != std::string::npos, expired.error_message());
}

BOOST_AUTO_TEST_CASE(an_audit_trail_that_cannot_store_the_record_refuses_the_action) {
  // A 1 MiB audit database fills after some hundred inquiries whose records keep 8 KiB of query
  // terms each (kRecordedQueryBytes; the rest is left out of the record).
  DeploymentOptions options;
  options.audit_config = "map_size_mib: 1, ";
  ApiDeployment api(options);
  const auto token = api.login(kManager);
  int answered = 0;
  HttpAnswer last;
  for (int i = 0; i < 1000; ++i) {
    last = api.send_json("POST", kInquiryPath, inquiry(30), token);
    if (last.status != 200) break;
    ++answered;
  }
  BOOST_REQUIRE_MESSAGE(last.status == 503, "expected the audit store to fill up; last status " << last.status << " "
                                                                                                << last.error_message());
  BOOST_TEST(last.body["error"]["code"] == "unavailable");
  BOOST_TEST(last.error_message().find("audit") != std::string::npos, last.error_message());
  BOOST_TEST(api.inquiries_served() == static_cast<std::size_t>(answered));  // the refused one never reached it
  // Still full: a small inquiry is refused too, and not served.
  BOOST_TEST(api.send_json("POST", kInquiryPath, inquiry(30), token).status == 503);
  BOOST_TEST(api.inquiries_served() == static_cast<std::size_t>(answered));
}

BOOST_AUTO_TEST_CASE(without_an_audit_service_nothing_is_performed) {
  ApiDeployment api;
  const auto token = api.login(kManager);
  BOOST_TEST(api.send_json("POST", kInquiryPath, inquiry(), token).status == 200);
  BOOST_TEST(api.inquiries_served() == 1u);

  // The same deployment without its audit instance: the api keeps running, the audit is gone.
  DeploymentOptions without_audit;
  without_audit.with_audit = false;
  write_file(api.file(), deployment_yaml(api.dir(), without_audit));
  platebus::host::Diagnostics diagnostics;
  BOOST_REQUIRE_MESSAGE(api.host().reload(api.file(), diagnostics), diagnostics.to_string());

  const auto refused = api.send_json("POST", kInquiryPath, inquiry(), token);
  BOOST_TEST(refused.status == 503);
  BOOST_TEST(refused.error_message().find("no instance serves 'audit'") != std::string::npos, refused.error_message());
  BOOST_TEST(api.inquiries_served() == 1u);
  // A login cannot be recorded either, so there is none.
  const auto login = api.send_json("POST", "/api/v1/session", {{"user", kManager}, {"password", kPassword}});
  BOOST_TEST(login.status == 503);
  BOOST_TEST(!login.body.contains("token"));
  // Account changes are refused alike.
  const auto add = api.send_json("POST", "/api/v1/accounts",
                                 {{"user", "x2"}, {"roles", {"tech_services"}}, {"password", kPassword}}, token);
  BOOST_TEST(add.status == 503);
}
