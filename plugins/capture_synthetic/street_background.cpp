#include "street_background.hpp"

#include <algorithm>

#include <opencv2/imgproc.hpp>

#include "render_helpers.hpp"

namespace platebus::synthetic {

using cv::Mat;
using cv::Point;
using cv::Point2f;
using cv::Scalar;

Background paint_background(cv::Size size, bool night, std::mt19937& rng) {
  Background bg;
  bg.horizon = cvRound(size.height * uniform(rng, 0.22, 0.42));
  const double light = night ? 0.16 : 1.0;
  // Smooth colour fields from tiny random grids: scenery above the kerb, asphalt below.
  Mat scenery(3, 6, CV_8UC3), road(3, 4, CV_8UC3);
  const Scalar scenery_palette[] = {{215, 190, 150}, {70, 115, 75}, {125, 130, 135}, {80, 95, 145}, {160, 165, 165}};
  for (int y = 0; y < scenery.rows; ++y) {
    for (int x = 0; x < scenery.cols; ++x) {
      const Scalar c = y == 0 && chance(rng, 0.6) ? scenery_palette[0] : scenery_palette[uniform_int(rng, 1, 4)];
      const cv::Vec3b v(cv::saturate_cast<uchar>(c[0] * light * uniform(rng, 0.85, 1.1)),
                        cv::saturate_cast<uchar>(c[1] * light * uniform(rng, 0.85, 1.1)),
                        cv::saturate_cast<uchar>(c[2] * light * uniform(rng, 0.85, 1.1)));
      scenery.at<cv::Vec3b>(y, x) = v;
    }
  }
  for (int y = 0; y < road.rows; ++y) {
    for (int x = 0; x < road.cols; ++x) {
      const double g = uniform(rng, 85, 125) * light * (night ? 1.3 : 1.0);
      road.at<cv::Vec3b>(y, x) = cv::Vec3b(cv::saturate_cast<uchar>(g * 1.03), cv::saturate_cast<uchar>(g),
                                           cv::saturate_cast<uchar>(g * 0.97));
    }
  }
  bg.color.create(size, CV_8UC3);
  cv::resize(scenery, bg.color.rowRange(0, bg.horizon), cv::Size(size.width, bg.horizon), 0, 0, cv::INTER_LINEAR);
  cv::resize(road, bg.color.rowRange(bg.horizon, size.height), cv::Size(size.width, size.height - bg.horizon), 0, 0,
             cv::INTER_LINEAR);

  // A few buildings with windows, for clutter a plate finder must ignore.
  const int buildings = uniform_int(rng, 1, 4);
  for (int i = 0; i < buildings; ++i) {
    const int bw = cvRound(size.width * uniform(rng, 0.08, 0.25));
    const int bx = uniform_int(rng, -bw / 2, size.width - bw / 2);
    const int top = cvRound(bg.horizon * uniform(rng, 0.0, 0.5));
    const Scalar wall = scaled(scenery_palette[uniform_int(rng, 2, 4)], light * uniform(rng, 0.7, 1.1));
    cv::rectangle(bg.color, Point(bx, top), Point(bx + bw, bg.horizon), wall, cv::FILLED);
    const int step = std::max(6, bw / 6);
    const Scalar glass = night && chance(rng, 0.5) ? Scalar(90, 160, 200) : scaled(wall, 0.55);
    for (int y = top + step / 2; y + step / 2 < bg.horizon; y += step)
      for (int x = bx + step / 3; x + step / 2 < bx + bw; x += step)
        cv::rectangle(bg.color, Point(x, y), Point(x + step / 2, y + step / 2), glass, cv::FILLED);
  }
  // Kerb along the horizon.
  cv::line(bg.color, Point(0, bg.horizon), Point(size.width, bg.horizon), scaled(Scalar(170, 172, 175), light),
           std::max(2, size.height / 90));
  // Dashed lane markings converging on a vanishing point.
  const Point2f vanish(static_cast<float>(size.width * uniform(rng, 0.3, 0.7)), static_cast<float>(bg.horizon));
  const double lane = size.width * uniform(rng, 0.3, 0.55);
  for (double k : {-1.5, -0.5, 0.5, 1.5}) {
    const Point2f bottom(static_cast<float>(vanish.x + k * lane), static_cast<float>(size.height));
    const Scalar paint = k == -0.5 && chance(rng, 0.4) ? Scalar(40, 170, 200) : Scalar(200, 200, 200);
    for (double t = 0.05; t < 1.0; t += 0.12) {
      const double t0 = t * t, t1 = std::min(1.0, (t + 0.06) * (t + 0.06));
      cv::line(bg.color, vanish + (bottom - vanish) * t0, vanish + (bottom - vanish) * t1, scaled(paint, light),
               std::max(1, cvRound(t * size.width / 120)), cv::LINE_AA);
    }
  }
  return bg;
}

}  // namespace platebus::synthetic
