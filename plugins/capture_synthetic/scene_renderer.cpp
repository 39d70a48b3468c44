// PlateRenderer::render_scene: composes vehicles carrying plates onto a street, turned in
// perspective, then adds night glare, blur and sensor noise, in colour and infrared.
#include <algorithm>
#include <cmath>
#include <stdexcept>

#include <opencv2/imgproc.hpp>

#include "plate_renderer.hpp"
#include "render_helpers.hpp"
#include "street_background.hpp"
#include "vehicle_art.hpp"

namespace platebus::synthetic {

namespace {

using cv::Mat;
using cv::Point2f;
using cv::Scalar;

// The axis-aligned box around `points`.
cv::Rect2f bounds(const std::vector<Point2f>& points) {
  float x0 = points[0].x, y0 = points[0].y, x1 = x0, y1 = y0;
  for (const auto& p : points) {
    x0 = std::min(x0, p.x), y0 = std::min(y0, p.y), x1 = std::max(x1, p.x), y1 = std::max(y1, p.y);
  }
  return {x0, y0, x1 - x0, y1 - y0};
}

// A perspective view of a flat patch turned by yaw, pitch and roll (degrees), seen by a pinhole
// camera, scaled and centred on `centre`. Returns the patch's four corners in the frame.
std::vector<Point2f> turned_corners(cv::Size patch, double yaw, double pitch, double roll, double scale,
                                    Point2f centre) {
  const double a = yaw * CV_PI / 180, b = pitch * CV_PI / 180, c = roll * CV_PI / 180;
  const cv::Matx33d ry(std::cos(a), 0, std::sin(a), 0, 1, 0, -std::sin(a), 0, std::cos(a));
  const cv::Matx33d rx(1, 0, 0, 0, std::cos(b), -std::sin(b), 0, std::sin(b), std::cos(b));
  const cv::Matx33d rz(std::cos(c), -std::sin(c), 0, std::sin(c), std::cos(c), 0, 0, 0, 1);
  const cv::Matx33d r = rz * rx * ry;
  const double focal = 2.2 * std::max(patch.width, patch.height);  // about a 50 degree lens
  std::vector<Point2f> out;
  for (const auto& corner : {cv::Vec3d(0, 0, 0), cv::Vec3d(patch.width, 0, 0),
                             cv::Vec3d(patch.width, patch.height, 0), cv::Vec3d(0, patch.height, 0)}) {
    const cv::Vec3d q = r * (corner - cv::Vec3d(patch.width / 2.0, patch.height / 2.0, 0));
    const double z = q[2] + focal;
    out.emplace_back(static_cast<float>(centre.x + scale * focal * q[0] / z),
                     static_cast<float>(centre.y + scale * focal * q[1] / z));
  }
  return out;
}

// A fixed gaussian noise field (fixed seed, so it never depends on the caller's generator),
// a little larger than the frame so each frame can cut it at a different offset.
constexpr int kNoiseMargin = 64;
Mat noise_tile(cv::Size size, int channels, double sigma) {
  Mat tile(size.height + kNoiseMargin, size.width + kNoiseMargin, CV_16SC(channels));
  cv::RNG fixed(0x5EED + channels);
  fixed.fill(tile, cv::RNG::NORMAL, 0, sigma);
  return tile;
}

void add_noise(Mat& image, const Mat& tile, std::mt19937& rng) {
  const cv::Rect cut(uniform_int(rng, 0, kNoiseMargin - 1), uniform_int(rng, 0, kNoiseMargin - 1), image.cols,
                     image.rows);
  cv::add(image, tile(cut), image, cv::noArray(), image.depth());
}

}  // namespace

Scene PlateRenderer::render_scene(const std::vector<std::string>& texts, const SceneOptions& options,
                                  std::mt19937& rng) {
  if (texts.empty() || texts.size() > static_cast<std::size_t>(kMaxPlatesPerScene))
    throw std::invalid_argument("render_scene: give 1 to 4 plate texts, not " + std::to_string(texts.size()));
  for (const auto& text : texts)
    if (const auto problem = plate_text_problem(text); !problem.empty()) throw std::invalid_argument(problem);
  if (options.size.width < 160 || options.size.height < 120)
    throw std::invalid_argument("render_scene: the frame must be at least 160x120");
  if (!(options.blur_sigma >= 0 && options.noise_sigma >= 0 && options.max_tilt_deg >= 0 &&
        options.max_tilt_deg <= 60))
    throw std::invalid_argument("render_scene: blur and noise must be >= 0 and tilt within 0..60 degrees");

  const cv::Size size = options.size;
  Background bg = paint_background(size, options.night, rng);
  Scene scene;
  scene.color = bg.color;  // freshly allocated by paint_background
  if (options.infrared) {
    // Outside the illuminator's reach the infrared scene is dark.
    cv::cvtColor(scene.color, scene.infrared, cv::COLOR_BGR2GRAY);
    scene.infrared.convertTo(scene.infrared, -1, options.night ? 0.25 : 0.3, options.night ? 4 : 10);
  }

  struct Glow {
    Point2f at;
    double radius;
    Scalar color;
  };
  std::vector<Glow> glows;

  const int n = static_cast<int>(texts.size());
  const double slot = static_cast<double>(size.width) / n;
  for (int i = 0; i < n; ++i) {
    const double aspect_guess = 0.83;
    // Side by side vehicles fill most of their slot, so plates stay big enough to read.
    const double vehicle_w = std::min(slot * (n == 1 ? uniform(rng, 0.55, 0.9) : uniform(rng, 0.75, 0.97)),
                                      size.height * uniform(rng, 0.6, 0.92) / aspect_guess);
    const PlateStyle style = random_plate_style(rng);
    const int art_width = std::clamp(cvRound(vehicle_w * 0.18 * 2), 96, 480);  // 2x: crisp after downscaling
    const PlateImage plate = render_plate(texts[static_cast<std::size_t>(i)], style, art_width);
    VehicleArt v = paint_vehicle(plate, std::max(40, cvRound(vehicle_w)), options.night, rng);

    const double t = options.max_tilt_deg;
    const double yaw = uniform(rng, -t, t), pitch = uniform(rng, -t, t), roll = uniform(rng, -t, t) / 3;
    Point2f centre(static_cast<float>(slot * (i + 0.5) + uniform(rng, -0.4, 0.4) * (slot - vehicle_w)),
                   static_cast<float>(size.height * uniform(rng, 0.45, 0.65)));
    double scale = 1.0;
    std::vector<Point2f> corners;
    // Shrink until the turned vehicle fits in the frame, then slide it inside.
    for (int attempt = 0; attempt < 20; ++attempt) {
      corners = turned_corners(v.color.size(), yaw, pitch, roll, scale, centre);
      const cv::Rect2f box = bounds(corners);
      const double fit = std::min((size.width - 4) / box.width, (size.height - 4) / box.height);
      if (fit < 1) {
        scale *= fit * 0.98;
        continue;
      }
      const float dx = std::max(0.f, 2 - box.x) - std::max(0.f, box.br().x - (size.width - 2));
      const float dy = std::max(0.f, 2 - box.y) - std::max(0.f, box.br().y - (size.height - 2));
      for (auto& c : corners) c += Point2f(dx, dy);
      break;
    }
    const std::vector<Point2f> patch_corners{{0, 0},
                                             {static_cast<float>(v.color.cols), 0},
                                             {static_cast<float>(v.color.cols), static_cast<float>(v.color.rows)},
                                             {0, static_cast<float>(v.color.rows)}};
    const cv::Matx33d to_frame = cv::getPerspectiveTransform(patch_corners, corners);

    // A soft contact shadow on the road under the vehicle.
    const Point2f under = (corners[2] + corners[3]) * 0.5f;
    const double under_w = cv::norm(corners[2] - corners[3]);
    cv::ellipse(scene.color, under, cv::Size(cvRound(under_w * 0.52), std::max(2, cvRound(under_w * 0.035))), 0, 0,
                360, Scalar(22, 22, 24), cv::FILLED, cv::LINE_AA);
    if (options.infrared)
      cv::ellipse(scene.infrared, under, cv::Size(cvRound(under_w * 0.52), std::max(2, cvRound(under_w * 0.035))), 0,
                  0, 360, Scalar(5), cv::FILLED, cv::LINE_AA);

    // Warp only into the vehicle's bounding box, not the whole frame.
    const cv::Rect box = cv::boundingRect(corners) & cv::Rect(0, 0, size.width, size.height);
    const cv::Matx33d to_box = cv::Matx33d(1, 0, -box.x, 0, 1, -box.y, 0, 0, 1) * to_frame;
    Mat alpha, warped;
    cv::warpPerspective(v.alpha, alpha, to_box, box.size(), cv::INTER_LINEAR, cv::BORDER_CONSTANT);
    cv::warpPerspective(v.color, warped, to_box, box.size(), cv::INTER_LINEAR, cv::BORDER_CONSTANT);
    blend_image(scene.color(box), warped, alpha);
    if (options.infrared) {
      cv::warpPerspective(v.infrared, warped, to_box, box.size(), cv::INTER_LINEAR, cv::BORDER_CONSTANT);
      blend_image(scene.infrared(box), warped, alpha);
    }

    // The plate's outer edges (pixel edges, hence the half pixel) mapped into the frame.
    const cv::Rect2f r(v.plate.x - 0.5f, v.plate.y - 0.5f, static_cast<float>(v.plate.width),
                       static_cast<float>(v.plate.height));
    std::vector<Point2f> plate_corners{r.tl(), {r.x + r.width, r.y}, r.br(), {r.x, r.y + r.height}}, mapped;
    cv::perspectiveTransform(plate_corners, mapped, to_frame);
    PlacedPlate placed;
    placed.text = texts[static_cast<std::size_t>(i)];
    std::copy(mapped.begin(), mapped.end(), placed.corners.begin());
    scene.plates.push_back(std::move(placed));

    if (options.night && v.lamps_lit) {
      std::vector<Point2f> lamps;
      cv::perspectiveTransform(v.lamps, lamps, to_frame);
      const double radius = under_w * (v.front ? 0.09 : 0.05);
      for (const auto& l : lamps)
        glows.push_back({l, radius, v.front ? Scalar(190, 215, 235) : Scalar(30, 30, 150)});
    }
  }

  if (options.night) {
    // Street lights above the kerb.
    for (int k = uniform_int(rng, 1, 3); k > 0; --k)
      glows.push_back({Point2f(static_cast<float>(uniform(rng, 0, size.width)),
                               static_cast<float>(bg.horizon * uniform(rng, 0.1, 0.6))),
                       size.height * 0.04, Scalar(80, 150, 210)});
    // Headlight glare: bright blobs blurred at quarter resolution (cheap), then added on top.
    const int f = 4;
    Mat glare(size.height / f + 1, size.width / f + 1, CV_8UC3, Scalar::all(0));
    for (const auto& g : glows)
      cv::circle(glare, g.at / f, std::max(1, cvRound(g.radius / f)), g.color, cv::FILLED, cv::LINE_AA);
    const double spread = std::max(2.0, size.width / (f * 80.0));
    cv::GaussianBlur(glare, glare, cv::Size(0, 0), spread);
    Mat up;
    cv::resize(glare, up, size, 0, 0, cv::INTER_LINEAR);
    cv::add(scene.color, up, scene.color);
  }

  if (options.blur_sigma > 0) {
    cv::GaussianBlur(scene.color, scene.color, cv::Size(0, 0), options.blur_sigma);
    if (options.infrared) cv::GaussianBlur(scene.infrared, scene.infrared, cv::Size(0, 0), options.blur_sigma);
  }
  if (options.noise_sigma > 0) {
    if (noise_sigma_ != options.noise_sigma || color_noise_.cols != size.width + kNoiseMargin ||
        color_noise_.rows != size.height + kNoiseMargin) {
      color_noise_ = noise_tile(size, 3, options.noise_sigma);
      infrared_noise_ = noise_tile(size, 1, options.noise_sigma);
      noise_sigma_ = options.noise_sigma;
    }
    add_noise(scene.color, color_noise_, rng);
    if (options.infrared) add_noise(scene.infrared, infrared_noise_, rng);
  }
  return scene;
}

}  // namespace platebus::synthetic
