#pragma once
// Stage 1 and 2: finds regions of a frame that may hold a plate (classical OpenCV: no trained
// model), then ranks them and keeps the best few. Pure OpenCV; no SDK, no threads of its own;
// one instance may be shared by threads (detect() is const and keeps no state).
#include <vector>

#include <opencv2/core.hpp>

#include "plate_candidate.hpp"

namespace platebus::recognition {

struct DetectorOptions {
  int max_regions = 4;           // ranked regions handed to the reader
  int working_width = 1280;      // frames wider than this are downscaled for detection
  double min_plate_width = 40;   // in frame pixels
  double max_plate_width_fraction = 0.6;  // of the frame width
};

struct DetectionTimes {
  double find_ms = 0;  // proposing regions
  double rank_ms = 0;  // scoring and keeping the best
  int proposed = 0;    // regions before ranking
};

class PlateDetector {
 public:
  explicit PlateDetector(DetectorOptions options = {});
  // `gray` is 8-bit single channel (the infrared image when there is one, else the colour image
  // converted). Returns at most max_regions regions, best first.
  std::vector<PlateRegion> detect(const cv::Mat& gray, DetectionTimes* times = nullptr) const;

 private:
  DetectorOptions options_;
};

}  // namespace platebus::recognition
