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

namespace platebus::synthetic {

inline constexpr std::size_t kMinPlateChars = 2;
inline constexpr std::size_t kMaxPlateChars = 8;
inline constexpr int kMaxPlatesPerScene = 4;
inline constexpr const char* kDefaultFontDir = "/usr/share/fonts/truetype/dejavu";

// Why `text` cannot go on a plate, or "" when it can: 2 to 8 characters of A-Z, 0-9, space or dash,
// beginning and ending with a letter or digit.
std::string plate_text_problem(std::string_view text);

enum class BandPlacement { none, top, bottom, gradient };
enum class StateFont { sans, serif, italic };

// One plate design. Colours are BGR; the infrared look is derived (see PlateImage).
struct PlateStyle {
  std::string state;   // printed small across the top
  std::string slogan;  // printed small across the bottom
  StateFont state_font = StateFont::sans;
  cv::Scalar background{245, 245, 245};
  cv::Scalar band{235, 225, 200};  // a light graphic band, used unless `band_placement` is none
  BandPlacement band_placement = BandPlacement::none;
  cv::Scalar characters{30, 30, 30};  // navy, black or maroon
  cv::Scalar state_color{30, 30, 30};
  cv::Scalar slogan_color{30, 30, 30};
  cv::Scalar border{40, 40, 40};
  bool four_bolt_holes = false;
  bool sticker = false;  // a registration sticker in a top corner
};

// A few designs modelled loosely on real states' plates.
const std::vector<PlateStyle>& plate_styles();
// One of plate_styles(), with small random variations (sticker, bolt holes).
PlateStyle random_plate_style(std::mt19937& rng);

// A flat, front-on plate. `alpha` is 255 inside the plate's rounded outline and 0 in the corners.
struct PlateImage {
  cv::Mat color;     // CV_8UC3, width x width/2
  cv::Mat infrared;  // CV_8UC1: bright retro-reflective background, dark characters
  cv::Mat alpha;     // CV_8UC1
};

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
  // options out of range or a frame smaller than 160x120.
  Scene render_scene(const std::vector<std::string>& texts, const SceneOptions& options,
                     std::mt19937& rng);

 private:
  struct Fonts;
  std::unique_ptr<Fonts> fonts_;
  // Sensor noise comes from fixed tiles cut at random offsets: drawing fresh gaussian noise for
  // every pixel costs ~10 ms per 1280x720 frame, a shifted tile under 1 ms.
  cv::Mat color_noise_, infrared_noise_;
  double noise_sigma_ = -1;
};

}  // namespace platebus::synthetic
