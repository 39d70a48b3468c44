#pragma once
// Paints the street behind the vehicles: scenery, buildings, kerb and lane markings.
#include <random>

#include <opencv2/core.hpp>

namespace platebus::synthetic {

struct Background {
  cv::Mat color;    // CV_8UC3, freshly allocated
  int horizon = 0;  // the kerb's row: scenery above, road below
};

Background paint_background(cv::Size size, bool night, std::mt19937& rng);

}  // namespace platebus::synthetic
