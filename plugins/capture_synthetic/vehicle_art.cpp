#include "vehicle_art.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

#include <opencv2/imgproc.hpp>

#include "render_helpers.hpp"

namespace platebus::synthetic {

namespace {

using cv::Mat;
using cv::Point;
using cv::Point2f;
using cv::Scalar;

// Paints one filled polygon on the colour, infrared and coverage layers.
struct VehiclePainter {
  VehicleArt& v;
  void poly(const std::vector<Point>& points, const Scalar& c, double ir, bool body = true) {
    const std::vector<std::vector<Point>> polys{points};
    cv::fillPoly(v.color, polys, c, cv::LINE_AA);
    cv::fillPoly(v.infrared, polys, Scalar(ir), cv::LINE_AA);
    if (body) cv::fillPoly(v.alpha, polys, Scalar(255), cv::LINE_AA);
  }
  void rect(double x0, double y0, double x1, double y1, const Scalar& c, double ir, bool body = true) {
    poly({pt(x0, y0), pt(x1, y0), pt(x1, y1), pt(x0, y1)}, c, ir, body);
  }
};

// Paint colours, weighted roughly by how common each is on the road.
Scalar random_car_color(std::mt19937& rng) {
  static const std::vector<std::pair<double, Scalar>> palette = {
      {0.24, {235, 235, 232}},  // white
      {0.20, {28, 28, 30}},     // black
      {0.16, {105, 105, 100}},  // grey
      {0.14, {190, 188, 185}},  // silver
      {0.10, {120, 60, 25}},    // blue
      {0.09, {35, 30, 165}},    // red
      {0.03, {50, 80, 40}},     // dark green
      {0.02, {150, 185, 200}},  // beige
      {0.02, {40, 30, 95}},     // maroon
  };
  double pick = uniform(rng, 0, 1);
  for (const auto& [weight, color] : palette) {
    if ((pick -= weight) <= 0) return scaled(color, uniform(rng, 0.9, 1.08));
  }
  return palette.front().second;
}

}  // namespace

VehicleArt paint_vehicle(const PlateImage& plate_art, int width, bool night, std::mt19937& rng) {
  const double w = width;
  const double h = std::round(w * uniform(rng, 0.74, 0.92));  // sedans low, SUVs taller
  VehicleArt v;
  v.front = chance(rng, 0.5);
  v.color = Mat(static_cast<int>(h), width, CV_8UC3, Scalar::all(0));
  v.infrared = Mat(v.color.size(), CV_8UC1, Scalar(0));
  v.alpha = Mat(v.color.size(), CV_8UC1, Scalar(0));
  VehiclePainter p{v};

  const Scalar body = random_car_color(rng);
  const double body_ir = 35 + 0.2 * luma(body);  // car paint reflects the illuminator only weakly
  const Scalar dark_trim(38, 38, 40);
  const bool plastic_bumper = chance(rng, 0.35);
  const Scalar bumper = plastic_bumper ? Scalar(45, 45, 47) : scaled(body, 0.92);

  // Tyres behind the body, visible under it.
  for (double x : {0.06, 0.78}) p.rect(x * w, 0.84 * h, (x + 0.16) * w, 0.985 * h, Scalar(22, 22, 24), 14);

  // Cabin with windscreen (or rear window); a pale streak reflects the sky.
  const double cabin = 0.40 * h;
  p.poly({pt(0.18 * w, 0.02 * h), pt(0.82 * w, 0.02 * h), pt(0.93 * w, cabin + 2), pt(0.07 * w, cabin + 2)}, body,
         body_ir);
  p.poly({pt(0.215 * w, 0.06 * h), pt(0.785 * w, 0.06 * h), pt(0.885 * w, cabin - 0.02 * h),
          pt(0.115 * w, cabin - 0.02 * h)},
         Scalar(58, 50, 44), 18);
  {
    Mat streak = Mat::zeros(v.color.size(), CV_8UC1);
    const double s = uniform(rng, 0.25, 0.6);
    cv::fillPoly(streak,
                 std::vector<std::vector<Point>>{{pt((s - 0.02) * w, 0.07 * h), pt((s + 0.10) * w, 0.07 * h),
                                                  pt((s - 0.02) * w, cabin - 0.03 * h),
                                                  pt((s - 0.14) * w, cabin - 0.03 * h)}},
                 Scalar(255), cv::LINE_AA);
    blend_color(v.color, streak, Scalar(150, 145, 140), 0.25);
  }
  // Mirrors.
  for (double x : {0.035, 0.965}) {
    const std::vector<std::vector<Point>> m{{pt(x * w - 0.035 * w, cabin - 0.01 * h), pt(x * w + 0.035 * w, cabin - 0.01 * h),
                                             pt(x * w + 0.03 * w, cabin + 0.05 * h), pt(x * w - 0.03 * w, cabin + 0.05 * h)}};
    cv::fillPoly(v.color, m, scaled(body, 0.8), cv::LINE_AA);
    cv::fillPoly(v.infrared, m, Scalar(body_ir * 0.8), cv::LINE_AA);
    cv::fillPoly(v.alpha, m, Scalar(255), cv::LINE_AA);
  }

  // Body, hood (or boot) crease, bumper.
  p.poly(rounded_rect(cv::Rect2d(0, cabin, w, 0.88 * h - cabin), 0.06 * w), body, body_ir);
  cv::line(v.color, pt(0.08 * w, 0.455 * h), pt(0.92 * w, 0.455 * h), scaled(body, 0.8), std::max(1, width / 300),
           cv::LINE_AA);
  p.poly(rounded_rect(cv::Rect2d(0.005 * w, 0.66 * h, 0.99 * w, 0.25 * h), 0.05 * w), bumper,
         plastic_bumper ? 28 : body_ir);
  cv::line(v.color, pt(0.02 * w, 0.66 * h), pt(0.98 * w, 0.66 * h), scaled(bumper, 0.7), std::max(1, width / 250),
           cv::LINE_AA);

  if (v.front) {
    // Grille with bars, lower air intake.
    p.poly(rounded_rect(cv::Rect2d(0.33 * w, 0.50 * h, 0.34 * w, 0.13 * h), 0.02 * w), Scalar(34, 34, 36), 22);
    for (double y = 0.525; y < 0.62; y += 0.03)
      cv::line(v.color, pt(0.345 * w, y * h), pt(0.655 * w, y * h), Scalar(75, 75, 78), std::max(1, width / 220),
               cv::LINE_AA);
    p.poly(rounded_rect(cv::Rect2d(0.27 * w, 0.845 * h, 0.46 * w, 0.045 * h), 0.01 * w), Scalar(25, 25, 27), 15);
  } else {
    cv::line(v.color, pt(0.25 * w, 0.60 * h), pt(0.75 * w, 0.60 * h), Scalar(170, 170, 172), std::max(1, width / 400),
             cv::LINE_AA);
  }

  // Light falls from above: the lower body is darker. At night everything but lamps is dim.
  const double ambient = night ? 0.32 : 1.0;
  for (int y = 0; y < v.color.rows; ++y) {
    const int f = cvRound(256 * ambient * (1.07 - 0.25 * y / h));
    uchar* row = v.color.ptr<uchar>(y);
    for (int i = 0; i < v.color.cols * 3; ++i) row[i] = cv::saturate_cast<uchar>((row[i] * f) >> 8);
  }

  // Lamps: headlights in front, red tail lights behind; lit at night.
  v.lamps_lit = night || chance(rng, 0.3);
  const Scalar lamp = v.front ? Scalar(215, 220, 225) : Scalar(40, 35, 175);
  const Scalar lamp_core = v.front ? Scalar(250, 250, 250) : Scalar(80, 80, 240);
  const double lamp_ir = v.lamps_lit ? (v.front ? 250 : 150) : 80;
  for (int side : {0, 1}) {
    const auto X = [&](double x) { return side == 0 ? x * w : (1 - x) * w; };
    p.poly({pt(X(0.035), 0.47 * h), pt(X(0.27), 0.49 * h), pt(X(0.25), 0.575 * h), pt(X(0.05), 0.565 * h)},
           v.lamps_lit ? lamp_core * 0.9 + lamp * 0.1 : lamp, lamp_ir);
    const Point2f centre(static_cast<float>(X(0.15)), static_cast<float>(0.52 * h));
    // A lit lamp has a bright core; an unlit one only a faint reflector highlight.
    cv::ellipse(v.color, centre, cv::Size(std::max(1, cvRound(0.07 * w)), std::max(1, cvRound(0.018 * h))), 0, 0, 360,
                v.lamps_lit ? lamp_core : lamp * 0.6 + lamp_core * 0.4, cv::FILLED, cv::LINE_AA);
    v.lamps.push_back(centre);
  }

  // The plate, in a dark recess, centred on the bumper (front) or the boot (rear).
  const int plate_w = cvRound(0.18 * w);
  const int plate_h = plate_w / 2;
  const int plate_x = cvRound(w / 2 - plate_w / 2.0);
  const int plate_y = cvRound((v.front ? 0.69 : 0.635) * h);
  v.plate = cv::Rect(plate_x, plate_y, plate_w, plate_h);
  const int rim = std::max(1, plate_w / 30);
  p.rect(plate_x - rim, plate_y - rim, plate_x + plate_w + rim, plate_y + plate_h + rim, scaled(Scalar(30, 30, 30), ambient),
         20);
  Mat color, ir, alpha;
  cv::resize(plate_art.color, color, v.plate.size(), 0, 0, cv::INTER_AREA);
  cv::resize(plate_art.infrared, ir, v.plate.size(), 0, 0, cv::INTER_AREA);
  cv::resize(plate_art.alpha, alpha, v.plate.size(), 0, 0, cv::INTER_AREA);
  // At night the plate is lit by its lamp and the camera's illuminator: dim, but well above the car.
  if (night) color.convertTo(color, -1, 0.62);
  blend_image(v.color(v.plate), color, alpha);
  blend_image(v.infrared(v.plate), ir, alpha);
  return v;
}

}  // namespace platebus::synthetic
