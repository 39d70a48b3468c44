#pragma once
// Internal to the detector: scores a proposed region by the evidence of a row of characters in it
// ("row isolation"), refits it to the plate the row implies, and suppresses overlapping regions.
#include <array>
#include <vector>

#include <opencv2/core.hpp>

namespace platebus::recognition::detail {

struct RankedRegion {
  std::array<cv::Point2f, 4> corners;  // clockwise from top-left, in the pixels of `gray`
  double score = 0;
  int characters = 0;  // size of the character row found (0 when none)
};

// `gray` is CV_8UC1; `proposal` has its width along its longer side.
RankedRegion rank_region(const cv::Mat& gray, const cv::RotatedRect& proposal);

// Axis-aligned bounds of four corners.
cv::Rect2d bounds_of(const std::array<cv::Point2f, 4>& corners);

// Best first; a region is dropped when it overlaps a better one (IoU above `max_iou`, or most of
// the smaller one inside the other). Keeps at most `keep`.
std::vector<RankedRegion> suppress_overlaps(std::vector<RankedRegion> regions, double max_iou,
                                            int keep);

}  // namespace platebus::recognition::detail
