// match.hotlist through the real host: reads raise hits with every field, labelled by how they
// matched; expired entries never match; refinements of one pass alert once per entry; uploads,
// deletes and dispositions through the `hotlist` service, with their rules; malformed requests.
#define BOOST_TEST_MODULE hotlist_plugin
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include <unistd.h>

#include <fmt/format.h>

#include "hit_store.hpp"
#include "hotlist_host.hpp"
#include "hotlist_settings.hpp"
#include "hotlist_store.hpp"
#include "hotlist_test_support.hpp"

using namespace hotlist_test;
using namespace platebus;
using namespace platebus::hotlist;
using namespace std::chrono_literals;

namespace {

HotPlateEntry entry(const std::string& plate, const std::string& list = "stolen-2026", const std::string& added_by = "ofc.lee") {
  auto e = hot_entry(plate, list, now_utc());
  e.source = "upload";
  e.added_by = added_by;
  return e;
}

// Writes the entries before the host starts: LMDB allows one environment per folder and process.
void seed(const std::filesystem::path& database, const std::vector<HotPlateEntry>& entries) {
  HotlistStore store(database);
  store.import(entries);
}

double seconds_between(Timestamp from, Timestamp to) { return std::chrono::duration<double>(to - from).count(); }

nlohmann::json only_hit(const std::vector<nlohmann::json>& hits) {
  BOOST_REQUIRE_EQUAL(hits.size(), 1u);
  return hits.front();
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_hot_plate_raises_a_hit_with_every_field_within_a_second) {
  HotlistHost host;
  auto wanted = entry("7ABC123");
  wanted.state = "CA";
  wanted.case_number = "26-0042";
  wanted.priority = 2;
  wanted.vehicle = {"Honda", "Civic", "grey"};
  wanted.expires_at = now_utc() + std::chrono::days(30);
  seed(host.database(), {wanted, entry("4XYZ982")});
  host.start();

  const auto captured = host.publish("read-1", "7ABC123", {"7ABC12B"});
  const auto hit = only_hit(host.wait_for_hits(1));
  const auto latency = seconds_between(captured, parse_iso8601(hit["arrived_at"].get<std::string>()));
  BOOST_TEST_MESSAGE("read to hit at the subscriber: " << latency * 1000 << " ms");
  BOOST_TEST(latency < 1.0);

  const auto& h = hit["header"];
  BOOST_TEST(h["type"] == "Hit");
  BOOST_TEST(h["hit_id"].get<std::string>().size() == 18u);
  BOOST_TEST(h["hit_id"].get<std::string>().starts_with("h-"));
  BOOST_TEST(h["match_kind"] == "exact");
  BOOST_TEST(h["matched_text"] == "7ABC123");
  BOOST_TEST(h["notice"] == kDefaultNotice);
  const auto& plate = h["hot_plate"];
  BOOST_TEST(plate["plate"] == "7ABC123");
  BOOST_TEST(plate["state"] == "CA");
  BOOST_TEST(plate["category"] == "stolen_vehicle");
  BOOST_TEST(plate["reason"] == "stolen from lot 4");
  BOOST_TEST(plate["list"] == "stolen-2026");
  BOOST_TEST(plate["case_number"] == "26-0042");
  BOOST_TEST(plate["priority"] == 2);
  BOOST_TEST(plate["vehicle"] == nlohmann::json({{"make", "Honda"}, {"model", "Civic"}, {"colour", "grey"}}));
  BOOST_TEST(plate["expires"].get<std::string>().size() == 10u);
  BOOST_TEST(plate["added_by"] == "ofc.lee");
  BOOST_TEST(h["read"]["read_id"] == "read-1");
  BOOST_TEST(h["read"]["camera"] == "cam-test");
  BOOST_TEST(h["read"]["text"] == "7ABC123");
  // The images travel as parts: the plate crop (120x40 gray) and the overview (64x36 colour).
  std::map<std::string, std::size_t> roles;
  for (std::size_t i = 0; i < h["parts"].size(); ++i)
    roles[h["parts"][i]["role"].get<std::string>()] = hit["part_sizes"][i].get<std::size_t>();
  BOOST_TEST(roles["plate_crop"] == 120u * 40u);
  BOOST_TEST(roles["overview"] == 64u * 36u * 3u);
}

BOOST_AUTO_TEST_CASE(alternative_and_confusable_matches_are_labelled) {
  HotlistHost host;
  seed(host.database(), {entry("4XYZ982"), entry("8OB1234")});
  host.start();
  host.publish("read-alt", "4XYZ9S2", {"4XYZ982"});
  host.publish("read-conf", "B0B1234");
  host.publish("read-miss", "4XYZ983", {"4XYZ984"});
  auto hits = host.wait_for_hits(2);
  std::this_thread::sleep_for(300ms);  // a third (wrong) hit would have arrived by now
  hits = host.hits();
  BOOST_REQUIRE_EQUAL(hits.size(), 2u);
  std::map<std::string, nlohmann::json> by_read;
  for (const auto& hit : hits) by_read[hit["header"]["read"]["read_id"].get<std::string>()] = hit["header"];
  BOOST_TEST(by_read.at("read-alt")["match_kind"] == "alternative");
  BOOST_TEST(by_read.at("read-alt")["matched_text"] == "4XYZ982");
  BOOST_TEST(by_read.at("read-conf")["match_kind"] == "confusable");
  BOOST_TEST(by_read.at("read-conf")["matched_text"] == "B0B1234");
  BOOST_TEST(by_read.at("read-conf")["hot_plate"]["plate"] == "8OB1234");
}

BOOST_AUTO_TEST_CASE(confusable_and_alternative_matching_can_be_turned_off) {
  HotlistHost host("match_confusables: false, match_alternatives: false, ");
  seed(host.database(), {entry("4XYZ982"), entry("8OB1234")});
  host.start();
  host.publish("read-alt", "4XYZ9S2", {"4XYZ982"});
  host.publish("read-conf", "B0B1234");
  host.publish("read-exact", "8OB1234");
  const auto hits = host.wait_for_hits(1);
  std::this_thread::sleep_for(300ms);
  BOOST_REQUIRE_EQUAL(host.hits().size(), 1u);
  BOOST_TEST(hits[0]["header"]["read"]["read_id"] == "read-exact");
}

BOOST_AUTO_TEST_CASE(an_entry_that_expired_yesterday_never_matches) {
  HotlistHost host;
  auto expired = entry("6EXP001");
  expired.expires_at = now_utc() - std::chrono::days(1);
  seed(host.database(), {expired, entry("6LIV001")});
  host.start();
  host.publish("read-expired", "6EXP001");
  host.publish("read-live", "6LIV001");
  host.wait_for_hits(1);
  std::this_thread::sleep_for(300ms);
  const auto hit = only_hit(host.hits());
  BOOST_TEST(hit["header"]["read"]["read_id"] == "read-live");
}

BOOST_AUTO_TEST_CASE(expired_entries_are_purged_and_audited_only_when_configured) {
  HotlistHost host("purge_expired_after: 1d, ");
  auto long_expired = entry("6OLD001", "old");
  long_expired.expires_at = now_utc() - std::chrono::days(2);
  auto just_expired = entry("6OLD002", "old");
  just_expired.expires_at = now_utc() - std::chrono::hours(1);
  seed(host.database(), {long_expired, just_expired, entry("6LIV001", "old")});
  host.start();
  BOOST_REQUIRE(platebus::test::wait_until([&] { return !host.audit_events().empty(); }, 5s));
  const auto event = host.audit_events().at(0);
  BOOST_TEST(event["category"] == "hotplate.delete");
  BOOST_TEST(event["actor"]["user"] == "system");
  BOOST_TEST(event["target"] == "hotlist:old");
  BOOST_TEST(event["query"]["plates"] == 1);
  BOOST_TEST(event["outcome"] == "allowed");
  const auto shown = host.call({{"type", "HotlistShow"}, {"list", "old"}});
  BOOST_TEST(shown.reply["total"] == 2);  // the one expired for an hour stays until it is a day old
  BOOST_TEST(shown.reply["plates"][0]["plate"] == "6LIV001");
  BOOST_TEST(shown.reply["plates"][1]["plate"] == "6OLD002");
}

BOOST_AUTO_TEST_CASE(hits_past_their_retention_are_purged_and_audited) {
  HotlistHost host("hit_retention: 400d, ");
  {
    HitStore hits(host.database());
    const auto days_ago = [](int days) { return now_utc() - std::chrono::days(days); };
    hits.add({{"hit_id", "h-three-years-old"}}, days_ago(3 * 365));
    hits.add({{"hit_id", "h-401-days-old"}}, days_ago(401));
    hits.add({{"hit_id", "h-399-days-old"}}, days_ago(399));
    hits.add({{"hit_id", "h-from-today"}}, now_utc());
  }
  host.start();
  BOOST_REQUIRE(platebus::test::wait_until([&] { return !host.audit_events().empty(); }, 5s));
  const auto event = host.audit_events().at(0);
  BOOST_TEST(event["category"] == "retention.purge");
  BOOST_TEST(event["actor"]["user"] == "system");
  BOOST_TEST(event["target"] == "hits");
  BOOST_TEST(event["query"]["hits"] == 2);
  for (const char* gone : {"h-three-years-old", "h-401-days-old"})
    BOOST_TEST(host.call({{"type", "HitShow"}, {"hit_id", gone}}).status == "invalid", gone);
  for (const char* kept : {"h-399-days-old", "h-from-today"})
    BOOST_TEST(host.call({{"type", "HitShow"}, {"hit_id", kept}}).status == "ok", kept);
}

BOOST_AUTO_TEST_CASE(a_hit_retention_below_a_year_is_refused) {
  const auto dir = std::filesystem::temp_directory_path() / fmt::format("platebus-hit-retention-{}", ::getpid());
  std::filesystem::create_directories(dir);
  // Below a year the host refuses the deployment before the plugin runs (the key's declared minimum,
  // issue 18); a year exactly is accepted.
  auto start_with = [&](const std::string& retention, platebus::host::Diagnostics& diagnostics) {
    const auto file = platebus::test::write_file(
        dir / "deployment.yaml",
        fmt::format("plugin_path: [{}]\ninstances:\n  - id: hotlist\n    use: match.hotlist\n"
                    "    config: {{hit_retention: {}, database: {}}}\n",
                    PLATEBUS_HOTLIST_TEST_PLUGIN_DIR, retention, (dir / "db").string()));
    platebus::host::Host host;
    if (!host.start(file, diagnostics)) return false;
    const bool running = platebus::test::wait_until(
        [&] { return host.instance("hotlist")->state() == platebus::host::InstanceState::running; }, 5s);
    host.stop();
    return running;
  };
  platebus::host::Diagnostics refused, accepted;
  BOOST_TEST(!start_with("364d", refused));
  BOOST_TEST(refused.to_string().find("'hit_retention' of plugin 'match.hotlist' is 364d; give at least 365d") !=
                 std::string::npos,
             refused.to_string());
  BOOST_TEST(start_with("365d", accepted), accepted.to_string());
  std::filesystem::remove_all(dir);
}

BOOST_AUTO_TEST_CASE(a_refinement_alerts_once_per_entry) {
  HotlistHost host;
  seed(host.database(), {entry("7ABC123"), entry("7ABC128")});
  host.start();
  host.publish("pass-1", "7ABC123");
  host.wait_for_hits(1);
  host.publish("pass-1", "7ABC123");                 // the same text again: no second alert
  host.publish("pass-1", "7ABC128", {"7ABC123"});    // a better text that names another entry: one new hit
  host.publish("pass-2", "7ABC123");                 // another car pass: a new hit
  host.wait_for_hits(3);
  std::this_thread::sleep_for(300ms);
  const auto hits = host.hits();
  BOOST_REQUIRE_EQUAL(hits.size(), 3u);
  BOOST_TEST(hits[1]["header"]["read"]["read_id"] == "pass-1");
  BOOST_TEST(hits[1]["header"]["hot_plate"]["plate"] == "7ABC128");
  BOOST_TEST(hits[2]["header"]["read"]["read_id"] == "pass-2");
}

BOOST_AUTO_TEST_CASE(an_upload_matches_within_a_second_beside_a_million_plates) {
  HotlistHost host;
  {
    std::vector<HotPlateEntry> bulk;
    bulk.reserve(1'000'000);
    const std::string symbols = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    for (std::size_t i = 0; i < 1'000'000; ++i) {
      std::string plate = "X";
      for (std::size_t n = i, k = 0; k < 6; ++k, n /= 36) plate += symbols[n % 36];
      bulk.push_back(entry(plate, "bulk"));
    }
    bulk.push_back(entry("4HKM397", "bulk"));  // no confusable character: exactly one entry matches it
    seed(host.database(), bulk);
  }
  // Load at start: reads wait in the queue until the million plates are in the matcher.
  const auto starting = now_utc();
  host.start();
  host.publish("bulk-probe", "4HKM397");
  const auto loaded = host.wait_for_hits(1, 5s);
  BOOST_REQUIRE_EQUAL(loaded.size(), 1u);
  const auto load = seconds_between(starting, parse_iso8601(loaded[0]["arrived_at"].get<std::string>()));
  BOOST_TEST_MESSAGE("start with 1M plates to the first hit: " << load * 1000 << " ms");
  BOOST_TEST(load < 2.0);

  const std::string csv =
      "plate,state,category,reason,list,case_number,expires\n"
      "5NEW123,CA,stolen_vehicle,stolen from lot 4,new-list,26-0042,\n"
      "5NEW124,,felony_vehicle,fled a traffic stop,new-list,,\n"
      "5NEW123,CA,stolen_vehicle,stolen from lot 5,new-list,26-0042,\n";
  const auto answer = host.call({{"type", "HotlistImport"}, {"format", "csv"}, {"content", csv}});
  const auto imported_at = now_utc();
  BOOST_REQUIRE_MESSAGE(answer.status == "ok", answer.error);
  BOOST_TEST(answer.reply["imported"] == 2);
  BOOST_TEST(answer.reply["merged_duplicates"] == 1);
  BOOST_TEST(answer.reply["lists"] == nlohmann::json({"new-list"}));

  // Ask every 20 ms until the new plate matches.
  for (int i = 0; i < 150 && host.hits().size() < 2; ++i) {
    host.publish("probe-" + std::to_string(i), "5NEW123");
    std::this_thread::sleep_for(20ms);
  }
  const auto hits = host.wait_for_hits(2, 1s);
  BOOST_REQUIRE_EQUAL(hits.size(), 2u);
  const auto& hit = hits[1]["header"];
  const auto delay = seconds_between(imported_at, parse_iso8601(hit["read"]["captured_at"].get<std::string>()));
  BOOST_TEST_MESSAGE("upload acknowledged to first match (1M plates in the index): " << delay * 1000 << " ms");
  BOOST_TEST(delay < 1.0);
  BOOST_TEST(hit["hot_plate"]["plate"] == "5NEW123");
  BOOST_TEST(hit["hot_plate"]["reason"] == "stolen from lot 5");  // the later duplicate row won
}

BOOST_AUTO_TEST_CASE(personal_data_is_refused_with_its_rows) {
  HotlistHost host;
  host.start();
  const std::string csv =
      "plate,state,category,reason,list,case_number,expires\n"
      "7ABC123,CA,stolen_vehicle,stolen from lot 4,bolo,,\n"
      "7ABC124,CA,stolen_vehicle,registered owner John Smith,bolo,,\n"
      "7ABC125,CA,warrant,DOB 03/14/1985,bolo,,\n";
  const auto answer = host.call({{"type", "HotlistImport"}, {"format", "csv"}, {"content", csv}});
  BOOST_TEST(answer.status == "invalid");
  BOOST_TEST(answer.error.starts_with("personal or CLETS data"), answer.error);
  BOOST_TEST(answer.error.find("line 3, reason") != std::string::npos, answer.error);
  BOOST_TEST(answer.error.find("[person_name]") != std::string::npos, answer.error);
  BOOST_TEST(answer.error.find("line 4, reason") != std::string::npos, answer.error);
  BOOST_TEST(answer.error.find("[date_of_birth]") != std::string::npos, answer.error);
  BOOST_TEST(answer.error.find("line 2") == std::string::npos, answer.error);
  BOOST_TEST(host.call({{"type", "HotlistList"}}).reply["lists"].empty());  // nothing half-imported

  const auto single = host.call({{"type", "HotplateAdd"},
                                 {"entry", {{"plate", "7ABC126"}, {"category", "bolo"}, {"list", "bolo"},
                                            {"reason", "see NCIC record V123456789"}}}});
  BOOST_TEST(single.status == "invalid");
  BOOST_TEST(single.error.starts_with("personal or CLETS data: entry.reason"), single.error);
}

BOOST_AUTO_TEST_CASE(deletes_respect_ownership_and_stop_matching) {
  HotlistHost host;
  host.start();
  auto add = [&](const std::string& plate, const std::string& user) {
    const auto answer = host.call({{"type", "HotplateAdd"},
                                   {"entry", {{"plate", plate}, {"category", "bolo"}, {"list", "bolo"},
                                              {"reason", "seen at the robbery"}, {"expires", "2099-12-31"}}}},
                                  user);
    BOOST_REQUIRE_MESSAGE(answer.status == "ok", answer.error);
    BOOST_TEST(answer.reply["entry"]["added_by"] == user);
  };
  add("1aaa-111", "ofc.a");
  add("2BBB222", "ofc.b");
  add("3CCC333", "ofc.b");

  auto refused = host.call({{"type", "HotplateDelete"}, {"list", "bolo"}, {"plate", "2BBB222"}, {"own_only", true}}, "ofc.a");
  BOOST_TEST(refused.status == "denied");
  BOOST_TEST(refused.error.find("added by 'ofc.b'") != std::string::npos, refused.error);
  auto own = host.call({{"type", "HotplateDelete"}, {"list", "bolo"}, {"plate", "1AAA111"}, {"own_only", true}}, "ofc.a");
  BOOST_TEST(own.status == "ok", own.error);
  BOOST_TEST(own.reply["deleted"] == 1);
  auto managed = host.call({{"type", "HotplateDelete"}, {"list", "bolo"}, {"plate", "3CCC333"}}, "sgt.m");
  BOOST_TEST(managed.reply["deleted"] == 1);

  const auto shown = host.call({{"type", "HotlistShow"}, {"list", "bolo"}});
  BOOST_REQUIRE_MESSAGE(shown.status == "ok", shown.error);
  BOOST_TEST(shown.reply["total"] == 1);
  BOOST_TEST(shown.reply["plates"].size() == 1u);
  BOOST_TEST(shown.reply["plates"][0]["plate"] == "2BBB222");
  BOOST_TEST(shown.reply["plates"][0]["expires_at"] == "2100-01-01T00:00:00.000000Z");

  std::this_thread::sleep_for(1s);  // the index may take up to a second to follow
  host.publish("r-deleted", "1AAA111");
  host.publish("r-kept", "2BBB222");
  host.wait_for_hits(1);
  const auto whole = host.call({{"type", "HotlistDelete"}, {"list", "bolo"}}, "sgt.m");
  BOOST_TEST(whole.reply["deleted"] == 1);
  BOOST_TEST(host.call({{"type", "HotlistList"}}).reply["lists"].empty());
  std::this_thread::sleep_for(1s);
  host.publish("r-after", "2BBB222");
  std::this_thread::sleep_for(300ms);
  const auto hit = only_hit(host.hits());
  BOOST_TEST(hit["header"]["read"]["read_id"] == "r-kept");
}

BOOST_AUTO_TEST_CASE(dispositions_follow_the_rules) {
  HotlistHost host;
  seed(host.database(), {entry("7ABC123")});
  host.start();
  host.publish("read-1", "7ABC123");
  const auto hit_id = only_hit(host.wait_for_hits(1))["header"]["hit_id"].get<std::string>();
  // The record follows the alert: wait until the hit is listed.
  BOOST_REQUIRE(platebus::test::wait_until(
      [&] { return host.call({{"type", "HitShow"}, {"hit_id", hit_id}}).status == "ok"; }, 2s));

  const nlohmann::json ack = {{"type", "HitAcknowledge"}, {"hit_id", hit_id}, {"disposition", "confirmed"},
                              {"visually_verified", true}, {"clets_confirmed", false}};
  auto half = host.call(ack, "ofc.nguyen");
  BOOST_TEST(half.status == "invalid");
  BOOST_TEST(half.error.starts_with("confirmed needs both visually_verified and clets_confirmed"), half.error);
  BOOST_TEST(host.call({{"type", "HitList"}, {"open_only", true}}).reply["hits"].size() == 1u);

  auto full = ack;
  full["clets_confirmed"] = true;
  full["note"] = "stopped at 5th and Main";
  const auto stored = host.call(full, "ofc.nguyen");
  BOOST_REQUIRE_MESSAGE(stored.status == "ok", stored.error);
  BOOST_TEST(stored.reply["hit"]["disposition"]["disposition"] == "confirmed");
  BOOST_TEST(stored.reply["hit"]["disposition"]["by"] == "ofc.nguyen");

  const auto shown = host.call({{"type", "HitShow"}, {"hit_id", hit_id}});
  BOOST_TEST(shown.reply["hit"]["disposition"]["note"] == "stopped at 5th and Main");
  BOOST_TEST(shown.reply["hit"]["disposition"]["visually_verified"] == true);
  BOOST_TEST(shown.reply["hit"]["hot_plate"]["plate"] == "7ABC123");
  BOOST_TEST(!shown.reply["hit"].contains("parts"));
  const auto listed = host.call({{"type", "HitList"}});
  BOOST_REQUIRE_EQUAL(listed.reply["hits"].size(), 1u);
  BOOST_TEST(listed.reply["hits"][0]["hit_id"] == hit_id);
  BOOST_TEST(listed.reply["hits"][0]["match_kind"] == "exact");
  BOOST_TEST(listed.reply["hits"][0]["camera"] == "cam-test");
  BOOST_TEST(listed.reply["hits"][0]["disposition"]["disposition"] == "confirmed");
  BOOST_TEST(host.call({{"type", "HitList"}, {"open_only", true}}).reply["hits"].empty());

  auto again = full;
  again["disposition"] = "misread";
  const auto second = host.call(again, "sgt.m");
  BOOST_TEST(second.status == "denied");
  BOOST_TEST(second.error.find("already acknowledged as 'confirmed' by 'ofc.nguyen'") != std::string::npos, second.error);
  auto unknown = full;
  unknown["hit_id"] = "h-0000000000000000";
  BOOST_TEST(host.call(unknown).status == "invalid");
}

BOOST_AUTO_TEST_CASE(malformed_requests_are_invalid_naming_the_field) {
  HotlistHost host;
  host.start();
  struct Case {
    nlohmann::json request;
    std::string says;
  };
  const std::vector<Case> cases = {
      {{{"type", "HotlistBurn"}}, "type: 'HotlistBurn' is not a request of the hotlist service"},
      {{{"type", "HotlistImport"}, {"format", "csv"}}, "content: missing"},
      {{{"type", "HotlistImport"}, {"format", "xml"}, {"content", "x"}}, "format: 'xml'"},
      {{{"type", "HotlistImport"}, {"format", "csv"}, {"content", ""}}, "refused, nothing was imported"},
      {{{"type", "HotlistImport"}, {"format", "csv"}, {"content", std::string("plate\0x", 7)}}, "NUL"},
      {{{"type", "HotlistImport"}, {"format", "csv"}, {"content", "plate;state;category;reason;list;case_number;expires\n"
                                                                  "7ABC123;CA;bolo;seen;x;;\n"}}, "semicolon"},
      {{{"type", "HotlistImport"}, {"format", "csv"}, {"content", "a,b\n"}, {"mode", "wipe"}}, "mode: 'wipe'"},
      {{{"type", "HotlistImport"}, {"format", "state_extract"}, {"content", "7ABC123|CA|bolo|seen||\n"}}, "list: required"},
      {{{"type", "HotplateAdd"}, {"entry", "7ABC123"}}, "entry: must be an object"},
      {{{"type", "HotplateAdd"}, {"entry", {{"plate", "7ABC123"}, {"category", "bolo"}, {"list", "x"}}}}, "reason: required"},
      {{{"type", "HotplateAdd"}, {"entry", {{"plate", "7ABC123"}, {"owner", "x"}}}}, "entry.owner: not a hot-plate field"},
      {{{"type", "HotplateAdd"}, {"entry", {{"plate", "7A$C123"}, {"category", "bolo"}, {"list", "x"}, {"reason", "r"}}}}, "entry.plate"},
      {{{"type", "HotplateAdd"}, {"entry", {{"plate", "7ABC123"}, {"category", "bolo"}, {"list", "x"}, {"reason", "seen"},
                                           {"expires", "2020-01-01"}}}}, "entry.expires: the date is past"},
      {{{"type", "HotlistShow"}, {"list", "x"}, {"limit", 0}}, "limit: must be a whole number from 1 to 1000"},
      {{{"type", "HotlistShow"}, {"list", "nope"}}, "there is no hot list 'nope'"},
      {{{"type", "HotplateDelete"}, {"list", "x"}, {"plate", "!!"}}, "plate:"},
      {{{"type", "HotplateDelete"}, {"list", "x"}, {"plate", "7ABC123"}, {"own_only", "yes"}}, "own_only: must be true or false"},
      {{{"type", "HotlistDelete"}, {"list", 7}}, "list: must be text"},
      {{{"type", "HitShow"}}, "hit_id: missing"},
      {{{"type", "HitList"}, {"limit", "ten"}}, "limit: must be a whole number"},
      {{{"type", "HitAcknowledge"}, {"hit_id", "h-1"}, {"disposition", "arrested"}, {"visually_verified", true},
        {"clets_confirmed", true}}, "disposition: 'arrested'"},
      {{{"type", "HitAcknowledge"}, {"hit_id", "h-1"}, {"disposition", "misread"}, {"visually_verified", "yes"},
        {"clets_confirmed", true}}, "visually_verified: must be true or false"},
  };
  for (const auto& c : cases) {
    const auto answer = host.call(c.request);
    BOOST_TEST(answer.status == "invalid", c.request.dump());
    BOOST_TEST(answer.error.find(c.says) != std::string::npos, c.request.dump() << " -> " << answer.error);
  }
  // A read that is no plate at all is dropped quietly, and the service still answers.
  host.publish("junk", "");
  BOOST_TEST(host.call({{"type", "HotlistList"}}).status == "ok");
}
