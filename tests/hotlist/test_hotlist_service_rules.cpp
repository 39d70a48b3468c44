// The `hotlist` service's policy rules through the real host (issue 16): who may replace a hot
// plate, and which fields of a single plate are scanned for personal data or refused as formulas.
#define BOOST_TEST_MODULE hotlist_service_rules
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "hotlist_host.hpp"

using namespace hotlist_test;

// Issue 16, finding 5: adding a plate that another person added (same plate, state and list) must
// not take it over. An officer is refused; a role with hotlist.manage may replace it, and the
// entry stays the original owner's, so its owner can still delete it and the replacer cannot
// claim it as their own.
BOOST_AUTO_TEST_CASE(adding_someone_elses_plate_does_not_take_it_over) {
  HotlistHost host;
  host.start();
  auto add = [&](const std::string& reason, const std::string& user, const std::vector<std::string>& roles) {
    return host.call({{"type", "HotplateAdd"},
                      {"entry", {{"plate", "5OWN555"}, {"state", "CA"}, {"category", "bolo"}, {"list", "bolo"},
                                 {"reason", reason}}}},
                     user, roles);
  };
  const auto first = add("seen at the robbery", "ofc.a", {"officer"});
  BOOST_REQUIRE_MESSAGE(first.status == "ok", first.error);
  BOOST_TEST(add("seen at the robbery again", "ofc.a", {"officer"}).status == "ok");  // one's own: fine

  const auto taken = add("nothing to see here anymore", "ofc.b", {"officer"});
  BOOST_TEST(taken.status == "denied");
  BOOST_TEST(taken.error.find("added by 'ofc.a'") != std::string::npos, taken.error);
  BOOST_TEST(taken.error.find("hotlist.manage") != std::string::npos, taken.error);
  const auto kept = host.call({{"type", "HotlistShow"}, {"list", "bolo"}});
  BOOST_REQUIRE_EQUAL(kept.reply["plates"].size(), 1u);
  BOOST_TEST(kept.reply["plates"][0]["reason"] == "seen at the robbery again");
  BOOST_TEST(kept.reply["plates"][0]["added_by"] == "ofc.a");
  const auto not_theirs =
      host.call({{"type", "HotplateDelete"}, {"list", "bolo"}, {"plate", "5OWN555"}, {"own_only", true}}, "ofc.b");
  BOOST_TEST(not_theirs.status == "denied");

  const auto managed = add("suspect vehicle, armed robbery", "sgt.m", {"sergeant"});
  BOOST_REQUIRE_MESSAGE(managed.status == "ok", managed.error);
  BOOST_TEST(managed.reply["replaced"] == true);
  BOOST_TEST(managed.reply["entry"]["added_by"] == "ofc.a");
  const auto replaced = host.call({{"type", "HotlistShow"}, {"list", "bolo"}});
  BOOST_TEST(replaced.reply["plates"][0]["reason"] == "suspect vehicle, armed robbery");
  BOOST_TEST(replaced.reply["plates"][0]["added_by"] == "ofc.a");
  const auto owner_deletes =
      host.call({{"type", "HotplateDelete"}, {"list", "bolo"}, {"plate", "5OWN555"}, {"own_only", true}}, "ofc.a");
  BOOST_TEST(owner_deletes.status == "ok", owner_deletes.error);
  BOOST_TEST(owner_deletes.reply["deleted"] == 1);
}

// Issue 16, finding 8, through the service: a single plate's case number, list and vehicle are
// scanned, fields are read together, disguises are folded, and formula text is refused.
BOOST_AUTO_TEST_CASE(single_plates_are_scanned_in_every_field) {
  HotlistHost host;
  host.start();
  auto add = [&](nlohmann::json fields) {
    nlohmann::json entry = {{"plate", "7ABC126"}, {"category", "bolo"}, {"list", "bolo"}, {"reason", "seen at the robbery"}};
    entry.update(fields);
    return host.call({{"type", "HotplateAdd"}, {"entry", entry}});
  };
  struct Case {
    nlohmann::json fields;
    std::string says;
  };
  const std::vector<Case> cases = {
      {{{"case_number", "owner John Smith"}}, "personal or CLETS data: entry.case_number"},
      {{{"list", "owner_John_Smith"}}, "personal or CLETS data: entry.list"},
      {{{"vehicle", {{"make", "Honda"}, {"model", "call 916-555-0142"}, {"colour", ""}}}}, "entry.model"},
      {{{"reason", "subject DOB"}, {"case_number", "03/14/1985"}}, "together"},
      {{{"reason", "per N\xe2\x80\x8b" "CIC return"}}, "[clets_record]"},
      {{{"reason", "contact jsmith@example.com"}}, "[email_address]"},
      {{{"reason", "=HYPERLINK(\"http://evil.example\",\"click\")"}}, "formula"},
      {{{"case_number", "@SUM(1)"}}, "formula"},
  };
  for (const auto& c : cases) {
    const auto answer = add(c.fields);
    BOOST_TEST(answer.status == "invalid", c.fields.dump());
    BOOST_TEST(answer.error.find(c.says) != std::string::npos, c.fields.dump() << ": " << answer.error);
  }
  BOOST_TEST(host.call({{"type", "HotlistList"}}).reply["lists"].empty());
  const auto fine = add({{"case_number", "2026-001234"}, {"reason", "VC 10851 recovered stolen"}});
  BOOST_TEST(fine.status == "ok", fine.error);
}
