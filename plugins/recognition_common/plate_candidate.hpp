#pragma once
// What the detection stage hands to the reading stage: a region of a frame that may hold a plate.
#include <array>

#include <opencv2/core.hpp>

namespace platebus::recognition {

struct PlateRegion {
  std::array<cv::Point2f, 4> corners;  // in frame pixels, clockwise from top-left
  cv::Rect box;                        // axis-aligned bounds of the corners, clipped to the frame
  double score = 0;                    // higher is more plate-like; comparable within one frame
};

}  // namespace platebus::recognition
