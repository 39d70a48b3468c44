#pragma once
// The plate designs a synthetic plate is drawn in.
#include <random>
#include <string>
#include <vector>

#include <opencv2/core.hpp>

namespace platebus::synthetic {

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

}  // namespace platebus::synthetic
