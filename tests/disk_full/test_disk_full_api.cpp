// The real host behind the real API with one plugin's database on a full disk (a 5 MiB tmpfs):
// audited actions and hot-list uploads are refused with 503 (never a crash), the host keeps
// answering what needs no write, restarting on the still-full disk works, and once space returns
// everything works again.
#define BOOST_TEST_MODULE disk_full_api
#define BOOST_TEST_DYN_LINK
#define BOOST_TEST_NO_MAIN
#include "skip_main.hpp"

#include <functional>

#include <fmt/format.h>

#include "api_deployment.hpp"

using namespace platebus::test;

namespace {

constexpr std::size_t kDiskMiB = 5;

// About 3 KB of query terms: each record then needs a page of its own, so LMDB cannot serve it
// from pages freed by earlier commits.
nlohmann::json inquiry() {
  nlohmann::json query = {{"plate", "7ABC123"}};
  for (int i = 0; i < 6; ++i) query["note" + std::to_string(i)] = std::string(500, 'n');
  return {{"case_number", "C-5001"}, {"reason", "stolen vehicle follow-up"}, {"query", query}};
}

std::string csv_of(int rows, int first) {
  std::string csv = "plate,state,category,reason,list,case_number,expires\n";
  for (int i = first; i < first + rows; ++i)
    csv += fmt::format("P{:06},CA,stolen vehicle,reported stolen from a parking garage downtown,,,\n", i);
  return csv;
}

bool unavailable(const HttpAnswer& answer) {
  BOOST_TEST((answer.status == 200 || answer.status == 503), answer.status << " " << answer.body.dump());
  return answer.status == 503;
}

// Sends `send` until the full disk refuses it (it may succeed a few times first, on pages LMDB
// freed earlier); then a few more times: each is served or refused, and the host never goes away.
// Returns the first refusal.
HttpAnswer refused_while_full(const std::function<HttpAnswer()>& send) {
  HttpAnswer refused;
  for (int i = 0; i < 500 && refused.status != 503; ++i) {
    refused = send();
    BOOST_REQUIRE_MESSAGE(refused.status == 200 || refused.status == 503, refused.status << " " << refused.body.dump());
  }
  BOOST_REQUIRE_MESSAGE(refused.status == 503, "the full disk never refused a write");
  for (int i = 0; i < 5; ++i) unavailable(send());
  return refused;
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_full_audit_disk_refuses_audited_actions_until_space_returns) {
  SmallTmpfs disk(kDiskMiB);
  DeploymentOptions options;
  options.audit_database = disk / "audit";
  {
    ApiDeployment api(options);
    const auto token = api.login(kManager);
    BOOST_REQUIRE(api.send_json("POST", kInquiryPath, inquiry(), token).status == 200);
    disk.fill();
    std::size_t answered = 0;
    const auto refused = refused_while_full([&] {
      auto answer = api.send_json("POST", kInquiryPath, inquiry(), token);
      answered += answer.status == 200;
      return answer;
    });
    BOOST_TEST(refused.error_message().find("audit") != std::string::npos, refused.error_message());
    BOOST_TEST(api.inquiries_served() == 1 + answered);  // a refused inquiry never reached the service
    BOOST_TEST(api.send("GET", "/api/v1/health").status == 200);  // still serving what needs no write
  }
  {
    // Restarting while the disk is still full: the host comes up and serves or refuses; no crash.
    ApiDeployment api(options);
    BOOST_TEST(api.send("GET", "/api/v1/health").status == 200);
    unavailable(api.send_json("POST", "/api/v1/session", {{"user", kManager}, {"password", kPassword}}));
    disk.free_filler();
    const auto token = api.login(kManager);
    BOOST_TEST(api.send_json("POST", kInquiryPath, inquiry(), token).status == 200);
    const auto verified = api.send("GET", "/api/v1/audit/verify", "", token);
    BOOST_TEST(verified.status == 200, verified.body.dump());
    BOOST_TEST(verified.body.dump().find("\"intact\":true") != std::string::npos, verified.body.dump());
  }
}

BOOST_AUTO_TEST_CASE(a_full_hot_list_disk_refuses_uploads_until_space_returns) {
  SmallTmpfs disk(kDiskMiB);
  DeploymentOptions options;
  options.with_hotlist = true;
  options.hotlist_database = disk / "hotlist";
  ApiDeployment api(options);
  api.add_account("inv1", "investigator");
  const auto token = api.login("inv1");
  const auto path = "/api/v1/hotlists/import?list=county&format=csv&mode=merge";
  BOOST_REQUIRE(api.upload(path, csv_of(50, 0), token).status == 200);
  disk.fill();
  int batch = 0;
  refused_while_full([&] { return api.upload(path, csv_of(400, ++batch * 1000), token); });
  BOOST_TEST(api.send("GET", "/api/v1/health").status == 200);
  disk.free_filler();
  BOOST_TEST(api.upload(path, csv_of(400, 900'000), token).status == 200);
}
