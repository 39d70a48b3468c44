#include "plate_painter.hpp"

#include <algorithm>
#include <vector>

#include <opencv2/imgproc.hpp>

#include "plate_fonts.hpp"
#include "render_helpers.hpp"

namespace platebus::synthetic {

namespace {

using cv::Mat;
using cv::Point;
using cv::Scalar;

// The plate's flat artwork, painted in colour and infrared at once so both show the same plate.
class PlatePainter {
 public:
  PlatePainter(Mat& color, Mat& infrared, double unit) : color_(color), ir_(infrared), u_(unit) {}

  void rect(double x0, double y0, double x1, double y1, const Scalar& c, double ir) {
    cv::rectangle(color_, pt(x0 * u_, y0 * u_), pt(x1 * u_, y1 * u_), c, cv::FILLED, cv::LINE_AA);
    cv::rectangle(ir_, pt(x0 * u_, y0 * u_), pt(x1 * u_, y1 * u_), Scalar(ir), cv::FILLED, cv::LINE_AA);
  }
  void ellipse(double cx, double cy, double rx, double ry, const Scalar& c, double ir) {
    const cv::Size axes(std::max(1, cvRound(rx * u_)), std::max(1, cvRound(ry * u_)));
    cv::ellipse(color_, pt(cx * u_, cy * u_), axes, 0, 0, 360, c, cv::FILLED, cv::LINE_AA);
    cv::ellipse(ir_, pt(cx * u_, cy * u_), axes, 0, 0, 360, Scalar(ir), cv::FILLED, cv::LINE_AA);
  }
  // Places `mask` centred at (cx, cy) inches, squeezed horizontally to at most max_width inches.
  void ink(const Mat& mask, double cx, double cy, double max_width, const Scalar& c, double ir) {
    Mat m = mask;
    const int limit = std::max(1, cvRound(max_width * u_));
    if (m.cols > limit) cv::resize(mask, m, cv::Size(limit, mask.rows), 0, 0, cv::INTER_AREA);
    cv::Rect r(cvRound(cx * u_ - m.cols / 2.0), cvRound(cy * u_ - m.rows / 2.0), m.cols, m.rows);
    const cv::Rect clipped = r & cv::Rect(0, 0, color_.cols, color_.rows);
    if (clipped.empty()) return;
    const Mat part = m(clipped - r.tl());
    blend_color(color_(clipped), part, c);
    blend_color(ir_(clipped), part, Scalar(ir));
  }

 private:
  Mat& color_;
  Mat& ir_;
  double u_;  // pixels per inch
};

}  // namespace

PlateImage paint_plate(const PlateFonts& fonts, std::string_view text, const PlateStyle& style, int width) {
  // Geometry in inches on a 12 x 6 inch plate; `u` converts to pixels.
  const int height = width / 2;
  const double u = width / 12.0;
  PlateImage plate;
  plate.color = Mat(height, width, CV_8UC3, style.background);
  // Retro-reflective sheeting returns the illuminator's infrared: the plate is the brightest thing.
  plate.infrared = Mat(height, width, CV_8UC1, Scalar(232));
  PlatePainter paint(plate.color, plate.infrared, u);

  // Band inks are mostly infrared-transparent, so they barely show in the infrared image.
  switch (style.band_placement) {
    case BandPlacement::none: break;
    case BandPlacement::top: paint.rect(0, 0, 12, 1.55, style.band, 215); break;
    case BandPlacement::bottom: paint.rect(0, 4.65, 12, 6, style.band, 215); break;
    case BandPlacement::gradient:
      for (int y = 0; y < height; ++y) {
        const double t = std::clamp(1.0 - (y / u) / 3.6, 0.0, 1.0);
        const Scalar c = style.band * t + style.background * (1 - t);
        plate.color.row(y).setTo(c);
        plate.infrared.row(y).setTo(Scalar(232 - 14 * t));
      }
      break;
  }

  // The registration number: 2.6 inch tall, squeezed to fit like the narrow plate typefaces.
  paint.ink(text_mask(fonts.get(Face::characters), Face::characters, text, cvRound(2.6 * u)), 6, 3.05, 10.6,
            style.characters, 30);

  // The state name across the top, between the bolt holes; mixed case needs room for descenders.
  const bool mixed_case = std::any_of(style.state.begin(), style.state.end(), [](char c) { return c >= 'a' && c <= 'z'; });
  const Face state_face = style.state_font == StateFont::serif    ? Face::serif
                          : style.state_font == StateFont::italic ? Face::italic
                                                                  : Face::sans;
  paint.ink(text_mask(fonts.get(state_face), state_face, style.state, cvRound((mixed_case ? 1.05 : 0.8) * u)), 6,
            0.85, 6.0, style.state_color, 110);
  // The slogan: small, at the bottom.
  paint.ink(text_mask(fonts.get(Face::sans), Face::sans, style.slogan, std::max(3, cvRound(0.42 * u))), 6, 5.3, 6.2,
            style.slogan_color, 140);

  if (style.sticker) paint.rect(10.15, 0.35, 11.55, 1.3, Scalar(40, 190, 235), 150);

  // Bolt holes (slots) 7 inch apart, 4.75 inch apart vertically when there are four.
  const Scalar hole(35, 35, 35);
  for (double x : {2.5, 9.5}) {
    paint.ellipse(x, 0.625, 0.26, 0.14, hole, 25);
    if (style.four_bolt_holes) paint.ellipse(x, 5.375, 0.26, 0.14, hole, 25);
  }

  // Dark embossed border with rounded corners; the plate itself has rounded corners too.
  const auto outline = rounded_rect(cv::Rect2d(0.16 * u, 0.16 * u, width - 0.32 * u, height - 0.32 * u), 0.45 * u);
  const int border = std::max(1, cvRound(0.14 * u));
  cv::polylines(plate.color, outline, true, style.border, border, cv::LINE_AA);
  cv::polylines(plate.infrared, outline, true, Scalar(45), border, cv::LINE_AA);
  plate.alpha = Mat::zeros(height, width, CV_8UC1);
  cv::fillPoly(plate.alpha, std::vector<std::vector<Point>>{rounded_rect(cv::Rect2d(0, 0, width, height), 0.55 * u)},
               Scalar(255), cv::LINE_AA);
  return plate;
}

}  // namespace platebus::synthetic
