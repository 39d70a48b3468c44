// The hot-list and alert routes (issue 5) through the real host with the real accounts, audit and
// match.hotlist plugins: who may upload, add, browse, delete and acknowledge; the inquiry rules on
// browsing; the upload route and its own size limit; the personal-data refusal; the disposition
// rules; and the audit record of every request in its category. Parts that need match.hotlist
// skip, saying so, when that plugin is not built; the API's own refusals are tested regardless.
#define BOOST_TEST_MODULE api_hotlist
#define BOOST_TEST_DYN_LINK
#include <fmt/format.h>

#include <boost/test/unit_test.hpp>
#include <map>
#include <thread>

#include "api_deployment.hpp"

using namespace platebus::test;
using namespace std::chrono_literals;

namespace {

constexpr std::size_t kUploadLimit = 4 << 20;  // this deployment's max_upload_bytes
constexpr const char* kCsvHeader = "plate,state,category,reason,list,case_number,expires\n";

struct Shared {
  Shared() {
    with_hotlist = hotlist_plugin_built();
    DeploymentOptions options;
    options.with_hotlist = with_hotlist;
    options.api_config = fmt::format("max_upload_bytes: {}, ", kUploadLimit);
    deployment = new ApiDeployment(options);
    for (const auto& [user, role] : kAccounts) deployment->add_account(user, role);
  }
  ~Shared() { delete deployment; }
  static inline ApiDeployment* deployment = nullptr;
  static inline bool with_hotlist = false;
  static inline const std::map<std::string, std::string> kAccounts = {
      {"off1", "officer"}, {"off2", "officer"}, {"inv1", "investigator"}, {"tech1", "tech_services"}};
};
BOOST_TEST_GLOBAL_FIXTURE(Shared);

ApiDeployment& api() { return *Shared::deployment; }

bool hotlist_available(const char* part) { return require_hotlist(Shared::with_hotlist, part); }

nlohmann::json inquiry(const std::string& case_number, const std::string& reason,
                       nlohmann::json query = nlohmann::json::object()) {
  return {{"case_number", case_number}, {"reason", reason}, {"query", std::move(query)}};
}

nlohmann::json plate_entry(const std::string& plate, const std::string& list) {
  return {
      {"entry",
       {{"plate", plate}, {"category", "stolen-vehicle"}, {"reason", "reported stolen overnight"}, {"list", list}}}};
}

// The records of `category` about `target` ("METHOD PATH"), oldest first.
std::vector<nlohmann::json> records_of(const std::string& category, const std::string& target) {
  std::vector<nlohmann::json> found;
  for (const auto& record : api().records())
    if (record["category"] == category && record["target"] == target) found.push_back(record);
  return found;
}

std::string outcomes(const std::vector<nlohmann::json>& records) {
  std::string text;
  for (const auto& record : records) text += (text.empty() ? "" : ",") + record["outcome"].get<std::string>();
  return text;
}

// A CSV of `rows` valid rows into `list`, plates P0000001...
std::string csv_of(std::size_t rows, const std::string& list) {
  std::string csv = kCsvHeader;
  for (std::size_t i = 0; i < rows; ++i)
    csv += fmt::format("P{:06},CA,stolen vehicle,reported stolen from a parking garage downtown,{},,\n", i, list);
  return csv;
}

}  // namespace

BOOST_AUTO_TEST_CASE(an_officer_may_not_upload_a_list_but_an_investigator_may) {
  const auto path = "/api/v1/hotlists/import?list=county&format=csv&mode=merge";
  const auto target = std::string("POST /api/v1/hotlists/import");
  const auto csv = csv_of(3, "");
  const auto refused = api().upload(path, csv, api().login("off1"));
  BOOST_TEST(refused.status == 403, refused.body.dump());
  BOOST_TEST(refused.error_message().find("hotlist.manage") != std::string::npos, refused.error_message());
  const auto records = records_of("hotlist.upload", target);
  BOOST_REQUIRE(!records.empty());
  const auto& record = records.back();
  BOOST_TEST(record["actor"]["user"] == "off1");
  BOOST_TEST(record["outcome"] == "refused");
  // Before the body was read as a file, the record holds no options: the refusal came first.
  BOOST_TEST(record.dump().find("reported stolen") == std::string::npos);

  if (!hotlist_available("an investigator's upload")) return;
  const auto accepted = api().upload(path, csv, api().login("inv1"));
  BOOST_REQUIRE_MESSAGE(accepted.status == 200, accepted.body.dump());
  BOOST_TEST(accepted.body["imported"] == 3);
  BOOST_TEST(accepted.body["lists"] == nlohmann::json({"county"}));
  const auto allowed = records_of("hotlist.upload", target).back();
  BOOST_TEST(allowed["actor"]["user"] == "inv1");
  BOOST_TEST(allowed["outcome"] == "allowed");
  BOOST_TEST(allowed["query"] ==
             nlohmann::json({{"list", "county"}, {"format", "csv"}, {"mode", "merge"}, {"bytes", csv.size()}}));
  BOOST_TEST(allowed.dump().find("reported stolen") == std::string::npos);  // never the content
}

BOOST_AUTO_TEST_CASE(an_officer_adds_a_plate_and_deletes_only_their_own) {
  const auto tech = api().login("tech1");
  // tech_services has neither hotlist.manage nor hotplate.add: refused before any service.
  const auto denied = api().send("DELETE", "/api/v1/hotlists/patrol/plates/OWN111", "", tech);
  BOOST_TEST(denied.status == 403, denied.body.dump());
  BOOST_TEST(outcomes(records_of("hotplate.delete", "DELETE /api/v1/hotlists/patrol/plates/OWN111")) == "refused");
  BOOST_TEST(api().send_json("POST", "/api/v1/hotplates", plate_entry("OWN111", "patrol"), tech).status == 403);

  if (!hotlist_available("adding and deleting plates")) return;
  const auto off1 = api().login("off1");
  const auto off2 = api().login("off2");
  const auto added = api().send_json("POST", "/api/v1/hotplates", plate_entry("OWN 111", "patrol"), off1);
  BOOST_REQUIRE_MESSAGE(added.status == 200, added.body.dump());
  BOOST_TEST(added.body["entry"]["plate"] == "OWN111");
  BOOST_TEST(added.body["entry"]["added_by"] == "off1");
  const auto add_record = records_of("hotplate.upload", "POST /api/v1/hotplates").back();
  BOOST_TEST(add_record["outcome"] == "allowed");
  BOOST_TEST(add_record["query"]["entry"]["plate"] == "OWN 111");

  // Another officer: hotlist.manage denied, hotplate.add allowed, so own_only, and the service refuses.
  const auto path = std::string("/api/v1/hotlists/patrol/plates/OWN111");
  const auto not_theirs = api().send("DELETE", path, "", off2);
  BOOST_TEST(not_theirs.status == 403, not_theirs.body.dump());
  BOOST_TEST(not_theirs.error_message().find("off1") != std::string::npos, not_theirs.error_message());
  auto records = records_of("hotplate.delete", "DELETE " + path);
  BOOST_REQUIRE(records.size() >= 2u);
  BOOST_TEST(records[records.size() - 2]["outcome"] == "allowed");
  BOOST_TEST(records[records.size() - 2]["query"]["own_only"] == true);
  BOOST_TEST(records.back()["outcome"] == "refused");  // the service's denial: refused, not failed
  BOOST_TEST(records.back()["actor"]["user"] == "off2");

  const auto own = api().send("DELETE", path, "", off1);
  BOOST_REQUIRE_MESSAGE(own.status == 200, own.body.dump());
  BOOST_TEST(own.body["deleted"] == 1);

  // An investigator deletes anyone's, with no ownership limit.
  BOOST_REQUIRE(api().send_json("POST", "/api/v1/hotplates", plate_entry("OWN222", "patrol"), off2).status == 200);
  const auto anyones = api().send("DELETE", "/api/v1/hotlists/patrol/plates/OWN222", "", api().login("inv1"));
  BOOST_TEST(anyones.status == 200, anyones.body.dump());
  BOOST_TEST(anyones.body["deleted"] == 1);
  const auto record = records_of("hotplate.delete", "DELETE /api/v1/hotlists/patrol/plates/OWN222").back();
  BOOST_TEST(record["actor"]["user"] == "inv1");
  BOOST_TEST(!record["query"].contains("own_only"));
}

BOOST_AUTO_TEST_CASE(deleting_a_whole_list_needs_hotlist_manage) {
  const auto refused = api().send("DELETE", "/api/v1/hotlists/gone", "", api().login("off1"));
  BOOST_TEST(refused.status == 403, refused.body.dump());
  BOOST_TEST(outcomes(records_of("hotlist.delete", "DELETE /api/v1/hotlists/gone")) == "refused");

  if (!hotlist_available("deleting a list")) return;
  const auto inv = api().login("inv1");
  BOOST_REQUIRE(api().upload("/api/v1/hotlists/import?list=gone", csv_of(2, ""), inv).status == 200);
  const auto deleted = api().send("DELETE", "/api/v1/hotlists/gone", "", inv);
  BOOST_TEST(deleted.status == 200, deleted.body.dump());
  BOOST_TEST(deleted.body["deleted"] == 2);
  BOOST_TEST(outcomes(records_of("hotlist.delete", "DELETE /api/v1/hotlists/gone")) == "refused,allowed");
}

BOOST_AUTO_TEST_CASE(browsing_lists_and_hits_is_an_inquiry) {
  const auto off1 = api().login("off1");
  struct Case {
    std::string path;
    nlohmann::json body;
    std::string says, category;
  };
  const std::vector<Case> cases = {
      {"/api/v1/hotlists/browse", {{"reason", "stolen car follow-up"}}, "case or incident number", "hotlist.browse"},
      {"/api/v1/hotlists/county/browse", inquiry("C-8001", "test"), "placeholder", "hotlist.browse"},
      {"/api/v1/hits/browse", inquiry("", "stolen car follow-up"), "case or incident number", "hitlist.browse"},
      {"/api/v1/hits/h-00/browse", inquiry("C-8001", "n/a"), "placeholder", "hitlist.browse"},
      {"/api/v1/hits/browse", inquiry("C-8001", "stolen car follow-up", {{"limit", "ten"}}), "'query.limit'",
       "hitlist.browse"},
      {"/api/v1/hotlists/county/browse", inquiry("C-8001", "stolen car follow-up", {{"plate", "X"}}),
       "unknown field 'query.plate'", "hotlist.browse"},
  };
  for (const auto& c : cases) {
    const auto answer = api().send_json("POST", c.path, c.body, off1);
    BOOST_TEST(answer.status == 400, c.path << " " << c.body.dump() << ": " << answer.body.dump());
    BOOST_TEST(answer.error_message().find(c.says) != std::string::npos, answer.error_message() << " / " << c.says);
    const auto records = records_of(c.category, "POST " + c.path);
    BOOST_REQUIRE_MESSAGE(!records.empty(), c.path);
    BOOST_TEST(records.back()["outcome"] == "refused");
    BOOST_TEST(records.back()["detail"].get<std::string>().find(c.says) != std::string::npos);
  }
  // tech_services may not inquire at all.
  BOOST_TEST(
      api()
          .send_json("POST", "/api/v1/hotlists/browse", inquiry("C-8001", "stolen car follow-up"), api().login("tech1"))
          .status == 403);

  if (!hotlist_available("browsing with a valid case and reason")) return;
  BOOST_REQUIRE(api().upload("/api/v1/hotlists/import?list=browsed", csv_of(5, ""), api().login("inv1")).status == 200);
  const auto lists =
      api().send_json("POST", "/api/v1/hotlists/browse", inquiry("C-8002", "stolen car follow-up"), off1);
  BOOST_REQUIRE_MESSAGE(lists.status == 200, lists.body.dump());
  const auto& all = lists.body["lists"];
  BOOST_TEST(
      std::any_of(all.begin(), all.end(), [](const auto& l) { return l["list"] == "browsed" && l["plates"] == 5; }));
  const auto shown = api().send_json("POST", "/api/v1/hotlists/browsed/browse",
                                     inquiry("C-8002", "stolen car follow-up", {{"offset", 1}, {"limit", 2}}), off1);
  BOOST_REQUIRE_MESSAGE(shown.status == 200, shown.body.dump());
  BOOST_TEST(shown.body["total"] == 5);
  BOOST_TEST(shown.body["plates"].size() == 2u);
  const auto record = records_of("hotlist.browse", "POST /api/v1/hotlists/browsed/browse").back();
  BOOST_TEST(record["outcome"] == "allowed");
  BOOST_TEST(record["case_number"] == "C-8002");
  BOOST_TEST(record["reason"] == "stolen car follow-up");
  BOOST_TEST(record["query"] == nlohmann::json({{"list", "browsed"}, {"offset", 1}, {"limit", 2}}));
}

BOOST_AUTO_TEST_CASE(an_upload_with_personal_data_is_refused_whole) {
  if (!hotlist_available("the personal-data refusal")) return;
  std::string csv = kCsvHeader;
  csv += "PII0001,CA,stolen vehicle,reported stolen overnight,,,\n";
  csv += "PII0002,CA,warrant,suspect DOB 03/14/1985,,,\n";  // line 3
  csv += "PII0003,CA,stolen vehicle,reported stolen overnight,,,\n";
  csv += "PII0004,CA,felony vehicle,stolen from 1200 Main St overnight,,,\n";  // line 5
  const auto path = std::string("/api/v1/hotlists/import?list=personal&format=csv");
  const auto refused = api().upload(path, csv, api().login("inv1"));
  BOOST_TEST(refused.status == 400, refused.body.dump());
  const auto message = refused.error_message();
  BOOST_TEST(message.find("personal or CLETS data") != std::string::npos, message);
  BOOST_TEST(message.find("line 3") != std::string::npos, message);
  BOOST_TEST(message.find("line 5") != std::string::npos, message);
  BOOST_TEST(message.find("line 2") == std::string::npos, message);
  // Nothing was imported: the list does not exist.
  const auto show = api().send_json("POST", "/api/v1/hotlists/personal/browse",
                                    inquiry("C-8003", "checking the refused upload"), api().login("inv1"));
  BOOST_TEST(show.status == 400, show.body.dump());
  const auto records = records_of("hotlist.upload", "POST /api/v1/hotlists/import");
  BOOST_REQUIRE(records.size() >= 2u);
  BOOST_TEST(records.back()["outcome"] == "refused");
  BOOST_TEST(records.back()["query"]["list"] == "personal");
  BOOST_TEST(records.back()["detail"].get<std::string>().find("line 3") != std::string::npos);
  BOOST_TEST(records[records.size() - 2]["outcome"] == "allowed");
}

BOOST_AUTO_TEST_CASE(uploads_have_their_own_size_limit) {
  const auto inv = api().login("inv1");
  // A 2 MiB JSON body is over max_body_bytes (1 MiB): 413, recorded in the route's category.
  const auto big_json = nlohmann::json{{"entry", {{"plate", "BIG0001"}, {"reason", std::string(2 << 20, 'r')}}}};
  const auto too_large = api().send_json("POST", "/api/v1/hotplates", big_json, inv);
  BOOST_TEST(too_large.status == 413, too_large.body.dump().substr(0, 300));
  BOOST_TEST(too_large.body["error"]["code"] == "too_large");
  BOOST_TEST(too_large.error_message().find("max_body_bytes") != std::string::npos, too_large.error_message());
  BOOST_TEST(records_of("hotplate.upload", "POST /api/v1/hotplates").back()["outcome"] == "refused");

  // Refusals made before the body is read: the client gets them, or, while still sending, sees
  // the connection close (status 0). Either way the refusal is on record.
  const auto refused_unread = [](const HttpAnswer& answer, int status, const char* category, const char* target) {
    BOOST_TEST((answer.status == status || answer.status == 0), answer.status << " " << answer.body.dump());
    const auto records = records_of(category, target);
    BOOST_REQUIRE(!records.empty());
    BOOST_TEST(records.back()["outcome"] == "refused");
    return records.back();
  };
  // Over max_upload_bytes: 413 naming that limit.
  const auto huge = api().upload("/api/v1/hotlists/import?list=huge", std::string(kUploadLimit + 1024, 'x'), inv);
  const auto huge_record = refused_unread(huge, 413, "hotlist.upload", "POST /api/v1/hotlists/import");
  BOOST_TEST(huge_record["detail"].get<std::string>().find("max_upload_bytes") != std::string::npos);

  // A large body is read only for a session allowed to take the route: nobody else can make the
  // server hold one. No session: 401; an officer (may not upload lists): 403.
  const auto anonymous = api().upload("/api/v1/hotlists/import?list=big", std::string(2 << 20, 'x'), "");
  BOOST_TEST(refused_unread(anonymous, 401, "hotlist.upload", "POST /api/v1/hotlists/import")["actor"]["user"] == "");
  const auto officer = api().upload("/api/v1/hotlists/import?list=big", std::string(2 << 20, 'x'),
                                    api().login("off1"));
  refused_unread(officer, 403, "hotlist.upload", "POST /api/v1/hotlists/import");
  const auto unread_json = api().send("POST", "/api/v1/hotplates", std::string(2 << 20, 'x'), "");
  refused_unread(unread_json, 413, "hotplate.upload", "POST /api/v1/hotplates");

  // A 2 MiB CSV passes the upload limit (without match.hotlist it then gets 503, never 413).
  auto csv = csv_of(30000, "");
  BOOST_REQUIRE(csv.size() > (2u << 20));
  const auto accepted = api().upload("/api/v1/hotlists/import?list=big&mode=replace", csv, inv);
  BOOST_TEST(accepted.status != 413, accepted.body.dump());
  if (!hotlist_available("importing the 2 MiB CSV")) return;
  BOOST_TEST(accepted.status == 200, accepted.body.dump());
  BOOST_TEST(accepted.body["imported"] == 30000);
}

BOOST_AUTO_TEST_CASE(acknowledging_a_hit_follows_the_disposition_rules) {
  const auto off1 = api().login("off1");
  // A body of the wrong kind is refused by the API, before any service.
  const auto wrong =
      api().send_json("POST", "/api/v1/hits/h-x/ack", {{"disposition", "misread"}, {"visually_verified", "yes"}}, off1);
  BOOST_TEST(wrong.status == 400, wrong.body.dump());
  BOOST_TEST(wrong.error_message().find("'visually_verified' must be true or false") != std::string::npos);
  // A program manager and tech services do not handle alerts.
  for (const auto* user : {kManager, "tech1"}) {
    const auto token = std::string(user) == kManager ? api().manager_token() : api().login(user);
    BOOST_TEST(api().send_json("POST", "/api/v1/hits/h-x/ack", {{"disposition", "misread"}}, token).status == 403,
               user);
  }
  BOOST_TEST(records_of("alert.disposition", "POST /api/v1/hits/h-x/ack").size() >= 3u);

  if (!hotlist_available("a real hit and its disposition")) return;
  BOOST_REQUIRE(
      api().send_json("POST", "/api/v1/hotplates", plate_entry("ACK4242", "alerts"), api().login("inv1")).status ==
      200);
  std::string hit_id;
  const auto deadline = std::chrono::steady_clock::now() + 10s;
  // The matcher takes the new plate within a second; publish until a read hits it.
  for (int attempt = 0; hit_id.empty() && std::chrono::steady_clock::now() < deadline; ++attempt) {
    api().publish_read(fmt::format("r-ack-{}", attempt), "ACK4242");
    std::this_thread::sleep_for(300ms);
    const auto hits = api().send_json("POST", "/api/v1/hits/browse",
                                      inquiry("C-8004", "checking the alert", {{"open_only", true}}), off1);
    BOOST_REQUIRE_MESSAGE(hits.status == 200, hits.body.dump());
    for (const auto& hit : hits.body["hits"])
      if (hit["plate"] == "ACK4242") hit_id = hit["hit_id"].get<std::string>();
  }
  BOOST_REQUIRE_MESSAGE(!hit_id.empty(), "no hit for ACK4242 within 10 s");
  const auto ack = "/api/v1/hits/" + hit_id + "/ack";

  const auto unverified =
      api().send_json("POST", ack, {{"disposition", "confirmed"}, {"visually_verified", true}}, off1);
  BOOST_TEST(unverified.status == 400, unverified.body.dump());
  BOOST_TEST(unverified.error_message().find("confirmed needs both") != std::string::npos, unverified.error_message());
  BOOST_TEST(outcomes(records_of("alert.disposition", "POST " + ack)) == "allowed,refused");

  const auto confirmed = api().send_json(
      "POST", ack,
      {{"disposition", "confirmed"}, {"visually_verified", true}, {"clets_confirmed", true}, {"note", "stopped"}},
      off1);
  BOOST_REQUIRE_MESSAGE(confirmed.status == 200, confirmed.body.dump());
  BOOST_TEST(confirmed.body["hit"]["disposition"]["disposition"] == "confirmed");
  BOOST_TEST(confirmed.body["hit"]["disposition"]["by"] == "off1");
  const auto record = records_of("alert.disposition", "POST " + ack).back();
  BOOST_TEST(record["outcome"] == "allowed");
  BOOST_TEST(record["query"]["disposition"] == "confirmed");
  BOOST_TEST(record["query"]["note"] == "stopped");

  const auto again = api().send_json("POST", ack, {{"disposition", "misread"}}, api().login("off2"));
  BOOST_TEST(again.status == 403, again.body.dump());  // already acknowledged
  BOOST_TEST(records_of("alert.disposition", "POST " + ack).back()["outcome"] == "refused");

  const auto shown =
      api().send_json("POST", "/api/v1/hits/" + hit_id + "/browse", inquiry("C-8004", "checking the alert"), off1);
  BOOST_REQUIRE_MESSAGE(shown.status == 200, shown.body.dump());
  BOOST_TEST(shown.body["hit"]["disposition"]["clets_confirmed"] == true);
  BOOST_TEST(records_of("hitlist.browse", "POST /api/v1/hits/" + hit_id + "/browse").back()["query"]["hit_id"] ==
             hit_id);
  const auto open = api().send_json("POST", "/api/v1/hits/browse",
                                    inquiry("C-8004", "checking the alert", {{"open_only", true}}), off1);
  for (const auto& hit : open.body["hits"]) BOOST_TEST(hit["hit_id"] != hit_id);
}

BOOST_AUTO_TEST_CASE(every_hotlist_request_leaves_its_record_in_its_category) {
  // tech_services may use none of these routes: each refusal is recorded under the route's category.
  const auto tech = api().login("tech1");
  struct Request {
    std::string method, path, category;
  };
  const std::vector<Request> requests = {
      {"POST", "/api/v1/hotlists/import", "hotlist.upload"},
      {"POST", "/api/v1/hotplates", "hotplate.upload"},
      {"POST", "/api/v1/hotlists/browse", "hotlist.browse"},
      {"POST", "/api/v1/hotlists/every/browse", "hotlist.browse"},
      {"DELETE", "/api/v1/hotlists/every/plates/EVR0001", "hotplate.delete"},
      {"DELETE", "/api/v1/hotlists/every", "hotlist.delete"},
      {"POST", "/api/v1/hits/browse", "hitlist.browse"},
      {"POST", "/api/v1/hits/h-every/browse", "hitlist.browse"},
      {"POST", "/api/v1/hits/h-every/ack", "alert.disposition"},
  };
  const auto before = api().records().size();
  for (const auto& request : requests) BOOST_TEST(api().send(request.method, request.path, "{}", tech).status == 403);
  const auto records = api().records();
  for (const auto& request : requests) {
    const auto target = request.method + " " + request.path;
    const auto found = std::find_if(records.begin() + static_cast<long>(before), records.end(),
                                    [&](const nlohmann::json& r) { return r["target"] == target; });
    BOOST_REQUIRE_MESSAGE(found != records.end(), "no record of " << target);
    BOOST_TEST((*found)["category"] == request.category, target);
    BOOST_TEST((*found)["outcome"] == "refused", target);
    BOOST_TEST((*found)["actor"]["user"] == "tech1", target);
  }
}
