// Unit tests of the plate detector (stages 1 and 2 of recognition) on synthetic scenes with known
// plate corners, and on odd input that must never crash it.
#define BOOST_TEST_MODULE plate_detector
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <cmath>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include "plate_detector.hpp"
#include "plate_renderer.hpp"

using namespace platebus::recognition;
using platebus::synthetic::PlateRenderer;
using platebus::synthetic::Scene;
using platebus::synthetic::SceneOptions;

namespace {

const std::vector<std::string> kTexts{"7ABC123", "4XYZ982", "8KLM551", "ABC-1234", "WD2R9B", "5GHT0Q7"};

PlateRenderer& renderer() {
  static PlateRenderer r;
  return r;
}

// Scene `i`: 1 or 2 plates, tilted up to 15 degrees, night on odd numbers.
Scene scene(int i) {
  std::mt19937 rng(static_cast<std::uint32_t>(5000 + i));
  SceneOptions options;
  options.size = {1280, 720};
  options.night = i % 2 == 1;
  options.max_tilt_deg = 15;
  std::vector<std::string> texts;
  for (int k = 0; k < 1 + (i / 2) % 2; ++k) texts.push_back(kTexts[(i * 3 + k) % kTexts.size()]);
  return renderer().render_scene(texts, options, rng);
}

cv::Mat gray_of(const cv::Mat& color) {
  cv::Mat g;
  cv::cvtColor(color, g, cv::COLOR_BGR2GRAY);
  return g;
}

double iou(const cv::Rect& a, const cv::Rect& b) {
  const double inter = (a & b).area();
  return inter / (a.area() + b.area() - inter);
}

cv::Rect bounds(const std::array<cv::Point2f, 4>& q) {
  return cv::boundingRect(std::vector<cv::Point2f>(q.begin(), q.end()));
}

// Fraction of plates overlapped (IoU >= 0.3) by one of the regions.
struct Recall {
  int plates = 0, found = 0;
  double value() const { return plates ? static_cast<double>(found) / plates : 0; }
};

void count(Recall& recall, const Scene& s, const std::vector<PlateRegion>& regions) {
  for (const auto& plate : s.plates) {
    ++recall.plates;
    const cv::Rect truth = bounds(plate.corners);
    for (const auto& r : regions) {
      if (iou(truth, r.box) >= 0.3) {
        ++recall.found;
        break;
      }
    }
  }
}

void check_well_formed(const std::vector<PlateRegion>& regions, const cv::Mat& frame, int max_regions) {
  BOOST_TEST(static_cast<int>(regions.size()) <= max_regions);
  const cv::Rect all(0, 0, frame.cols, frame.rows);
  for (std::size_t i = 0; i < regions.size(); ++i) {
    const PlateRegion& r = regions[i];
    if (i > 0) BOOST_TEST(r.score <= regions[i - 1].score);
    BOOST_TEST(std::isfinite(r.score));
    BOOST_TEST(r.box.area() > 0);
    BOOST_TEST((r.box & all) == r.box);
    // The box bounds the corners (to a pixel), clipped to the frame.
    const cv::Rect expected = bounds(r.corners) & all;
    BOOST_TEST(std::abs(expected.x - r.box.x) <= 1);
    BOOST_TEST(std::abs(expected.y - r.box.y) <= 1);
    BOOST_TEST(std::abs(expected.br().x - r.box.br().x) <= 1);
    BOOST_TEST(std::abs(expected.br().y - r.box.br().y) <= 1);
    // Clockwise from top-left on screen (y down): every turn is to the right; the first edge is the
    // plate's top, running rightwards, and the second its right side, running down (the detector
    // keeps regions within 30 degrees of horizontal).
    for (int k = 0; k < 4; ++k) {
      const cv::Point2f a = r.corners[(k + 1) % 4] - r.corners[k];
      const cv::Point2f b = r.corners[(k + 2) % 4] - r.corners[(k + 1) % 4];
      BOOST_TEST(a.x * b.y - a.y * b.x > 0);
    }
    const cv::Point2f top = r.corners[1] - r.corners[0], right = r.corners[2] - r.corners[1];
    BOOST_TEST(top.x > std::abs(top.y));
    BOOST_TEST(right.y > std::abs(right.x));
  }
}

}  // namespace

// Measured on 100 such scenes (seeds 1000..1099): 100 % with either input, 8 regions.
BOOST_AUTO_TEST_CASE(finds_synthetic_plates_in_infrared_and_colour_frames) {
  const PlateDetector detector;
  Recall infrared, colour, top3;
  for (int i = 0; i < 40; ++i) {
    const Scene s = scene(i);
    BOOST_TEST_CONTEXT("scene " << i) {
      const auto from_infrared = detector.detect(s.infrared);
      check_well_formed(from_infrared, s.infrared, 8);
      count(infrared, s, from_infrared);
      count(top3, s, {from_infrared.begin(), from_infrared.begin() + std::min<std::size_t>(3, from_infrared.size())});
      const cv::Mat gray = gray_of(s.color);
      const auto from_colour = detector.detect(gray);
      check_well_formed(from_colour, gray, 8);
      count(colour, s, from_colour);
    }
  }
  BOOST_TEST_MESSAGE("recall: infrared " << infrared.value() << ", colour " << colour.value()
                                         << ", infrared top 3 " << top3.value());
  BOOST_TEST(infrared.plates >= 40);
  BOOST_TEST(infrared.value() >= 0.9);
  BOOST_TEST(colour.value() >= 0.9);
  BOOST_TEST(top3.value() >= 0.85);
}

// A night frame without infrared, its grey levels squeezed into a sixth of the range (a dark car
// under weak light) with sensor noise. Measured on these 40 scenes: found 100 %, top 3 97.5 %
// (with CLAHE and no stretch: 97.5 % and 72.5 %).
BOOST_AUTO_TEST_CASE(finds_dark_low_contrast_plates_near_the_top) {
  const PlateDetector detector;
  Recall all, top3;
  for (int i = 0; i < 40; ++i) {
    std::mt19937 rng(static_cast<std::uint32_t>(9000 + i));
    SceneOptions options;
    options.night = true;
    options.infrared = false;
    options.max_tilt_deg = 10;
    const Scene s = renderer().render_scene({kTexts[i % kTexts.size()]}, options, rng);
    cv::Mat dark;
    gray_of(s.color).convertTo(dark, CV_16S, 0.15, 3);
    cv::Mat noise(dark.size(), CV_16S);
    cv::randn(noise, 0, 2);
    dark += noise;
    dark.convertTo(dark, CV_8U);
    BOOST_TEST_CONTEXT("scene " << i) {
      const auto regions = detector.detect(dark);
      check_well_formed(regions, dark, 8);
      count(all, s, regions);
      count(top3, s, {regions.begin(), regions.begin() + std::min<std::size_t>(3, regions.size())});
    }
  }
  BOOST_TEST_MESSAGE("dark recall: " << all.value() << ", top 3 " << top3.value());
  BOOST_TEST(all.value() >= 0.95);
  BOOST_TEST(top3.value() >= 0.9);
}

BOOST_AUTO_TEST_CASE(max_regions_limits_and_keeps_the_best_first) {
  const Scene s = scene(2);
  const cv::Mat gray = gray_of(s.color);
  DetectorOptions many;
  many.max_regions = 50;
  const auto all = PlateDetector(many).detect(gray);
  check_well_formed(all, gray, 50);
  for (const int n : {1, 3, 8}) {
    DetectorOptions options;
    options.max_regions = n;
    const auto some = PlateDetector(options).detect(gray);
    BOOST_TEST_CONTEXT("max_regions " << n) {
      check_well_formed(some, gray, n);
      BOOST_TEST(some.size() == std::min<std::size_t>(n, all.size()));
      // The same ranking, cut short.
      for (std::size_t i = 0; i < some.size(); ++i) {
        BOOST_TEST(some[i].box == all[i].box);
        BOOST_TEST(some[i].score == all[i].score);
      }
    }
  }
  DetectorOptions none;
  none.max_regions = 0;
  BOOST_TEST(PlateDetector(none).detect(gray).empty());
}

BOOST_AUTO_TEST_CASE(reports_its_times) {
  const Scene s = scene(4);
  DetectionTimes times;
  times.proposed = -1;
  const auto regions = PlateDetector().detect(s.infrared, &times);
  BOOST_TEST(times.find_ms > 0);
  BOOST_TEST(times.rank_ms > 0);
  BOOST_TEST(times.proposed >= static_cast<int>(regions.size()));
  // detect() is const and stateless: the same frame gives the same answer.
  const auto again = PlateDetector().detect(s.infrared);
  BOOST_REQUIRE(again.size() == regions.size());
  for (std::size_t i = 0; i < again.size(); ++i) BOOST_TEST(again[i].box == regions[i].box);
}

BOOST_AUTO_TEST_CASE(finds_plates_in_a_downscaled_full_hd_frame_with_corners_in_frame_pixels) {
  std::mt19937 rng(77);
  SceneOptions options;
  options.size = {1920, 1080};
  const Scene s = renderer().render_scene({"7ABC123"}, options, rng);
  const auto regions = PlateDetector().detect(s.infrared);
  Recall recall;
  count(recall, s, regions);
  BOOST_TEST(recall.found == 1);
  check_well_formed(regions, s.infrared, 8);
}

BOOST_AUTO_TEST_CASE(odd_input_gives_no_regions_or_some_but_never_throws) {
  const PlateDetector detector;
  std::vector<std::pair<std::string, cv::Mat>> inputs;
  inputs.emplace_back("empty", cv::Mat());
  inputs.emplace_back("1x1", cv::Mat(1, 1, CV_8UC1, cv::Scalar(7)));
  inputs.emplace_back("2x2", cv::Mat(2, 2, CV_8UC1, cv::Scalar(200)));
  inputs.emplace_back("15x7", cv::Mat(7, 15, CV_8UC1, cv::Scalar(0)));
  inputs.emplace_back("40x20", cv::Mat(20, 40, CV_8UC1, cv::Scalar(99)));
  inputs.emplace_back("1x5000", cv::Mat(5000, 1, CV_8UC1, cv::Scalar(9)));
  inputs.emplace_back("5000x1", cv::Mat(1, 5000, CV_8UC1, cv::Scalar(9)));
  inputs.emplace_back("20x9000", cv::Mat(9000, 20, CV_8UC1, cv::Scalar(9)));
  inputs.emplace_back("uniform", cv::Mat(720, 1280, CV_8UC1, cv::Scalar(128)));
  cv::Mat noise(720, 1280, CV_8UC1);
  cv::randu(noise, 0, 256);
  inputs.emplace_back("noise", noise);

  const Scene s = scene(3);
  const cv::Mat gray = gray_of(s.color);
  inputs.emplace_back("colour BGR", s.color);
  cv::Mat bgra;
  cv::cvtColor(s.color, bgra, cv::COLOR_BGR2BGRA);
  inputs.emplace_back("colour BGRA", bgra);
  cv::Mat two;
  cv::merge(std::vector<cv::Mat>{gray, gray}, two);
  inputs.emplace_back("two channels", two);
  cv::Mat u16, s16, f32, f64, s8;
  gray.convertTo(u16, CV_16U, 256);
  inputs.emplace_back("16-bit", u16);
  gray.convertTo(s16, CV_16S, 10, -1000);
  inputs.emplace_back("signed 16-bit", s16);
  gray.convertTo(s8, CV_8S, 1, -128);
  inputs.emplace_back("signed 8-bit", s8);
  gray.convertTo(f32, CV_32F, 1 / 255.0);
  f32.at<float>(10, 10) = std::numeric_limits<float>::quiet_NaN();
  f32.at<float>(20, 20) = std::numeric_limits<float>::infinity();
  inputs.emplace_back("float with NaN and inf", f32);
  gray.convertTo(f64, CV_64F);
  cv::Mat f64c3;
  cv::merge(std::vector<cv::Mat>{f64, f64, f64}, f64c3);
  inputs.emplace_back("double, 3 channels", f64c3);
  inputs.emplace_back("a region of interest", gray(cv::Rect(101, 53, 700, 401)));
  const int dims[3] = {4, 4, 4};
  inputs.emplace_back("3-D", cv::Mat(3, dims, CV_8UC1, cv::Scalar(1)));

  for (const auto& [name, m] : inputs) {
    BOOST_TEST_CONTEXT(name) {
      std::vector<PlateRegion> regions;
      DetectionTimes times;
      BOOST_CHECK_NO_THROW(regions = detector.detect(m, &times));
      if (m.dims == 2 && !m.empty()) check_well_formed(regions, m, 8);
      if (m.empty() || m.total() < 16 * 8) BOOST_TEST(regions.empty());
    }
  }
  // Converted input still finds the plates of the scene.
  for (const auto& m : {s.color, u16, f32}) {
    Recall recall;
    count(recall, s, detector.detect(m));
    BOOST_TEST(recall.found >= 1);
  }
  // Odd options too.
  DetectorOptions odd;
  odd.working_width = -5;
  odd.min_plate_width = -1;
  odd.max_plate_width_fraction = 7;
  BOOST_CHECK_NO_THROW(PlateDetector(odd).detect(gray));
  odd.min_plate_width = 1e9;
  odd.max_plate_width_fraction = 0;
  BOOST_CHECK_NO_THROW(PlateDetector(odd).detect(gray));
}

BOOST_AUTO_TEST_CASE(a_huge_frame_is_downscaled_first_and_returns_promptly) {
  cv::Mat huge(12000, 12000, CV_8UC1);
  cv::randu(huge, 0, 256);
  const auto start = std::chrono::steady_clock::now();
  std::vector<PlateRegion> regions;
  BOOST_CHECK_NO_THROW(regions = PlateDetector().detect(huge));
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  BOOST_TEST_MESSAGE("12000x12000: " << seconds << " s, " << regions.size() << " regions");
  BOOST_TEST(seconds < 3.0);  // ~0.1 s measured; generous for loaded CI machines
  check_well_formed(regions, huge, 8);
}
