#pragma once
// Internal to the detector: proposes rotated rectangles that may hold a row of plate characters,
// by morphology (blackhat and tophat, Sobel-x, close, Otsu, contours) on an image pyramid.
#include <vector>

#include <opencv2/core.hpp>

namespace platebus::recognition::detail {

struct ProposalLimits {
  double min_width = 24;  // of a plate, in the pixels of the image passed in
  double max_width = 800;
};

// `gray` is CV_8UC1 (a dark frame already stretched). Rectangles are in its pixels, with
// width along the longer side.
std::vector<cv::RotatedRect> propose_regions(const cv::Mat& gray, const ProposalLimits& limits);

}  // namespace platebus::recognition::detail
