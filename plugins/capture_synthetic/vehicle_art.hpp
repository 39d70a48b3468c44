#pragma once
// Paints a vehicle, seen flat from the front or rear, carrying a plate.
#include <random>
#include <vector>

#include <opencv2/core.hpp>

#include "plate_painter.hpp"

namespace platebus::synthetic {

// A vehicle seen from the front or rear, flat, before the perspective warp.
struct VehicleArt {
  cv::Mat color, infrared, alpha;
  cv::Rect plate;                   // where the plate sits in the patch
  std::vector<cv::Point2f> lamps;   // lamp centres, for night glare
  bool lamps_lit = false;
  bool front = true;
};

// A vehicle `width` pixels wide (its height is random) with `plate_art` fitted on its bumper or boot.
VehicleArt paint_vehicle(const PlateImage& plate_art, int width, bool night, std::mt19937& rng);

}  // namespace platebus::synthetic
