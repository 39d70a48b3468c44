#pragma once
// Cuts a plate region out of a frame as an upright grey image of fixed height: the region's four
// corners are warped to a rectangle, with a small margin kept around it.
#include <array>

#include <opencv2/core.hpp>

namespace platebus::recognition {

struct RectifyOptions {
  int height = 160;          // output height in pixels (the row isolation works at this scale)
  double margin = 0.0;       // extra border kept on every side, as a fraction of the plate height
  double min_aspect = 0.8;   // width/height of the output is clamped to [min_aspect, max_aspect]
  double max_aspect = 6.0;
  double min_source_height = 10;  // regions lower than this (in frame pixels) are not read
};

// The upright crop (CV_8UC1, options.height high), or an empty Mat when the corners are not a
// usable quadrilateral: not finite, degenerate, self-crossing, lower than min_source_height, or
// entirely outside the frame. `gray` may be 8-bit grey or BGR/BGRA (converted). Corners are
// clockwise from top-left; parts outside the frame are filled by replicating its edge.
cv::Mat rectify_plate(const cv::Mat& gray, const std::array<cv::Point2f, 4>& corners,
                      const RectifyOptions& options = {});

// The same quadrilateral stretched along its top and bottom edges by `share` of their length on
// each side (left and right edges move outwards, parallel to themselves).
std::array<cv::Point2f, 4> widened(const std::array<cv::Point2f, 4>& corners, double share);

}  // namespace platebus::recognition
