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
#include "plate_renderer.hpp"
#include "reading_checks.hpp"

using namespace platebus::recognition;
namespace synthetic = platebus::synthetic;
using namespace reading_checks;

namespace {

const std::filesystem::path kModel = PLATEBUS_PLATE_NETWORK;

NetworkReader& reader() {
  static NetworkReader r(NetworkOptions{kModel});
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
      NetworkReader r(NetworkOptions{file});
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
