#include "pixel_formats.hpp"

#include <opencv2/imgproc.hpp>

namespace platebus::capture {

namespace {

cv::Mat as_8bit(const cv::Mat& image) {
  if (image.depth() == CV_8U) return image;
  double max_value = 0;
  cv::minMaxLoc(image.reshape(1), nullptr, &max_value);
  cv::Mat out;
  image.convertTo(out, CV_8U, max_value > 0 ? 255.0 / max_value : 0.0);
  return out;
}

}  // namespace

cv::Mat as_bgr8(const cv::Mat& image) {
  const cv::Mat deep = as_8bit(image);
  cv::Mat out;
  switch (deep.channels()) {
    case 3:
      return deep;
    case 1:
      cv::cvtColor(deep, out, cv::COLOR_GRAY2BGR);
      break;
    case 4:
      cv::cvtColor(deep, out, cv::COLOR_BGRA2BGR);
      break;
    default:
      cv::extractChannel(deep, out, 0);
      cv::cvtColor(out, out, cv::COLOR_GRAY2BGR);
      break;
  }
  return out;
}

cv::Mat as_gray8(const cv::Mat& image) {
  const cv::Mat deep = as_8bit(image);
  cv::Mat out;
  switch (deep.channels()) {
    case 1:
      return deep;
    case 3:
      cv::cvtColor(deep, out, cv::COLOR_BGR2GRAY);
      break;
    case 4:
      cv::cvtColor(deep, out, cv::COLOR_BGRA2GRAY);
      break;
    default:
      cv::extractChannel(deep, out, 0);
      break;
  }
  return out;
}

}  // namespace platebus::capture
