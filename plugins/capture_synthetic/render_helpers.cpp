#include "render_helpers.hpp"

#include <algorithm>
#include <cmath>

namespace platebus::synthetic {

void blend_image(cv::Mat dst, const cv::Mat& src, const cv::Mat& alpha) {
  CV_Assert(dst.size() == src.size() && dst.type() == src.type() && alpha.size() == dst.size());
  const int cn = dst.channels();
  for (int y = 0; y < dst.rows; ++y) {
    uchar* d = dst.ptr<uchar>(y);
    const uchar* s = src.ptr<uchar>(y);
    const uchar* a = alpha.ptr<uchar>(y);
    for (int x = 0; x < dst.cols; ++x) {
      const int av = a[x];
      if (av == 0) continue;
      const int i = x * cn;
      if (av == 255) {  // most covered pixels: a plain copy
        for (int c = 0; c < cn; ++c) d[i + c] = s[i + c];
        continue;
      }
      for (int c = 0; c < cn; ++c)
        d[i + c] = static_cast<uchar>((s[i + c] * av + d[i + c] * (255 - av) + 127) / 255);
    }
  }
}

void blend_color(cv::Mat dst, const cv::Mat& mask, const cv::Scalar& color, double opacity) {
  CV_Assert(dst.size() == mask.size() && mask.type() == CV_8UC1);
  const int cn = dst.channels();
  const int k = cvRound(opacity * 256);
  for (int y = 0; y < dst.rows; ++y) {
    uchar* d = dst.ptr<uchar>(y);
    const uchar* m = mask.ptr<uchar>(y);
    for (int x = 0; x < dst.cols; ++x) {
      const int av = (m[x] * k) >> 8;
      if (av == 0) continue;
      for (int c = 0; c < cn; ++c) {
        const int i = x * cn + c;
        d[i] = static_cast<uchar>((cvRound(color[c]) * av + d[i] * (255 - av) + 127) / 255);
      }
    }
  }
}

std::vector<cv::Point> rounded_rect(cv::Rect2d r, double radius) {
  radius = std::min({radius, r.width / 2, r.height / 2});
  std::vector<cv::Point> poly;
  const struct {
    double cx, cy;
    int start;
  } corners[] = {{r.x + r.width - radius, r.y + radius, 270},
                 {r.x + r.width - radius, r.y + r.height - radius, 0},
                 {r.x + radius, r.y + r.height - radius, 90},
                 {r.x + radius, r.y + radius, 180}};
  for (const auto& c : corners) {
    for (int a = 0; a <= 90; a += 15) {
      const double t = (c.start + a) * CV_PI / 180;
      poly.push_back(pt(c.cx + radius * std::cos(t), c.cy + radius * std::sin(t)));
    }
  }
  return poly;
}

}  // namespace platebus::synthetic
