// Unit tests of the reading stage (TesseractReader): synthetic plates from the project's own
// renderer, alternatives, odd regions and a bad Tesseract setup. Needs Debian's tesseract-ocr-eng.
#define BOOST_TEST_MODULE plate_reader
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include "ocr_confusions.hpp"
#include "tesseract_reader.hpp"
#include "plate_renderer.hpp"
#include "reading_checks.hpp"

using namespace platebus::recognition;
namespace synthetic = platebus::synthetic;
using namespace reading_checks;

namespace {

TesseractReader& reader() {
  static TesseractReader r;  // Tesseract takes tens of milliseconds to start: share one
  return r;
}

synthetic::PlateRenderer& renderer() {
  static synthetic::PlateRenderer r;
  return r;
}

PlateRegion quad(cv::Point2f a, cv::Point2f b, cv::Point2f c, cv::Point2f d) { return {{a, b, c, d}, {}, 1}; }

}  // namespace

BOOST_AUTO_TEST_CASE(reads_most_flat_synthetic_plates_exactly) {
  BOOST_TEST(read_flat_plates(reader(), renderer()).exact >= 45);  // measured 52/60 with Debian 12 tesseract 5.3 eng
}

BOOST_AUTO_TEST_CASE(reads_most_plates_in_scenes_through_their_corners) {
  BOOST_TEST(read_scene_plates(reader(), renderer(), 160) >= 18);  // measured 22/30 with Debian 12 tesseract 5.3 eng
}

BOOST_AUTO_TEST_CASE(letter_o_is_read_as_zero_and_kept_as_an_alternative) {
  std::mt19937 rng(5);
  const auto plate = renderer().render_plate("OAK123", synthetic::plate_styles().at(2), 320);
  cv::Mat gray;
  cv::cvtColor(plate.color, gray, cv::COLOR_BGR2GRAY);
  const auto read = reader().read(gray, whole(gray));
  BOOST_TEST_REQUIRE(read.has_value());
  check_shape(*read);
  if (read->text != "0AK123") return;  // this test is about alternatives, not the read itself
  const bool has_o = std::any_of(read->alternatives.begin(), read->alternatives.end(),
                                 [](const auto& a) { return a.text == "OAK123"; });
  BOOST_TEST(has_o);
}

BOOST_AUTO_TEST_CASE(alternatives_swap_low_confidence_characters_within_the_confusion_table) {
  // "8B0" read with an unsure middle character: B's partner 8 must be offered first.
  std::vector<ReadCharacter> chars{{{{'8', 0.99}}}, {{{'B', 0.55}}}, {{{'0', 0.98}}}};
  const auto alternatives = build_alternatives(chars, {});
  BOOST_TEST_REQUIRE(!alternatives.empty());
  BOOST_TEST(alternatives.front().text == "880");
  std::set<std::string> seen;
  for (std::size_t i = 0; i < alternatives.size(); ++i) {
    const auto& a = alternatives[i];
    BOOST_TEST(a.text != "8B0");
    BOOST_TEST(seen.insert(a.text).second);
    if (i > 0) BOOST_TEST(a.confidence <= alternatives[i - 1].confidence);
    for (std::size_t p = 0; p < a.text.size(); ++p) BOOST_TEST(confusable(a.text[p], "8B0"[p]));
  }
  // Characters read with high confidence are not swapped; Tesseract's own choices still count.
  std::vector<ReadCharacter> sure{{{{'5', 0.99}}}, {{{'S', 0.97}, {'5', 0.2}}}};
  const auto from_choices = build_alternatives(sure, {});
  BOOST_TEST_REQUIRE(from_choices.size() == 1u);
  BOOST_TEST(from_choices[0].text == "55");
  // At most max_alternatives.
  std::vector<ReadCharacter> unsure(6, ReadCharacter{{{'0', 0.3}}});
  AlternativeOptions two;
  two.max_alternatives = 2;
  BOOST_TEST(build_alternatives(unsure, two).size() == 2u);
}

BOOST_AUTO_TEST_CASE(odd_regions_do_not_crash) {
  const auto plate = renderer().render_plate("7ABC123", synthetic::plate_styles().at(0), 300);
  cv::Mat gray;
  cv::cvtColor(plate.color, gray, cv::COLOR_BGR2GRAY);
  const float w = static_cast<float>(gray.cols), h = static_cast<float>(gray.rows);
  const float nan = std::numeric_limits<float>::quiet_NaN(), inf = std::numeric_limits<float>::infinity();
  const std::vector<PlateRegion> regions{
      quad({-50, -30}, {w + 60, -30}, {w + 60, h + 40}, {-50, h + 40}),              // beyond the frame
      quad({w + 100, h + 100}, {w + 300, h + 100}, {w + 300, h + 200}, {w + 100, h + 200}),  // outside it
      quad({10, 10}, {10, 10}, {10, 10}, {10, 10}),                                  // a point
      quad({0, 0}, {50, 50}, {100, 100}, {150, 150}),                                // a line
      quad({0, 0}, {w, h}, {w, 0}, {0, h}),                                          // self-crossing
      quad({10, 10}, {60, 10}, {60, 15}, {10, 15}),                                  // 5 px high
      quad({-1e5f, -1e5f}, {1e5f, -1e5f}, {1e5f, 1e5f}, {-1e5f, 1e5f}),              // huge
      quad({nan, 0}, {w, 0}, {w, h}, {0, h}),                                        // not a number
      quad({0, 0}, {inf, 0}, {w, h}, {0, h}),                                        // infinite
      quad({0, h}, {w, h}, {w, 0}, {0, 0}),                                          // upside down
      quad({0, 0}, {w * 20, 0}, {w * 20, 10.5f}, {0, 10.5f}),                        // a thin sliver
  };
  for (std::size_t i = 0; i < regions.size(); ++i) {
    BOOST_TEST_CONTEXT("region " << i) {
      std::optional<PlateText> read;
      BOOST_CHECK_NO_THROW(read = reader().read(gray, regions[i]));
      if (read) check_shape(*read);
    }
  }
  // Odd frames: empty, colour, 16-bit, flat, noise.
  cv::Mat noise(480, 640, CV_8UC1);
  cv::randu(noise, 0, 256);
  cv::Mat color;
  cv::cvtColor(gray, color, cv::COLOR_GRAY2BGR);
  cv::Mat deep;
  gray.convertTo(deep, CV_16U, 200);
  for (const cv::Mat& frame : {cv::Mat(), color, deep, cv::Mat(120, 240, CV_8UC1, cv::Scalar(128)), noise}) {
    std::optional<PlateText> read;
    BOOST_CHECK_NO_THROW(read = reader().read(frame, whole(frame.empty() ? gray : frame)));
    if (read) check_shape(*read);
  }
  // A colour frame still reads.
  const auto read = reader().read(color, whole(color));
  BOOST_TEST_REQUIRE(read.has_value());
  BOOST_TEST(read->text == "7ABC123");
}

BOOST_AUTO_TEST_CASE(a_bad_tessdata_folder_throws_a_clear_error) {
  TesseractOptions options;
  options.tessdata_dir = "/nonexistent/tessdata";
  try {
    TesseractReader bad(options);
    BOOST_FAIL("TesseractReader started without its tessdata");
  } catch (const std::runtime_error& e) {
    const std::string what = e.what();
    BOOST_TEST(what.find("/nonexistent/tessdata") != std::string::npos, what);
    BOOST_TEST(what.find("eng") != std::string::npos, what);
  }
  TesseractOptions language;
  language.language = "xx_no_such_language";
  BOOST_CHECK_THROW(TesseractReader{language}, std::runtime_error);
}
