// Plate normalization, the hot-plate entry's rules, its JSON form and its stored binary form.
#define BOOST_TEST_MODULE hotlist_entries
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include "calendar_date.hpp"
#include "hot_plate.hpp"
#include "hot_plate_codec.hpp"
#include "hotlist_test_support.hpp"
#include "plate_normalizer.hpp"

using namespace platebus::hotlist;

namespace {

HotPlateEntry full_entry() {
  HotPlateEntry entry;
  entry.plate = "7ABC123";
  entry.state = "CA";
  entry.category = Category::felony_vehicle;
  entry.reason = "used in armed robbery 26-0042, \"approach with care\"";
  entry.list = "felony-2026";
  entry.source = "upload";
  entry.case_number = "26-0042";
  entry.priority = 2;
  entry.added_by = "officer1";
  entry.added_at = hotlist_test::test_now();
  entry.expires_at = end_of_day_utc(*platebus::parse_iso_date("2026-12-31"));
  entry.vehicle = {"Honda", "Civic", "grey"};
  return entry;
}

}  // namespace

BOOST_AUTO_TEST_CASE(normalization_folds_case_and_drops_separators) {
  BOOST_TEST(normalize_plate("7abc123").plate == "7ABC123");
  BOOST_TEST(normalize_plate(" 7-ABC 123 ").plate == "7ABC123");
  BOOST_TEST(normalize_plate("ab.c-12 3").plate == "ABC123");
}

BOOST_AUTO_TEST_CASE(normalization_refuses_what_is_not_a_plate_and_says_why) {
  const auto empty = normalize_plate(" - . ");
  BOOST_TEST(!empty.ok());
  BOOST_TEST(empty.problem.find("empty") != std::string::npos);

  const auto long_plate = normalize_plate("ABCDEFGHIJK");
  BOOST_TEST(!long_plate.ok());
  BOOST_TEST(long_plate.problem.find("11 characters") != std::string::npos);

  const auto symbol = normalize_plate("7AB#123");
  BOOST_TEST(!symbol.ok());
  BOOST_TEST(symbol.problem.find("'#' at position 4") != std::string::npos);

  const auto accent = normalize_plate("JOS\xC3\xA9");
  BOOST_TEST(!accent.ok());
  BOOST_TEST(accent.problem.find("byte 0xC3") != std::string::npos);

  BOOST_TEST(!normalize_plate("7AB?123").ok(), "wildcards are for partial entries only");
}

BOOST_AUTO_TEST_CASE(patterns_allow_wildcards_with_enough_fixed_characters) {
  BOOST_TEST(normalize_plate_pattern("7ab?123").plate == "7AB?123");
  BOOST_TEST(normalize_plate_pattern("*123").plate == "*123");
  BOOST_TEST(!normalize_plate_pattern("*1?").ok());
  BOOST_TEST(!normalize_plate_pattern("7*AB*1").ok());
  BOOST_TEST(is_plate_pattern("7AB?123"));
  BOOST_TEST(!is_plate_pattern("7ABC123"));
}

BOOST_AUTO_TEST_CASE(categories_parse_in_friendly_spellings) {
  BOOST_TEST((parse_category("Stolen Vehicle") == Category::stolen_vehicle));
  BOOST_TEST((parse_category("AMBER-ALERT") == Category::amber_alert));
  BOOST_TEST((parse_category("bolo") == Category::bolo));
  BOOST_TEST(!parse_category("stolen"));
  BOOST_TEST(category_name(Category::missing_person) == "missing_person");
}

BOOST_AUTO_TEST_CASE(a_valid_entry_has_no_problems_and_an_invalid_one_names_each) {
  BOOST_TEST(validation_problems(full_entry()).empty());
  auto entry = full_entry();
  entry.reason.assign(3, ' ');
  entry.state = "California";
  entry.list = "bad list!";
  entry.priority = 9;
  entry.plate = "7abc123";
  const auto problems = validation_problems(entry);
  BOOST_REQUIRE_EQUAL(problems.size(), 5u);
  BOOST_TEST(problems[0].find("plate: '7abc123' is not normalized") == 0);
  BOOST_TEST(problems[1].find("state:") == 0);
  BOOST_TEST(problems[2].find("reason: required") == 0);
  BOOST_TEST(problems[3].find("list:") == 0);
  BOOST_TEST(problems[4].find("priority: 9") == 0);
}

BOOST_AUTO_TEST_CASE(expiry_is_the_end_of_the_given_day) {
  auto entry = full_entry();
  entry.expires_at = end_of_day_utc(*platebus::parse_iso_date("2026-11-28"));
  BOOST_TEST(!entry.expired_at(platebus::parse_iso8601("2026-11-28T23:59:59Z")));
  BOOST_TEST(entry.expired_at(platebus::parse_iso8601("2026-11-29T00:00:00Z")));
  entry.expires_at.reset();
  BOOST_TEST(!entry.expired_at(platebus::parse_iso8601("2100-01-01T00:00:00Z")));
  BOOST_TEST(!platebus::parse_iso_date("2026-02-30"));
  BOOST_TEST(!platebus::parse_iso_date("2026-2-3"));
  BOOST_TEST(parse_compact_date("20261231").has_value());
}

BOOST_AUTO_TEST_CASE(json_round_trip_keeps_every_field) {
  const auto entry = full_entry();
  const auto json = to_json(entry);
  BOOST_TEST(json.at("category") == "felony_vehicle");
  BOOST_TEST(json.at("expires_at") == "2027-01-01T00:00:00.000000Z");
  BOOST_TEST((hot_plate_from_json(json) == entry));

  auto no_expiry = entry;
  no_expiry.expires_at.reset();
  no_expiry.vehicle = {};
  BOOST_TEST((hot_plate_from_json(nlohmann::json::parse(to_json(no_expiry).dump())) == no_expiry));
}

BOOST_AUTO_TEST_CASE(json_with_problems_is_refused_with_all_of_them) {
  const auto json = nlohmann::json{{"plate", "7ABC123"}, {"category", "stolen"}, {"list", "x"}};
  try {
    hot_plate_from_json(json);
    BOOST_FAIL("accepted an entry without reason and with an unknown category");
  } catch (const std::invalid_argument& e) {
    const std::string message = e.what();
    BOOST_TEST(message.find("reason: required") != std::string::npos);
    BOOST_TEST(message.find("category: 'stolen' is not one of") != std::string::npos);
  }
}

BOOST_AUTO_TEST_CASE(stored_form_round_trips_and_exposes_plate_and_expiry) {
  const auto entry = full_entry();
  const auto bytes = encode_hot_plate(entry);
  BOOST_TEST((decode_hot_plate(bytes) == entry));
  const auto fields = decode_match_fields(bytes);
  BOOST_TEST(fields.plate == "7ABC123");
  BOOST_TEST(*fields.expires_at_us == entry.expires_at->time_since_epoch().count());
  BOOST_CHECK_THROW(decode_hot_plate(bytes.substr(0, 30)), std::runtime_error);
  auto other_version = bytes;
  other_version[0] = 9;
  BOOST_CHECK_THROW(decode_hot_plate(other_version), std::runtime_error);
}

BOOST_AUTO_TEST_CASE(hit_carries_the_entry_fields_a_message_needs) {
  const auto hot = to_hit_hot_plate(full_entry());
  BOOST_TEST(hot.plate == "7ABC123");
  BOOST_TEST(hot.category == "felony_vehicle");
  BOOST_TEST(hot.list == "felony-2026");
  BOOST_TEST(hot.case_number == "26-0042");
}
