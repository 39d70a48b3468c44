// The matcher: exact, alternative, confusable and partial matches, each labelled; expiry; a
// configurable confusable table.
#define BOOST_TEST_MODULE hotlist_matcher
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "calendar_date.hpp"
#include "hotlist_index.hpp"
#include "hotlist_test_support.hpp"

using namespace platebus::hotlist;
using hotlist_test::test_now;

namespace {

HotPlateEntry hot(const std::string& plate, const std::string& list = "stolen") {
  auto entry = hotlist_test::hot_entry(plate, list);
  entry.state = "CA";
  return entry;
}

HotlistIndex index_of(const std::vector<HotPlateEntry>& entries, ConfusableTable table = ConfusableTable::defaults()) {
  HotlistIndexBuilder builder(std::move(table));
  for (const auto& entry : entries) builder.add(entry);
  return builder.build();
}

platebus::PlateRead read(const std::string& text, const std::vector<std::string>& alternatives = {}) {
  platebus::PlateRead read;
  read.read_id = "r1";
  read.camera = "cam-north";
  read.text = text;
  read.confidence = 0.9;
  for (const auto& alternative : alternatives) read.alternatives.push_back({alternative, 0.5});
  return read;
}

}  // namespace

BOOST_AUTO_TEST_CASE(best_text_matches_exactly) {
  const auto index = index_of({hot("7ABC123"), hot("4XYZ982")});
  const auto matches = index.match(read("7abc-123"), test_now());
  BOOST_REQUIRE_EQUAL(matches.size(), 1u);
  BOOST_TEST(match_kind_name(matches[0].kind) == "exact");
  BOOST_TEST(matches[0].matched_text == "7ABC123");
  BOOST_TEST(index.entry(matches[0].entry).plate == "7ABC123");
  BOOST_TEST(index.entry(matches[0].entry).reason == "stolen from lot 4");
  BOOST_TEST(index.match(read("7ABC124"), test_now()).empty());
}

BOOST_AUTO_TEST_CASE(an_alternative_reading_matches_as_alternative) {
  const auto index = index_of({hot("7ABC123")});
  const auto matches = index.match(read("7ABC128", {"7ABC12", "7ABC123"}), test_now());
  BOOST_REQUIRE_EQUAL(matches.size(), 1u);
  BOOST_TEST(match_kind_name(matches[0].kind) == "alternative");
  BOOST_TEST(matches[0].matched_text == "7ABC123");
}

BOOST_AUTO_TEST_CASE(confusable_characters_match_as_confusable) {
  const auto index = index_of({hot("8OB1234"), hot("5ZG6")});
  for (const std::string text : {"B0B1234", "8DBI234", "BQ8L234", "8OBT234"}) {
    const auto matches = index.match(read(text), test_now());
    BOOST_TEST_INFO("read " << text);
    BOOST_REQUIRE_EQUAL(matches.size(), 1u);
    BOOST_TEST(match_kind_name(matches[0].kind) == "confusable");
    BOOST_TEST(index.entry(matches[0].entry).plate == "8OB1234");
  }
  const auto alternative = index.match(read("XXXX", {"S2G6"}), test_now());
  BOOST_REQUIRE_EQUAL(alternative.size(), 1u);
  BOOST_TEST(match_kind_name(alternative[0].kind) == "confusable");
  BOOST_TEST(alternative[0].matched_text == "S2G6");
  BOOST_TEST(index.match(read("8OB1235"), test_now()).empty(), "5 is not confusable with 4");
}

BOOST_AUTO_TEST_CASE(each_entry_is_reported_once_with_its_safest_kind) {
  // Exact on the best text beats confusable; both entries sharing a canonical form are reported.
  const auto index = index_of({hot("0AB123"), hot("OAB123"), hot("OAB123", "bolo")});
  const auto matches = index.match(read("0AB123", {"OAB123", "QAB123"}), test_now());
  BOOST_REQUIRE_EQUAL(matches.size(), 3u);
  BOOST_TEST(match_kind_name(matches[0].kind) == "exact");
  BOOST_TEST(index.entry(matches[0].entry).plate == "0AB123");
  BOOST_TEST(match_kind_name(matches[1].kind) == "alternative");
  BOOST_TEST(match_kind_name(matches[2].kind) == "alternative");
  BOOST_TEST(index.entry(matches[1].entry).plate == "OAB123");
}

BOOST_AUTO_TEST_CASE(partial_entries_match_with_wildcards) {
  const auto index = index_of({hot("7AB?123"), hot("*9876"), hot("4XYZ982")});
  auto matches = index.match(read("7ABX123"), test_now());
  BOOST_REQUIRE_EQUAL(matches.size(), 1u);
  BOOST_TEST(match_kind_name(matches[0].kind) == "partial");
  BOOST_TEST(index.entry(matches[0].entry).plate == "7AB?123");

  matches = index.match(read("ZZ1", {"KL9876"}), test_now());
  BOOST_REQUIRE_EQUAL(matches.size(), 1u);
  BOOST_TEST(match_kind_name(matches[0].kind) == "partial");
  BOOST_TEST(matches[0].matched_text == "KL9876");

  BOOST_TEST(index.match(read("7ABXX123"), test_now()).empty(), "'?' is exactly one character");
  BOOST_TEST(index.match(read("9876"), test_now()).size() == 1u, "'*' may be empty");
  BOOST_TEST(index.match(read("7A8Z1Z3"), test_now()).size() == 1u, "confusions apply to partial entries too");
  BOOST_TEST(index.partial_count() == 2u);
}

BOOST_AUTO_TEST_CASE(expired_entries_never_match) {
  auto expired = hot("7ABC123");
  expired.expires_at = end_of_day_utc(*platebus::parse_iso_date("2026-11-27"));
  auto live = hot("7ABC123", "bolo");
  live.expires_at = end_of_day_utc(*platebus::parse_iso_date("2026-11-28"));
  auto expired_pattern = hot("7AB?12?");
  expired_pattern.expires_at = expired.expires_at;
  const auto index = index_of({expired, live, expired_pattern});
  auto matches = index.match(read("7ABC123"), test_now());
  BOOST_REQUIRE_EQUAL(matches.size(), 1u);
  BOOST_TEST(index.entry(matches[0].entry).list == "bolo");
  BOOST_TEST(index.match(read("7ABC123"), platebus::parse_iso8601("2026-11-29T00:00:00Z")).empty());
}

BOOST_AUTO_TEST_CASE(the_confusable_table_is_configurable) {
  const auto no_confusions = index_of({hot("8OB1234")}, ConfusableTable::none());
  BOOST_TEST(no_confusions.match(read("BOB1234"), test_now()).empty());
  const auto custom = index_of({hot("8OB1234")}, ConfusableTable::from_groups({"8b", "4A"}));
  const auto matches = custom.match(read("BOB123A"), test_now());
  BOOST_REQUIRE_EQUAL(matches.size(), 1u);
  BOOST_TEST(match_kind_name(matches[0].kind) == "confusable");
  BOOST_TEST(custom.match(read("B0B1234"), test_now()).empty(), "0/O is not in this table");

  BOOST_CHECK_THROW(ConfusableTable::from_groups({"0O", "OQ"}), std::invalid_argument);
  BOOST_CHECK_THROW(ConfusableTable::from_groups({"0-"}), std::invalid_argument);
  BOOST_CHECK_THROW(ConfusableTable::from_groups({"0"}), std::invalid_argument);
  BOOST_TEST(ConfusableTable::defaults().group_of('D') == "0ODQ");
}

BOOST_AUTO_TEST_CASE(reads_that_are_not_plates_match_nothing) {
  const auto index = index_of({hot("7ABC123")});
  BOOST_TEST(index.match(read(""), test_now()).empty());
  BOOST_TEST(index.match(read("7ABC123XXXXX"), test_now()).empty());
  BOOST_TEST(index.match(read("7ABC#123"), test_now()).empty());
  BOOST_TEST(HotlistIndex().match(read("7ABC123"), test_now()).empty());
}

BOOST_AUTO_TEST_CASE(many_plates_sharing_canonical_forms_stay_separate) {
  std::vector<HotPlateEntry> entries;
  for (int i = 0; i < 20000; ++i) entries.push_back(hot(std::string("K").append(std::to_string(100000 + i))));
  entries.push_back(hot("KIOOOOO"));  // canonical form of K100000
  const auto index = index_of(entries);
  BOOST_TEST(index.size() == 20001u);
  const auto matches = index.match(read("K100000"), test_now());
  BOOST_REQUIRE_EQUAL(matches.size(), 2u);
  BOOST_TEST(match_kind_name(matches[0].kind) == "exact");
  BOOST_TEST(match_kind_name(matches[1].kind) == "confusable");
  BOOST_TEST(index.match(read("K119999"), test_now()).size() == 1u);
  BOOST_TEST(index.match(read("K120000"), test_now()).empty());
}
