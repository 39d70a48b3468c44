// One read per plate from the readings of overlapping regions (plate_choice.hpp).
#define BOOST_TEST_MODULE plate_choice
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include "plate_choice.hpp"

using namespace platebus::recognition;

namespace {

RecognizedPlate reading(const std::string& text, double confidence, cv::Rect box) {
  RecognizedPlate plate;
  plate.region.box = box;
  plate.text.text = text;
  plate.text.confidence = confidence;
  return plate;
}

std::vector<std::string> texts(const std::vector<RecognizedPlate>& plates) {
  std::vector<std::string> out;
  for (const auto& plate : plates) out.push_back(plate.text.text);
  return out;
}

const cv::Rect kPlate(658, 335, 145, 64);  // a plate
const cv::Rect kStateName(699, 324, 63, 26);  // "TEXAS" above its number, centre inside the plate
const cv::Rect kSign(1178, 14, 85, 45);       // far away

}  // namespace

BOOST_AUTO_TEST_CASE(the_number_wins_over_a_surer_state_name_on_the_same_plate) {
  const auto plates = one_reading_per_plate({reading("TEXAS", 1.0, kStateName), reading("CWW2245", 0.93, kPlate)});
  BOOST_TEST(texts(plates) == std::vector<std::string>{"CWW2245"}, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(among_readings_with_digits_the_surest_wins) {
  const auto plates = one_reading_per_plate({reading("CWW2245", 0.80, kPlate), reading("CWW224", 0.90, kStateName)});
  BOOST_TEST(texts(plates) == std::vector<std::string>{"CWW224"}, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(an_all_letter_plate_is_kept_where_nothing_overlaps_it) {
  const auto plates = one_reading_per_plate({reading("CEMENT", 0.9, kPlate), reading("7ABC123", 0.95, kSign)});
  BOOST_TEST(texts(plates) == (std::vector<std::string>{"7ABC123", "CEMENT"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(the_same_text_in_two_places_is_one_plate) {
  const auto plates = one_reading_per_plate({reading("7ABC123", 0.7, kSign), reading("7ABC123", 0.9, kPlate)});
  BOOST_REQUIRE_EQUAL(plates.size(), 1u);
  BOOST_TEST(plates[0].region.box == kPlate);
}
