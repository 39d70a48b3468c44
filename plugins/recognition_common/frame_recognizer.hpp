#pragma once
// Everything done to one frame: pick the image to read (infrared when there is one), detect and
// rank regions, read each, and measure each stage. One per worker thread (it owns its reader).
#include <memory>
#include <string>
#include <vector>

#include <opencv2/core.hpp>

#include "plate_detector.hpp"
#include "text_reader.hpp"
#include "region_patterns.hpp"

namespace platebus::recognition {

struct RecognizedPlate {
  PlateRegion region;
  PlateText text;
  std::string region_code;  // the first region whose pattern the text matches
};

struct FrameTimes {
  double detect_ms = 0;
  double rank_ms = 0;
  double read_ms = 0;
  double total_ms = 0;
  int proposed = 0;  // regions the detector proposed
  int ranked = 0;    // regions handed to the reader
};

struct FrameRecognition {
  cv::Size read_size;                   // the image regions and corners refer to (infrared or colour)
  std::vector<PlateRegion> regions;     // what the detector handed to the reader, best first
  std::vector<RecognizedPlate> plates;  // one per plate, best first (plate_choice.hpp)
  FrameTimes times;
};

class FrameRecognizer {
 public:
  // `whole_frame`: the frame is a plate crop (a camera that sends crops, an evaluation of crops):
  // skip detection and read the whole image.
  FrameRecognizer(const PlateDetector& detector, std::unique_ptr<TextReader> reader, RegionPatterns patterns,
                  bool whole_frame);

  // `color` is bgr8 (may be empty when `infrared` is given); `infrared` gray8 (may be empty).
  // Throws std::invalid_argument when neither is usable.
  FrameRecognition recognize(const cv::Mat& color, const cv::Mat& infrared);

 private:
  const PlateDetector& detector_;
  std::unique_ptr<TextReader> reader_;
  RegionPatterns patterns_;
  bool whole_frame_;
};

}  // namespace platebus::recognition
