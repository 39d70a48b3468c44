#pragma once
// Paints one flat, front-on plate in colour and infrared.
#include <string_view>

#include <opencv2/core.hpp>

#include "plate_styles.hpp"

namespace platebus::synthetic {

struct PlateFonts;

// A flat, front-on plate. `alpha` is 255 inside the plate's rounded outline and 0 in the corners.
struct PlateImage {
  cv::Mat color;     // CV_8UC3, width x width/2
  cv::Mat infrared;  // CV_8UC1: bright retro-reflective background, dark characters
  cv::Mat alpha;     // CV_8UC1
};

// Paints `text` in `style`, `width` pixels wide. Does not check its arguments: callers go through
// PlateRenderer::render_plate, which does.
PlateImage paint_plate(const PlateFonts& fonts, std::string_view text, const PlateStyle& style, int width);

}  // namespace platebus::synthetic
