#include "plate_rectifier.hpp"

#include <algorithm>
#include <cmath>

#include <opencv2/imgproc.hpp>

namespace platebus::recognition {

namespace {

double distance(cv::Point2f a, cv::Point2f b) { return std::hypot(double(a.x) - b.x, double(a.y) - b.y); }

double cross(cv::Point2f o, cv::Point2f a, cv::Point2f b) {
  return (double(a.x) - o.x) * (double(b.y) - o.y) - (double(a.y) - o.y) * (double(b.x) - o.x);
}

// True for a convex quadrilateral whose corners all turn the same way.
bool convex(const std::array<cv::Point2f, 4>& q) {
  int sign = 0;
  for (int i = 0; i < 4; ++i) {
    const double c = cross(q[i], q[(i + 1) % 4], q[(i + 2) % 4]);
    if (std::abs(c) < 1e-6) return false;
    const int s = c > 0 ? 1 : -1;
    if (sign != 0 && s != sign) return false;
    sign = s;
  }
  return true;
}

cv::Mat to_gray8(const cv::Mat& image) {
  cv::Mat gray = image;
  if (gray.channels() == 3) cv::cvtColor(gray, gray, cv::COLOR_BGR2GRAY);
  else if (gray.channels() == 4) cv::cvtColor(gray, gray, cv::COLOR_BGRA2GRAY);
  if (gray.depth() != CV_8U) {
    double lo = 0, hi = 0;
    cv::minMaxLoc(gray, &lo, &hi);
    gray.convertTo(gray, CV_8U, hi > lo ? 255.0 / (hi - lo) : 1.0, hi > lo ? -lo * 255.0 / (hi - lo) : 0);
  }
  return gray;
}

}  // namespace

cv::Mat rectify_plate(const cv::Mat& frame, const std::array<cv::Point2f, 4>& corners, const RectifyOptions& options) {
  if (frame.empty() || frame.dims != 2 || options.height < 8) return {};
  if (frame.channels() != 1 && frame.channels() != 3 && frame.channels() != 4) return {};
  for (const auto& p : corners)
    if (!std::isfinite(p.x) || !std::isfinite(p.y) || std::abs(p.x) > 1e6 || std::abs(p.y) > 1e6) return {};
  if (!convex(corners)) return {};

  const double top = distance(corners[0], corners[1]), bottom = distance(corners[3], corners[2]);
  const double left = distance(corners[0], corners[3]), right = distance(corners[1], corners[2]);
  const double plate_w = (top + bottom) / 2, plate_h = (left + right) / 2;
  if (plate_h < options.min_source_height || plate_w < options.min_source_height) return {};

  // Entirely outside the frame: nothing to read.
  const cv::Rect2f bounds = cv::boundingRect(std::vector<cv::Point2f>(corners.begin(), corners.end()));
  const cv::Rect2f frame_rect(0, 0, float(frame.cols), float(frame.rows));
  if ((bounds & frame_rect).area() <= 0) return {};

  const int out_h = options.height;
  const double aspect = std::clamp(plate_w / plate_h, options.min_aspect, options.max_aspect);
  const double margin_px = std::max(0.0, options.margin) * out_h;
  const double inner_h = out_h - 2 * margin_px;
  if (inner_h < 4) return {};
  const int out_w = std::max(8, int(std::lround(inner_h * aspect + 2 * margin_px)));
  const auto m = float(margin_px);
  const cv::Point2f dst[4] = {{m, m}, {out_w - m, m}, {out_w - m, out_h - m}, {m, out_h - m}};

  // Large regions are shrunk first (area averaging), so the warp does not alias; only the
  // region's neighbourhood is converted and scaled.
  cv::Point2f src[4];
  const double scale = inner_h / plate_h;
  const float pad = float(plate_h * 0.5 + 2);
  cv::Rect roi(cv::Point(int(std::floor(bounds.x - pad)), int(std::floor(bounds.y - pad))),
               cv::Point(int(std::ceil(bounds.x + bounds.width + pad)), int(std::ceil(bounds.y + bounds.height + pad))));
  roi &= cv::Rect(0, 0, frame.cols, frame.rows);
  if (roi.empty()) return {};
  cv::Mat source = to_gray8(frame(roi));
  double shrink = 1.0;
  if (scale < 0.5) {
    shrink = scale * 1.5;
    const cv::Size size(std::max(1, int(std::lround(roi.width * shrink))), std::max(1, int(std::lround(roi.height * shrink))));
    cv::resize(source, source, size, 0, 0, cv::INTER_AREA);
  }
  for (int i = 0; i < 4; ++i)
    src[i] = cv::Point2f(float((corners[i].x - roi.x) * shrink), float((corners[i].y - roi.y) * shrink));

  const cv::Mat h = cv::getPerspectiveTransform(src, dst);
  if (h.empty() || !cv::checkRange(h)) return {};
  cv::Mat out;
  cv::warpPerspective(source, out, h, cv::Size(out_w, out_h), cv::INTER_LINEAR, cv::BORDER_REPLICATE);
  return out;
}

std::array<cv::Point2f, 4> widened(const std::array<cv::Point2f, 4>& corners, double share) {
  const auto s = static_cast<float>(share);
  const cv::Point2f top = corners[1] - corners[0], bottom = corners[2] - corners[3];
  return {corners[0] - s * top, corners[1] + s * top, corners[2] + s * bottom, corners[3] - s * bottom};
}

}  // namespace platebus::recognition
