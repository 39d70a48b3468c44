#pragma once
// How a recognizer did on a labelled set: detection (a ranked region overlaps the labelled box at
// IoU >= 0.3), top-1 (the read over the box says the label), top-N (the label is among that read's
// alternatives), and time per image.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "platebus_eval/labelled_set.hpp"
#include "platebus_eval/recognizer_run.hpp"

namespace platebus::eval {

inline constexpr double kMinDetectionIoU = 0.3;

struct PlateVerdict {
  std::filesystem::path file;
  std::string expected;
  std::string got;  // the best read over the plate, "" when none
  bool detected = false;
  bool top1 = false;
  bool topn = false;
  Image crop;  // the plate crop of the read in `got`, empty when there is none
};

struct Score {
  int images = 0;
  int plates = 0;
  int detected = 0, top1 = 0, topn = 0;
  int unreadable_images = 0;
  double median_ms = 0, p90_ms = 0;
  double median_detect_ms = 0, median_rank_ms = 0, median_read_ms = 0;
  double images_per_second = 0;  // wall clock, all workers together
  std::vector<PlateVerdict> verdicts;

  double rate(int count) const { return plates ? static_cast<double>(count) / plates : 0; }
  nlohmann::json to_json() const;
};

Score score(const LabelledSet& set, const std::vector<ImageOutcome>& outcomes, double wall_s = 0);
double iou(const cv::Rect& a, const cv::Rect& b);

}  // namespace platebus::eval
