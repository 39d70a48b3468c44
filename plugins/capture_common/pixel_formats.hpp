#pragma once
// The two pixel layouts a Frame carries: colour as 8-bit BGR, infrared as 8-bit grey, from whatever a
// camera or file gives (grey, alpha, 16-bit). Deep images are scaled so the brightest pixel becomes
// 255: sensors often fill only 10 or 12 of 16 bits, which a plain /256 would leave nearly black.
// Both return a Mat that no later read writes into, so it can be published as it is.
#include <opencv2/core.hpp>

namespace platebus::capture {

cv::Mat as_bgr8(const cv::Mat& image);
cv::Mat as_gray8(const cv::Mat& image);

}  // namespace platebus::capture
