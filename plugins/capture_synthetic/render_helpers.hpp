#pragma once
// Small drawing and random-draw helpers shared by the renderer's files. Internal: not part of the
// plugin's interface.
#include <random>
#include <vector>

#include <opencv2/core.hpp>

namespace platebus::synthetic {

inline double uniform(std::mt19937& rng, double low, double high) {
  return std::uniform_real_distribution<double>(low, high)(rng);
}
inline int uniform_int(std::mt19937& rng, int low, int high) {
  return std::uniform_int_distribution<int>(low, high)(rng);
}
inline bool chance(std::mt19937& rng, double p) { return uniform(rng, 0, 1) < p; }

inline cv::Scalar scaled(const cv::Scalar& c, double f) { return cv::Scalar(c[0] * f, c[1] * f, c[2] * f); }
inline double luma(const cv::Scalar& bgr) { return 0.114 * bgr[0] + 0.587 * bgr[1] + 0.299 * bgr[2]; }
inline cv::Point pt(double x, double y) { return cv::Point(cvRound(x), cvRound(y)); }

// dst = dst * (1 - a) + src * a, with a = alpha / 255; dst and src of the same size and type.
void blend_image(cv::Mat dst, const cv::Mat& src, const cv::Mat& alpha);

// Paints a flat colour through `mask` (anti-aliased ink) at `opacity`.
void blend_color(cv::Mat dst, const cv::Mat& mask, const cv::Scalar& color, double opacity = 1.0);

// A polygon tracing `r` with its corners rounded to `radius`.
std::vector<cv::Point> rounded_rect(cv::Rect2d r, double radius);

}  // namespace platebus::synthetic
