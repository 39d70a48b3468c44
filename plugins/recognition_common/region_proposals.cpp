// Region proposals by morphology. Plate characters are a row of short, high-contrast vertical
// strokes: a blackhat (dark characters on a light plate) or tophat (light on dark) with a kernel
// wider than a stroke keeps them and drops wide shapes; Sobel-x keeps the vertical edges; a wide
// close joins the characters of a row into one blob. Each pyramid level handles plates of about
// one octave-and-a-half of widths, so the kernels stay fixed and small.
#include "region_proposals.hpp"

#include <algorithm>
#include <cmath>

#include <opencv2/imgproc.hpp>

namespace platebus::recognition::detail {
namespace {

// Plate widths, in pixels of a pyramid level, that the fixed kernels below suit best.
constexpr double kLevelMinWidth = 36;
constexpr double kLevelMaxWidth = 170;
// Rows of characters are wider than tall, but not by much more than a long US plate's.
constexpr double kMinAspect = 1.2;
constexpr double kMaxAspect = 15;
constexpr double kMinFill = 0.3;  // contour area over its rotated rectangle's
constexpr float kDuplicateIou = 0.8f;
constexpr double kMaxAngle = 30;  // degrees from horizontal

cv::Mat stroke_energy(const cv::Mat& hat) {
  cv::Mat gx;
  cv::Sobel(hat, gx, CV_16S, 1, 0, 3);
  cv::convertScaleAbs(gx, gx);
  double max_value = 0;
  cv::minMaxLoc(gx, nullptr, &max_value);
  if (max_value > 0) gx.convertTo(gx, CV_8U, 255.0 / max_value);
  return gx;
}

void blobs_of(const cv::Mat& energy, double min_w, double max_w, double scale,
              std::vector<cv::RotatedRect>& out) {
  static const cv::Mat kClose = cv::getStructuringElement(cv::MORPH_RECT, {17, 5});
  static const cv::Mat kSmall = cv::getStructuringElement(cv::MORPH_RECT, {3, 3});
  cv::Mat m;
  cv::GaussianBlur(energy, m, {5, 5}, 0);
  cv::morphologyEx(m, m, cv::MORPH_CLOSE, kClose);
  cv::threshold(m, m, 0, 255, cv::THRESH_BINARY | cv::THRESH_OTSU);
  cv::erode(m, m, kSmall, {-1, -1}, 2);
  cv::dilate(m, m, kSmall, {-1, -1}, 2);

  std::vector<std::vector<cv::Point>> contours;
  cv::findContours(m, contours, cv::RETR_EXTERNAL, cv::CHAIN_APPROX_SIMPLE);
  for (const auto& contour : contours) {
    if (contour.size() < 4) continue;
    cv::RotatedRect r = cv::minAreaRect(contour);
    if (r.size.width < r.size.height) {
      std::swap(r.size.width, r.size.height);
      r.angle += 90;
    }
    while (r.angle > 90) r.angle -= 180;
    while (r.angle <= -90) r.angle += 180;
    const double w = r.size.width, h = r.size.height;
    if (h < 4 || w < min_w || w > max_w) continue;
    const double aspect = w / h;
    if (aspect < kMinAspect || aspect > kMaxAspect) continue;
    if (std::abs(r.angle) > kMaxAngle) continue;  // plates are not stood on end
    if (cv::contourArea(contour) < kMinFill * w * h) continue;
    r.center *= scale;
    r.size.width = static_cast<float>(w * scale);
    r.size.height = static_cast<float>(h * scale);
    out.push_back(r);
  }
}

// Both polarities and neighbouring pyramid levels often find the same blob; ranking it once is
// enough.
std::vector<cv::RotatedRect> without_duplicates(const std::vector<cv::RotatedRect>& in) {
  std::vector<cv::RotatedRect> out;
  std::vector<cv::Rect2f> boxes;
  for (const auto& r : in) {
    const cv::Rect2f b = r.boundingRect2f();
    bool duplicate = false;
    for (std::size_t k = 0; k < out.size() && !duplicate; ++k) {
      const float inter = (b & boxes[k]).area();
      duplicate = inter > kDuplicateIou * (b.area() + boxes[k].area() - inter) &&
                  std::abs(r.angle - out[k].angle) < 5;
    }
    if (duplicate) continue;
    out.push_back(r);
    boxes.push_back(b);
  }
  return out;
}

}  // namespace

std::vector<cv::RotatedRect> propose_regions(const cv::Mat& gray, const ProposalLimits& limits) {
  std::vector<cv::RotatedRect> out;
  static const cv::Mat kHat = cv::getStructuringElement(cv::MORPH_RECT, {13, 5});
  cv::Mat level = gray;
  double scale = 1;
  for (int l = 0; l < 6; ++l) {
    if (level.cols < 48 || level.rows < 16) break;
    // A row of characters is about 0.75 of its plate's width.
    const double min_w = (l == 0 ? std::min(kLevelMinWidth, limits.min_width) : kLevelMinWidth) * 0.6;
    const double max_w = std::min(kLevelMaxWidth, limits.max_width / scale);
    if (max_w > min_w) {
      cv::Mat hat;
      cv::morphologyEx(level, hat, cv::MORPH_BLACKHAT, kHat);
      blobs_of(stroke_energy(hat), min_w, max_w, scale, out);
      cv::morphologyEx(level, hat, cv::MORPH_TOPHAT, kHat);
      blobs_of(stroke_energy(hat), min_w, max_w, scale, out);
    }
    if (kLevelMaxWidth * scale >= limits.max_width) break;
    cv::Mat next;
    cv::pyrDown(level, next);
    level = next;
    scale *= 2;
  }
  return without_duplicates(out);
}

}  // namespace platebus::recognition::detail
