// Unit tests of the plate network reader (NetworkReader) with the committed model: plates from the
// synthetic camera's renderer (not the renderer the network was trained on), plates in scenes
// read through their corners, the shape of what it returns, and files that are not the network.
#define BOOST_TEST_MODULE network_reader
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include "network_reader.hpp"
#include "plate_rectifier.hpp"
#include "plate_renderer.hpp"
#include "reading_checks.hpp"

using namespace platebus::recognition;
namespace synthetic = platebus::synthetic;
using namespace reading_checks;

namespace {

const std::filesystem::path kModel = PLATEBUS_PLATE_NETWORK;
const std::filesystem::path kFormats = PLATEBUS_US_PLATE_FORMATS;

NetworkOptions options_with(const std::filesystem::path& model, const std::filesystem::path& formats) {
  NetworkOptions options;
  options.model = model;
  options.formats = formats;
  return options;
}

// As recognize.neural runs it: the committed network and US formats.
NetworkReader& reader() {
  static NetworkReader r(options_with(kModel, kFormats));
  return r;
}

synthetic::PlateRenderer& renderer() {
  static synthetic::PlateRenderer r;
  return r;
}

}  // namespace

BOOST_AUTO_TEST_CASE(reads_flat_synthetic_plates) {
  BOOST_TEST(read_flat_plates(reader(), renderer()).exact >= PLATEBUS_FLAT_FLOOR);
}

BOOST_AUTO_TEST_CASE(reads_plates_in_scenes_through_their_corners) {
  BOOST_TEST(read_scene_plates(reader(), renderer(), 96) >= PLATEBUS_SCENE_FLOOR);
}

BOOST_AUTO_TEST_CASE(a_second_look_at_unsure_plates_reads_at_least_as_many) {
  auto once = options_with(kModel, kFormats);
  once.views = 1;
  NetworkReader single(once);
  const auto one_view = read_flat_plates(single, renderer()).exact;
  const auto three_views = read_flat_plates(reader(), renderer()).exact;
  BOOST_TEST_MESSAGE("flat plates exact: " << one_view << " with one view, " << three_views << " with three");
  BOOST_TEST(three_views >= one_view);
}

BOOST_AUTO_TEST_CASE(blank_and_odd_images_hold_no_plate) {
  BOOST_TEST(!reader().read_upright(cv::Mat(64, 128, CV_8UC1, cv::Scalar(255))).has_value());
  BOOST_TEST(!reader().read_upright(cv::Mat()).has_value());
  BOOST_TEST(!reader().read_upright(cv::Mat(64, 128, CV_32FC1, cv::Scalar(0))).has_value());
  const cv::Mat frame(100, 100, CV_8UC1, cv::Scalar(128));
  PlateRegion degenerate{{cv::Point2f(10, 10), cv::Point2f(10, 10), cv::Point2f(10, 10), cv::Point2f(10, 10)}, {}, 1};
  BOOST_TEST(!reader().read(frame, degenerate).has_value());
}

BOOST_AUTO_TEST_CASE(a_missing_or_foreign_model_is_refused_naming_the_file) {
  auto message_of = [](const std::filesystem::path& file) {
    try {
      NetworkReader r(options_with(file, kFormats));
    } catch (const std::runtime_error& e) {
      return std::string(e.what());
    }
    return std::string();
  };
  const auto missing = message_of("/nonexistent/plate-reader.onnx");
  BOOST_TEST(missing.find("/nonexistent/plate-reader.onnx") != std::string::npos, missing);
  const auto text_file = std::filesystem::temp_directory_path() / "platebus-not-a-network.onnx";
  std::ofstream(text_file) << "plate,state\n7ABC123,CA\n";
  const auto foreign = message_of(text_file);
  std::filesystem::remove(text_file);
  BOOST_TEST(foreign.find("platebus-not-a-network.onnx") != std::string::npos, foreign);
}

BOOST_AUTO_TEST_CASE(unreadable_formats_are_refused_naming_the_file) {
  const auto broken = std::filesystem::temp_directory_path() / "platebus-formats-typo.json";
  std::ofstream(broken) << R"({"formats": {"DLLLDDD": 10, "LLL-DDDD": 10}, "unlisted": 0.001})";
  std::string message;
  try {
    NetworkReader r(options_with(kModel, broken));
  } catch (const std::runtime_error& e) {
    message = e.what();
  }
  std::filesystem::remove(broken);
  BOOST_TEST(message.find("platebus-formats-typo.json") != std::string::npos, message);
  BOOST_TEST(message.find("'LLL-DDDD'") != std::string::npos, message);
}

BOOST_AUTO_TEST_CASE(alternatives_of_another_length_are_real_contenders_only) {
  // Over the flat plates the beam offers a character dropped or added somewhere: misreads the
  // confusion table alone could never offer. But a plate read surely (every character at about
  // 0.97 or more) never offers one with a character missing: to the hot-list matcher another
  // length is another plate. (An inserted one can still be offered: a weak I between two Ms is the
  // network's own doubt about where one M ends.)
  std::mt19937 rng(7);
  int other_length = 0, sure_reads = 0;
  for (const auto& text : registration_texts(rng, 30)) {
    const auto plate = renderer().render_plate(text, synthetic::random_plate_style(rng), 240);
    const auto read = reader().read_upright(plate.color);
    if (!read) continue;
    check_shape(*read);
    const bool sure = read->confidence >= 0.995;
    sure_reads += sure;
    for (const auto& a : read->alternatives) {
      BOOST_TEST(a.confidence <= read->confidence);
      if (a.text.size() == read->text.size()) continue;
      ++other_length;
      if (a.text.size() < read->text.size())
        BOOST_TEST(!sure, read->text << " read surely, yet " << a.text << " offered at " << a.confidence);
    }
  }
  BOOST_TEST(other_length > 0);
  BOOST_TEST(sure_reads > 0);
}

BOOST_AUTO_TEST_CASE(vanity_plates_of_nine_and_ten_characters_are_read) {
  // Real vanity plates reach 10 characters (1TARHEELS, SWEETTHING); the reader used to stop at 8
  // and returned nothing for them.
  std::mt19937 rng(11);
  int exact = 0, total = 0;
  for (const std::string text : {"BIGCHEESE", "1TARHEELS", "SWEETTHING", "GOBLUE2024", "JUSTMAUID", "PLATEBUS10"}) {
    for (int i = 0; i < 2; ++i, ++total) {
      const auto plate = renderer().render_plate(text, synthetic::random_plate_style(rng), 320);
      const auto read = reader().read_upright(plate.color);
      if (read) BOOST_TEST(read->text.size() <= 10u, read->text);
      exact += read && read->text == text;
    }
  }
  BOOST_TEST(exact >= total / 2, exact << " of " << total << " read exactly");
}

BOOST_AUTO_TEST_CASE(a_box_that_cuts_the_last_character_is_read_wider) {
  // Detectors' boxes often stop inside the first or last character. The plate, on a grey canvas,
  // is given as a region whose right edge runs through the middle of its last character: the
  // crop alone spells one character too few, the reader looks wider and reads it whole.
  std::mt19937 rng(21);
  constexpr int kPlates = 24;
  int cut_short = 0, read_whole = 0;
  for (const auto& text : registration_texts(rng, kPlates)) {
    const auto plate = renderer().render_plate(text, synthetic::random_plate_style(rng), 240);
    cv::Mat gray;
    cv::cvtColor(plate.color, gray, cv::COLOR_BGR2GRAY);
    // The last character: the last run of columns holding dark ink across the row's middle band.
    const cv::Mat band = gray(cv::Rect(0, gray.rows * 2 / 5, gray.cols, gray.rows / 5));
    int last_end = -1, last_start = -1;
    for (int x = band.cols - 1; x >= 0; --x) {
      double low = 0;
      cv::minMaxLoc(band.col(x), &low);
      const bool ink = low < 90;
      if (ink && last_end < 0 && x < band.cols - 12) last_end = x;
      if (!ink && last_end >= 0) { last_start = x + 1; break; }
    }
    if (last_start < 0) continue;
    cv::Mat canvas(gray.rows * 2, gray.cols * 2, CV_8UC1, cv::Scalar(120));
    const cv::Point offset(gray.cols / 2, gray.rows / 2);
    gray.copyTo(canvas(cv::Rect(offset, gray.size())));
    const float right = float(offset.x + (last_start + last_end) / 2), left = float(offset.x + 4);
    const float top = float(offset.y + 4), bottom = float(offset.y + gray.rows - 4);
    PlateRegion region;
    region.corners = {cv::Point2f(left, top), cv::Point2f(right, top), cv::Point2f(right, bottom), cv::Point2f(left, bottom)};
    region.box = cv::Rect(cv::Point(int(left), int(top)), cv::Point(int(right), int(bottom)));
    const std::string truth = plate_chars(text);
    const auto tight = reader().read_upright(canvas(region.box));
    cut_short += tight && tight->text.size() + 1 == truth.size();
    const auto read = reader().read(canvas, region);
    read_whole += read && read->text == truth;
  }
  BOOST_TEST(cut_short >= kPlates / 4, cut_short << " of " << kPlates << " crops spell one character too few");
  BOOST_TEST(read_whole >= kPlates - 2, read_whole << " of " << kPlates << " read whole; " << cut_short << " crops cut short");
}

BOOST_AUTO_TEST_CASE(widening_moves_the_left_and_right_edges_outwards) {
  const std::array<cv::Point2f, 4> quad{cv::Point2f(100, 50), cv::Point2f(300, 60), cv::Point2f(300, 160), cv::Point2f(100, 150)};
  const auto wide = widened(quad, 0.25);
  BOOST_TEST(wide[0].x == 50.f);
  BOOST_TEST(wide[0].y == 47.5f);
  BOOST_TEST(wide[1].x == 350.f);
  BOOST_TEST(wide[1].y == 62.5f);
  BOOST_TEST(wide[2].x == 350.f);
  BOOST_TEST(wide[3].x == 50.f);
  BOOST_TEST(wide[3].y == 147.5f);
}
