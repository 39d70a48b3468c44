// Unit tests of the plate-format prior: shares from weights, choices between readings of one length
// (never between lengths), the committed US formats, and formats files that are wrong.
#define BOOST_TEST_MODULE plate_formats
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "plate_formats.hpp"

using namespace platebus::recognition;

namespace {

const auto kDigitsOnly = nlohmann::json::parse(R"({"formats": {"DDDDDDD": 3, "LLLDDD": 1}, "unlisted": 0.001})");

std::vector<std::string> texts(const std::vector<CtcReading>& readings) {
  std::vector<std::string> out;
  for (const auto& r : readings) out.push_back(r.text);
  return out;
}

std::string error_of(const nlohmann::json& document) {
  try {
    PlateFormats::from_json(document);
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return {};
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_shape_is_digits_and_letters) {
  BOOST_TEST(shape_of("7ABC123") == "DLLLDDD");
  BOOST_TEST(shape_of("") == "");
}

BOOST_AUTO_TEST_CASE(each_listed_shape_has_its_share_and_others_the_unlisted_share) {
  const auto formats = PlateFormats::from_json(kDigitsOnly);
  BOOST_TEST(formats.log_share("1234567") == std::log(0.75 + 0.001), boost::test_tools::tolerance(1e-9));
  BOOST_TEST(formats.log_share("ABC123") == std::log(0.25 + 0.001), boost::test_tools::tolerance(1e-9));
  BOOST_TEST(formats.log_share("ABC1234") == std::log(0.001), boost::test_tools::tolerance(1e-9));
}

BOOST_AUTO_TEST_CASE(a_listed_format_wins_over_a_slightly_likelier_unlisted_reading_of_one_length) {
  // The network's columns say L for two 4s; the Illinois plate is all digits.
  const auto formats = PlateFormats::from_json(kDigitsOnly);
  std::vector<CtcReading> readings{{"59771LL", -1.0, {}}, {"597714", -1.2, {}}, {"5977144", -1.5, {}}};
  BOOST_TEST(texts(formats.rank(readings, 0.75, 2, 8)) == (std::vector<std::string>{"5977144", "59771LL", "597714"}),
             boost::test_tools::per_element());
  // A reading far likelier keeps its place: a vanity plate read clearly is not rewritten.
  readings[0].log_probability = -0.1, readings[2].log_probability = -9;
  BOOST_TEST(formats.rank(readings, 0.75, 2, 8).front().text == "59771LL");
}

BOOST_AUTO_TEST_CASE(the_prior_never_changes_the_length_read) {
  // "597714" is listed and "5977L44" not, but the network read seven characters.
  const auto formats = PlateFormats::from_json(kDigitsOnly);
  const std::vector<CtcReading> readings{{"5977L44", -1.0, {}}, {"597714", -1.1, {}}};
  BOOST_TEST(formats.rank(readings, 3.0, 2, 8).front().text == "5977L44");
}

BOOST_AUTO_TEST_CASE(weight_zero_or_no_formats_rank_by_probability_and_lengths_are_bounded) {
  const std::vector<CtcReading> readings{{"59771LL", -1.0, {}}, {"5977144", -1.5, {}}, {"A", -0.5, {}}, {"", -0.1, {}}};
  const auto expected = std::vector<std::string>{"59771LL", "5977144"};
  BOOST_TEST(texts(PlateFormats::from_json(kDigitsOnly).rank(readings, 0, 2, 8)) == expected,
             boost::test_tools::per_element());
  BOOST_TEST(texts(PlateFormats().rank(readings, 0.75, 2, 8)) == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(the_committed_us_formats_load_and_favour_common_plates) {
  const auto formats = PlateFormats::load(PLATEBUS_US_PLATE_FORMATS);
  BOOST_TEST(formats.log_share("7ABC123") > formats.log_share("7ABC12"));
  BOOST_TEST(formats.log_share("ABC1234") > formats.log_share("ABCD234"));
}

BOOST_AUTO_TEST_CASE(a_letter_drawn_like_a_digit_is_written_as_the_digit_unless_the_format_needs_the_letter) {
  const auto formats = PlateFormats::from_json(
      nlohmann::json::parse(R"({"formats": {"LLLDDD": 5, "DDDDDD": 1}, "unlisted": 0.001, "same_glyph": {"O": "0"}})"));
  BOOST_TEST(formats.settle_same_glyphs("CUSTOM") == "CUST0M");  // unlisted either way: the digit
  BOOST_TEST(formats.settle_same_glyphs("NOX218") == "NOX218");  // LLLDDD needs the letter
  BOOST_TEST(formats.settle_same_glyphs("2OO218") == "200218");  // DDDDDD is commoner than DLLDDD
  BOOST_TEST(formats.settle_same_glyphs("200000") == "200000");  // a digit read as a digit stays
  BOOST_TEST(formats.settle_same_glyphs("OQK466") == "OQK466");
  BOOST_TEST(PlateFormats::from_json(kDigitsOnly).settle_same_glyphs("CUSTOM") == "CUSTOM");  // no pairs: as read
  BOOST_TEST(PlateFormats::load(PLATEBUS_US_PLATE_FORMATS).settle_same_glyphs("CUSTOM") == "CUST0M");  // the US file pairs O with 0
}

BOOST_AUTO_TEST_CASE(wrong_formats_say_what_is_wrong_and_how_to_write_it) {
  BOOST_TEST(error_of(nlohmann::json::parse(R"({"formats": {"DDD": 1}, "unlisted": 0.001, "same_glyph": {"O": "Q"}})"))
                 .find("same_glyph.O") != std::string::npos);
  BOOST_TEST(error_of(nlohmann::json::parse(R"({"formats": {"DDD": 1}, "unlisted": 0.001, "same_glyph": ["O0"]})"))
                 .find("same_glyph: give") != std::string::npos);
  BOOST_TEST(error_of(nlohmann::json::parse(R"({"formats": {"DXL": 1}, "unlisted": 0.001})")).find("'DXL'") !=
             std::string::npos);
  BOOST_TEST(error_of(nlohmann::json::parse(R"({"formats": {"DDD": -1}, "unlisted": 0.001})")).find("formats.DDD") !=
             std::string::npos);
  BOOST_TEST(error_of(nlohmann::json::parse(R"({"formats": {"DDD": 1}, "unlisted": 2})")).find("unlisted") !=
             std::string::npos);
  BOOST_TEST(error_of(nlohmann::json::parse(R"({"formats": {}, "unlisted": 0.001})")).find("at least one") !=
             std::string::npos);
  BOOST_TEST(error_of(nlohmann::json::parse(R"([1, 2])")).find("expected {") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_missing_or_broken_file_is_named) {
  auto message_of = [](const std::filesystem::path& file) {
    try {
      PlateFormats::load(file);
    } catch (const std::invalid_argument& e) {
      return std::string(e.what());
    }
    return std::string();
  };
  BOOST_TEST(message_of("/nonexistent/formats.json").find("/nonexistent/formats.json") != std::string::npos);
  const auto broken = std::filesystem::temp_directory_path() / "platebus-broken-formats.json";
  std::ofstream(broken) << "{\"formats\": {\"DDD\": 1,";
  const auto message = message_of(broken);
  std::filesystem::remove(broken);
  BOOST_TEST(message.find("platebus-broken-formats.json") != std::string::npos, message);
  BOOST_TEST(message.find("not valid JSON") != std::string::npos, message);
}
