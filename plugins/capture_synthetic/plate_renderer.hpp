#pragma once
// Renders US-style licence plates, and road scenes with vehicles carrying them, for the
// capture.synthetic plugin and for tests. Pure OpenCV: no PlateBus SDK here. Every random choice
// comes from the std::mt19937 the caller passes in, so a seed reproduces a scene exactly.
#include <array>
#include <memory>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include <opencv2/core.hpp>

#include "plate_painter.hpp"  // PlateImage
#include "plate_styles.hpp"   // PlateStyle, plate_styles(), random_plate_style()
#include "plate_text.hpp"     // plate_text_problem(), kMinPlateChars, kMaxPlateChars

namespace platebus::synthetic {

struct PlateFonts;

inline constexpr int kMaxPlatesPerScene = 4;
inline constexpr const char* kDefaultFontDir = "/usr/share/fonts/truetype/dejavu";

// A plate's four corners in image pixels, clockwise from top-left.
using Quad = std::array<cv::Point2f, 4>;

struct SceneOptions {
  cv::Size size{1280, 720};
  bool infrared = true;       // also render the infrared image
  bool night = false;         // dark colour image with headlight glare
  double blur_sigma = 0.5;    // gaussian blur in pixels; 0 = none
  double noise_sigma = 4.0;   // sensor noise standard deviation in grey levels
  double max_tilt_deg = 15;   // each vehicle is turned by up to this much about each axis
};

struct PlacedPlate {
  std::string text;
  Quad corners;
};

struct Scene {
  cv::Mat color;     // CV_8UC3, options.size; a fresh allocation on every call
  cv::Mat infrared;  // CV_8UC1, options.size; empty unless options.infrared
  std::vector<PlacedPlate> plates;  // in the order of the texts given
};

class PlateRenderer {
 public:
  // Loads the DejaVu fonts from `font_dir`; when they are missing, text falls back to OpenCV's
  // built-in Hershey fonts (uglier, still readable), so rendering never fails for want of a font.
  explicit PlateRenderer(const std::string& font_dir = kDefaultFontDir);
  ~PlateRenderer();
  PlateRenderer(const PlateRenderer&) = delete;
  PlateRenderer& operator=(const PlateRenderer&) = delete;

  // True when the TrueType fonts were loaded.
  bool uses_truetype() const;

  // Throws std::invalid_argument for text that plate_text_problem() rejects or width < 48.
  PlateImage render_plate(std::string_view text, const PlateStyle& style, int width) const;

  // One vehicle per text (1 to 4), side by side. Throws std::invalid_argument for bad texts,
  // options out of range or a frame smaller than 160x120. Defined in scene_renderer.cpp.
  Scene render_scene(const std::vector<std::string>& texts, const SceneOptions& options,
                     std::mt19937& rng);

 private:
  std::unique_ptr<PlateFonts> fonts_;
  // Sensor noise comes from fixed tiles cut at random offsets: drawing fresh gaussian noise for
  // every pixel costs ~10 ms per 1280x720 frame, a shifted tile under 1 ms.
  cv::Mat color_noise_, infrared_noise_;
  double noise_sigma_ = -1;
};

}  // namespace platebus::synthetic
