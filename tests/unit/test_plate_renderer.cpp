// Unit tests of the synthetic plate and scene renderer used by capture.synthetic.
#define BOOST_TEST_MODULE plate_renderer
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include <random>
#include <string>
#include <vector>

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include "plate_renderer.hpp"

using namespace platebus::synthetic;

namespace {

const std::vector<std::string> kTexts{"7ABC123", "4XYZ982", "8KLM551", "ABC-1234"};

std::vector<std::string> first(int n) { return {kTexts.begin(), kTexts.begin() + n}; }

// A shared renderer: loading the fonts once keeps the suite fast.
PlateRenderer& renderer() {
  static PlateRenderer r;
  return r;
}

Scene render(std::uint32_t seed, int plates, SceneOptions options = {}) {
  std::mt19937 rng(seed);
  return renderer().render_scene(first(plates), options, rng);
}

double cross(cv::Point2f o, cv::Point2f a, cv::Point2f b) {
  return static_cast<double>(a.x - o.x) * (b.y - o.y) - static_cast<double>(a.y - o.y) * (b.x - o.x);
}

std::vector<cv::Point> as_points(const Quad& q) { return {q.begin(), q.end()}; }

bool same(const cv::Mat& a, const cv::Mat& b) {
  return a.size() == b.size() && a.type() == b.type() && cv::norm(a, b, cv::NORM_INF) == 0;
}

}  // namespace

BOOST_AUTO_TEST_CASE(fonts_are_loaded_from_debian_dejavu) {
  // fonts-dejavu-core is a dependency of the project; without it plates fall back to Hershey.
  BOOST_TEST(renderer().uses_truetype());
}

BOOST_AUTO_TEST_CASE(scene_images_have_the_requested_size_and_format) {
  for (const cv::Size size : {cv::Size(1280, 720), cv::Size(1920, 1080), cv::Size(640, 480)}) {
    for (int n = 1; n <= kMaxPlatesPerScene; ++n) {
      SceneOptions options;
      options.size = size;
      const Scene scene = render(7, n, options);
      BOOST_TEST_CONTEXT("size " << size << ", " << n << " plates") {
        BOOST_TEST(scene.color.size() == size);
        BOOST_TEST(scene.color.type() == CV_8UC3);
        BOOST_TEST(scene.infrared.size() == size);
        BOOST_TEST(scene.infrared.type() == CV_8UC1);
        BOOST_REQUIRE_EQUAL(scene.plates.size(), static_cast<std::size_t>(n));
        for (int i = 0; i < n; ++i) BOOST_TEST(scene.plates[static_cast<std::size_t>(i)].text == kTexts[static_cast<std::size_t>(i)]);
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(infrared_is_empty_when_not_asked_for) {
  SceneOptions options;
  options.infrared = false;
  const Scene scene = render(3, 2, options);
  BOOST_TEST(scene.infrared.empty());
  BOOST_TEST(!scene.color.empty());
}

BOOST_AUTO_TEST_CASE(corners_lie_in_the_frame_and_form_a_clockwise_convex_plate_shape) {
  for (std::uint32_t seed = 1; seed <= 25; ++seed) {
    for (int n = 1; n <= kMaxPlatesPerScene; ++n) {
      SceneOptions options;
      options.max_tilt_deg = 30;  // steeper than the default, to stress the geometry
      options.night = seed % 2 == 0;
      const Scene scene = render(seed, n, options);
      for (const auto& plate : scene.plates) {
        BOOST_TEST_CONTEXT("seed " << seed << ", plate " << plate.text) {
          for (const auto& c : plate.corners) {
            BOOST_TEST(c.x >= 0.f);
            BOOST_TEST(c.y >= 0.f);
            BOOST_TEST(c.x <= static_cast<float>(options.size.width - 1));
            BOOST_TEST(c.y <= static_cast<float>(options.size.height - 1));
          }
          // Clockwise on screen (y down) means every turn has a positive cross product.
          for (int i = 0; i < 4; ++i) {
            BOOST_TEST(cross(plate.corners[i], plate.corners[(i + 1) % 4], plate.corners[(i + 2) % 4]) > 0.0);
          }
          // Top-left first: the first corner is left of the second and above the fourth.
          BOOST_TEST(plate.corners[0].x < plate.corners[1].x);
          BOOST_TEST(plate.corners[0].y < plate.corners[3].y);
          // A 12x6 inch plate stays roughly 2:1 under a 30 degree tilt.
          const double width = cv::norm(plate.corners[1] - plate.corners[0]);
          const double height = cv::norm(plate.corners[3] - plate.corners[0]);
          BOOST_TEST(width / height > 1.3);
          BOOST_TEST(width / height < 3.2);
          // Even four vehicles across a 1280 pixel frame, turned by 30 degrees, keep plates over
          // 32 pixels wide (characters about 13 pixels tall).
          BOOST_TEST(width > 32.0);
        }
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(plate_is_brighter_than_its_surroundings_in_infrared) {
  for (std::uint32_t seed = 1; seed <= 10; ++seed) {
    SceneOptions options;
    options.night = seed % 2 == 1;
    const Scene scene = render(seed, 1 + static_cast<int>(seed % 4), options);
    for (const auto& plate : scene.plates) {
      cv::Mat inside = cv::Mat::zeros(scene.infrared.size(), CV_8UC1);
      cv::fillConvexPoly(inside, as_points(plate.corners), cv::Scalar(255));
      // A ring as wide as a third of the plate's height around it: bumper, recess, body.
      const double height = cv::norm(plate.corners[3] - plate.corners[0]);
      const int grow = std::max(3, static_cast<int>(height / 3));
      cv::Mat around;
      cv::dilate(inside, around, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(2 * grow + 1, 2 * grow + 1)));
      around.setTo(0, inside);
      const double plate_mean = cv::mean(scene.infrared, inside)[0];
      const double around_mean = cv::mean(scene.infrared, around)[0];
      BOOST_TEST_CONTEXT("seed " << seed << ", plate " << plate.text) {
        BOOST_TEST(plate_mean > around_mean + 60);
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(same_seed_gives_identical_images_and_another_seed_different_ones) {
  const Scene a = render(42, 3);
  const Scene b = render(42, 3);
  BOOST_TEST(same(a.color, b.color));
  BOOST_TEST(same(a.infrared, b.infrared));
  for (std::size_t i = 0; i < a.plates.size(); ++i)
    for (int k = 0; k < 4; ++k) BOOST_TEST(a.plates[i].corners[k] == b.plates[i].corners[k]);

  // A renderer of its own (fresh noise tiles, fresh fonts) gives the same result too.
  PlateRenderer other;
  std::mt19937 rng(42);
  const Scene c = other.render_scene(first(3), SceneOptions{}, rng);
  BOOST_TEST(same(a.color, c.color));

  const Scene d = render(43, 3);
  BOOST_TEST(!same(a.color, d.color));
  BOOST_TEST(!same(a.infrared, d.infrared));
}

BOOST_AUTO_TEST_CASE(each_output_is_a_fresh_allocation) {
  std::mt19937 rng(5);
  const Scene a = renderer().render_scene(first(1), SceneOptions{}, rng);
  const Scene b = renderer().render_scene(first(1), SceneOptions{}, rng);
  BOOST_TEST(a.color.data != b.color.data);
  BOOST_TEST(a.infrared.data != b.infrared.data);
}

BOOST_AUTO_TEST_CASE(every_supported_character_count_renders) {
  const std::string pool = "7ABC1234XY";
  std::mt19937 rng(9);
  for (std::size_t n = kMinPlateChars; n <= kMaxPlateChars; ++n) {
    const std::string text = pool.substr(0, n);
    BOOST_TEST_CONTEXT("\"" << text << "\"") {
      BOOST_TEST(plate_text_problem(text).empty());
      const PlateImage plate = renderer().render_plate(text, plate_styles().front(), 240);
      BOOST_TEST(plate.color.size() == cv::Size(240, 120));
      BOOST_TEST(plate.infrared.size() == cv::Size(240, 120));
      BOOST_TEST(plate.alpha.at<uchar>(60, 120) == 255);
      BOOST_TEST(plate.alpha.at<uchar>(0, 0) < 128);  // rounded corner
      // The character row holds dark ink on the bright retro-reflective sheeting.
      const cv::Mat row = plate.infrared(cv::Rect(24, 40, 192, 40));
      double low = 0, high = 0;
      cv::minMaxLoc(row, &low, &high);
      BOOST_TEST(low < 80.0);
      BOOST_TEST(high > 200.0);
      // More characters cover more of the row.
      const Scene scene = renderer().render_scene({text}, SceneOptions{}, rng);
      BOOST_TEST(scene.plates.size() == 1u);
    }
  }
}

BOOST_AUTO_TEST_CASE(longer_texts_cover_more_of_the_plate) {
  const auto ink = [](const std::string& text) {
    const PlateImage plate = renderer().render_plate(text, plate_styles().front(), 240);
    cv::Mat dark;
    cv::threshold(plate.infrared(cv::Rect(12, 36, 216, 50)), dark, 100, 255, cv::THRESH_BINARY_INV);
    return cv::boundingRect(dark).width;
  };
  BOOST_TEST(ink("AB") < ink("ABC123"));
}

BOOST_AUTO_TEST_CASE(every_style_renders_light_plates_with_dark_characters) {
  for (const auto& style : plate_styles()) {
    BOOST_TEST_CONTEXT(style.state) {
      const PlateImage plate = renderer().render_plate("7ABC123", style, 360);
      cv::Mat grey;
      cv::cvtColor(plate.color, grey, cv::COLOR_BGR2GRAY);
      // Sample between the character row and the slogan: sheeting or a light band.
      BOOST_TEST(cv::mean(grey(cv::Rect(150, 136, 60, 6)))[0] > 150.0);
      double low = 0;
      cv::minMaxLoc(grey(cv::Rect(30, 60, 300, 60)), &low);
      BOOST_TEST(low < 90.0);
    }
  }
}

BOOST_AUTO_TEST_CASE(missing_fonts_fall_back_to_hershey) {
  PlateRenderer fallback("/nonexistent/fonts");
  BOOST_TEST(!fallback.uses_truetype());
  const PlateImage plate = fallback.render_plate("8KLM551", plate_styles()[1], 240);
  double low = 0;
  cv::minMaxLoc(plate.infrared(cv::Rect(24, 40, 192, 40)), &low);
  BOOST_TEST(low < 80.0);
}

BOOST_AUTO_TEST_CASE(bad_input_is_rejected) {
  const PlateStyle style = plate_styles().front();
  for (const std::string bad : {"", "A", "abc123", "ABC_123", "ABCDEFGHIJK", " ABC", "ABC-", "ÄBC"}) {
    BOOST_TEST_CONTEXT("\"" << bad << "\"") {
      BOOST_TEST(!plate_text_problem(bad).empty());
      BOOST_CHECK_THROW(renderer().render_plate(bad, style, 240), std::invalid_argument);
    }
  }
  BOOST_CHECK_THROW(renderer().render_plate("7ABC123", style, 10), std::invalid_argument);

  std::mt19937 rng(1);
  BOOST_CHECK_THROW(renderer().render_scene({}, SceneOptions{}, rng), std::invalid_argument);
  BOOST_CHECK_THROW(renderer().render_scene({""}, SceneOptions{}, rng), std::invalid_argument);
  BOOST_CHECK_THROW(renderer().render_scene(std::vector<std::string>(5, "7ABC123"), SceneOptions{}, rng),
                    std::invalid_argument);
  SceneOptions tiny;
  tiny.size = cv::Size(100, 50);
  BOOST_CHECK_THROW(renderer().render_scene(first(1), tiny, rng), std::invalid_argument);
  SceneOptions negative_blur;
  negative_blur.blur_sigma = -1;
  BOOST_CHECK_THROW(renderer().render_scene(first(1), negative_blur, rng), std::invalid_argument);
}
