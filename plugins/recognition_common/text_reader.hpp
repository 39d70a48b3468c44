#pragma once
// Stage 3, the reading of one plate region, as the recognizer sees it: any engine (Tesseract, the
// plate network) turns a region of a grey frame into text, a confidence and other likely readings.
// A reader is used by one worker thread at a time; each worker holds its own.
#include <optional>
#include <string>
#include <vector>

#include <opencv2/core.hpp>

#include "plate_candidate.hpp"

namespace platebus::recognition {

struct Alternative {
  std::string text;
  double confidence = 0;  // 0..1
};

struct PlateText {
  std::string text;        // A-Z and 0-9 only
  double confidence = 0;   // 0..1
  std::vector<Alternative> alternatives;  // best first, not including `text`
  cv::Mat crop;            // the rectified plate image that was read (8-bit grey)
};

class TextReader {
 public:
  virtual ~TextReader() = default;
  // Nothing when the region holds no readable plate text. `gray` is 8-bit single channel.
  virtual std::optional<PlateText> read(const cv::Mat& gray, const PlateRegion& region) = 0;
};

}  // namespace platebus::recognition
