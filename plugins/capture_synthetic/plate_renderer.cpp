#include "plate_renderer.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <stdexcept>

#include <opencv2/freetype.hpp>
#include <opencv2/imgproc.hpp>

namespace platebus::synthetic {

namespace {

using cv::Mat;
using cv::Point;
using cv::Point2f;
using cv::Scalar;

double uniform(std::mt19937& rng, double low, double high) {
  return std::uniform_real_distribution<double>(low, high)(rng);
}
int uniform_int(std::mt19937& rng, int low, int high) {
  return std::uniform_int_distribution<int>(low, high)(rng);
}
bool chance(std::mt19937& rng, double p) { return uniform(rng, 0, 1) < p; }

Scalar scaled(const Scalar& c, double f) { return Scalar(c[0] * f, c[1] * f, c[2] * f); }
double luma(const Scalar& bgr) { return 0.114 * bgr[0] + 0.587 * bgr[1] + 0.299 * bgr[2]; }
Point pt(double x, double y) { return Point(cvRound(x), cvRound(y)); }

// dst = dst * (1 - a) + src * a, with a = alpha / 255; dst and src of the same size and type.
void blend_image(Mat dst, const Mat& src, const Mat& alpha) {
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

// Paints a flat colour through `mask` (anti-aliased ink) at `opacity`.
void blend_color(Mat dst, const Mat& mask, const Scalar& color, double opacity = 1.0) {
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

std::vector<Point> rounded_rect(cv::Rect2d r, double radius) {
  radius = std::min({radius, r.width / 2, r.height / 2});
  std::vector<Point> poly;
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

const Scalar kNavy{90, 40, 20};
const Scalar kBlack{25, 25, 25};
const Scalar kMaroon{35, 25, 110};
const Scalar kRed{40, 35, 185};

}  // namespace

std::string plate_text_problem(std::string_view text) {
  if (text.size() < kMinPlateChars || text.size() > kMaxPlateChars) {
    return "a plate has " + std::to_string(kMinPlateChars) + " to " + std::to_string(kMaxPlateChars) +
           " characters, \"" + std::string(text) + "\" has " + std::to_string(text.size());
  }
  const auto alnum = [](char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); };
  for (char c : text) {
    if (!alnum(c) && c != ' ' && c != '-') {
      return "\"" + std::string(text) + "\" contains '" + std::string(1, c) +
             "'; use only upper-case A-Z, digits 0-9, space or dash";
    }
  }
  if (!alnum(text.front()) || !alnum(text.back())) {
    return "\"" + std::string(text) + "\" must begin and end with a letter or digit";
  }
  return {};
}

const std::vector<PlateStyle>& plate_styles() {
  static const std::vector<PlateStyle> styles = [] {
    std::vector<PlateStyle> s;
    auto add = [&](const char* state, const char* slogan, StateFont font, BandPlacement band,
                   Scalar band_color, Scalar chars, Scalar state_color, Scalar slogan_color) {
      PlateStyle p;
      p.state = state;
      p.slogan = slogan;
      p.state_font = font;
      p.band_placement = band;
      p.band = band_color;
      p.characters = chars;
      p.state_color = state_color;
      p.slogan_color = slogan_color;
      s.push_back(p);
    };
    add("California", "DMV.CA.GOV", StateFont::italic, BandPlacement::none, {}, kNavy, kRed, kNavy);
    add("TEXAS", "THE LONE STAR STATE", StateFont::serif, BandPlacement::gradient, {225, 215, 200}, kBlack,
        kBlack, kBlack);
    add("NEW YORK", "EMPIRE STATE", StateFont::sans, BandPlacement::top, {150, 215, 245}, kNavy, kNavy, kNavy);
    add("FLORIDA", "SUNSHINE STATE", StateFont::sans, BandPlacement::bottom, {170, 215, 250}, kBlack, kNavy,
        kNavy);
    add("ARIZONA", "GRAND CANYON STATE", StateFont::sans, BandPlacement::gradient, {245, 225, 195}, kMaroon,
        kMaroon, kMaroon);
    add("Washington", "EVERGREEN STATE", StateFont::serif, BandPlacement::bottom, {215, 220, 205}, kNavy, kNavy,
        kNavy);
    add("Illinois", "LAND OF LINCOLN", StateFont::italic, BandPlacement::none, {}, kNavy, kRed, kNavy);
    add("OHIO", "BIRTHPLACE OF AVIATION", StateFont::sans, BandPlacement::gradient, {200, 235, 245}, kBlack,
        kNavy, kRed);
    add("OREGON", "PACIFIC WONDERLAND", StateFont::serif, BandPlacement::bottom, {200, 225, 205}, kNavy, kNavy,
        kNavy);
    add("NEVADA", "THE SILVER STATE", StateFont::sans, BandPlacement::top, {235, 220, 200}, kNavy, kNavy, kNavy);
    return s;
  }();
  return styles;
}

PlateStyle random_plate_style(std::mt19937& rng) {
  const auto& styles = plate_styles();
  PlateStyle style = styles[uniform_int(rng, 0, static_cast<int>(styles.size()) - 1)];
  // Aged or dirty plates are a little darker and yellower than new ones.
  const double age = uniform(rng, 0.86, 1.0);
  style.background = Scalar(248 * age * uniform(rng, 0.93, 1.0), 248 * age, 248 * age);
  style.border = chance(rng, 0.5) ? Scalar(35, 35, 35) : style.characters;
  style.four_bolt_holes = chance(rng, 0.35);
  style.sticker = chance(rng, 0.6);
  return style;
}

// The DejaVu faces used on a plate; empty pointers when the fonts are missing.
struct PlateRenderer::Fonts {
  cv::Ptr<cv::freetype::FreeType2> characters, sans, serif, italic;
};

namespace {

enum class Face { characters, sans, serif, italic };

// Renders `text` as an anti-aliased ink mask (CV_8UC1) cropped to the ink and scaled so the ink
// is exactly `ink_height` pixels tall.
Mat text_mask(cv::freetype::FreeType2* font, Face face, std::string_view text, int ink_height) {
  const std::string s(text);
  const int font_height = std::max(8, cvRound(ink_height * 1.35));
  Mat mask;
  if (font != nullptr) {
    int baseline = 0;
    const cv::Size size = font->getTextSize(s, font_height, -1, &baseline);
    // The freetype module only draws on 3-channel images.
    Mat canvas(font_height * 2, size.width + font_height, CV_8UC3, Scalar::all(0));
    font->putText(canvas, s, Point(font_height / 2, font_height * 3 / 2), font_height, Scalar::all(255), -1,
                  cv::LINE_AA, true);
    cv::extractChannel(canvas, mask, 0);
  } else {
    const int hershey = face == Face::serif ? cv::FONT_HERSHEY_TRIPLEX
                        : face == Face::italic ? (cv::FONT_HERSHEY_DUPLEX | cv::FONT_ITALIC)
                                               : cv::FONT_HERSHEY_DUPLEX;
    const double scale = font_height / 30.0;
    const int thickness = std::max(1, font_height / (face == Face::characters ? 7 : 12));
    int baseline = 0;
    const cv::Size size = cv::getTextSize(s, hershey, scale, thickness, &baseline);
    mask = Mat::zeros(size.height * 2 + thickness * 4, size.width + thickness * 4 + 8, CV_8UC1);
    cv::putText(mask, s, Point(thickness * 2 + 4, size.height * 3 / 2 + thickness * 2), hershey, scale,
                Scalar(255), thickness, cv::LINE_AA);
  }
  const cv::Rect ink = cv::boundingRect(mask);
  if (ink.empty()) return Mat::zeros(ink_height, 1, CV_8UC1);
  const int width = std::max(1, cvRound(ink.width * static_cast<double>(ink_height) / ink.height));
  Mat out;
  cv::resize(mask(ink), out, cv::Size(width, ink_height), 0, 0, cv::INTER_AREA);
  return out;
}

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

PlateRenderer::PlateRenderer(const std::string& font_dir) : fonts_(std::make_unique<Fonts>()) {
  const auto load = [&](const char* file) -> cv::Ptr<cv::freetype::FreeType2> {
    const auto path = std::filesystem::path(font_dir) / file;
    if (!std::filesystem::exists(path)) return {};
    auto font = cv::freetype::createFreeType2();
    try {
      font->loadFontData(path.string(), 0);
    } catch (const cv::Exception&) {
      return {};
    }
    return font;
  };
  fonts_->characters = load("DejaVuSansCondensed-Bold.ttf");
  fonts_->sans = load("DejaVuSans-Bold.ttf");
  fonts_->serif = load("DejaVuSerif-Bold.ttf");
  fonts_->italic = load("DejaVuSans-BoldOblique.ttf");
  // All or nothing, so a half-installed font package does not mix two looks.
  if (!fonts_->characters || !fonts_->sans || !fonts_->serif || !fonts_->italic) *fonts_ = Fonts{};
}

PlateRenderer::~PlateRenderer() = default;

bool PlateRenderer::uses_truetype() const { return static_cast<bool>(fonts_->characters); }

PlateImage PlateRenderer::render_plate(std::string_view text, const PlateStyle& style, int width) const {
  if (const auto problem = plate_text_problem(text); !problem.empty()) throw std::invalid_argument(problem);
  if (width < 48) throw std::invalid_argument("render_plate: width must be at least 48 pixels");

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

  const auto font_for = [&](Face face) -> cv::freetype::FreeType2* {
    switch (face) {
      case Face::characters: return fonts_->characters.get();
      case Face::sans: return fonts_->sans.get();
      case Face::serif: return fonts_->serif.get();
      case Face::italic: return fonts_->italic.get();
    }
    return nullptr;
  };

  // The registration number: 2.6 inch tall, squeezed to fit like the narrow plate typefaces.
  paint.ink(text_mask(font_for(Face::characters), Face::characters, text, cvRound(2.6 * u)), 6, 3.05, 10.6,
            style.characters, 30);

  // The state name across the top, between the bolt holes; mixed case needs room for descenders.
  const bool mixed_case = std::any_of(style.state.begin(), style.state.end(), [](char c) { return c >= 'a' && c <= 'z'; });
  const Face state_face = style.state_font == StateFont::serif    ? Face::serif
                          : style.state_font == StateFont::italic ? Face::italic
                                                                  : Face::sans;
  paint.ink(text_mask(font_for(state_face), state_face, style.state, cvRound((mixed_case ? 1.05 : 0.8) * u)), 6,
            0.85, 6.0, style.state_color, 110);
  // The slogan: small, at the bottom.
  paint.ink(text_mask(font_for(Face::sans), Face::sans, style.slogan, std::max(3, cvRound(0.42 * u))), 6, 5.3, 6.2,
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

namespace {

// A vehicle seen from the front or rear, flat, before the perspective warp.
struct VehicleArt {
  Mat color, infrared, alpha;
  cv::Rect plate;                   // where the plate sits in the patch
  std::vector<Point2f> lamps;       // lamp centres, for night glare
  bool lamps_lit = false;
  bool front = true;
};

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

cv::Rect2f bounds(const std::vector<Point2f>& points) {
  float x0 = points[0].x, y0 = points[0].y, x1 = x0, y1 = y0;
  for (const auto& p : points) {
    x0 = std::min(x0, p.x), y0 = std::min(y0, p.y), x1 = std::max(x1, p.x), y1 = std::max(y1, p.y);
  }
  return {x0, y0, x1 - x0, y1 - y0};
}

// A perspective view of a flat patch turned by yaw, pitch and roll (degrees), seen by a pinhole
// camera, scaled and centred on `centre`. Returns the patch's four corners in the frame.
std::vector<Point2f> turned_corners(cv::Size patch, double yaw, double pitch, double roll, double scale,
                                    Point2f centre) {
  const double a = yaw * CV_PI / 180, b = pitch * CV_PI / 180, c = roll * CV_PI / 180;
  const cv::Matx33d ry(std::cos(a), 0, std::sin(a), 0, 1, 0, -std::sin(a), 0, std::cos(a));
  const cv::Matx33d rx(1, 0, 0, 0, std::cos(b), -std::sin(b), 0, std::sin(b), std::cos(b));
  const cv::Matx33d rz(std::cos(c), -std::sin(c), 0, std::sin(c), std::cos(c), 0, 0, 0, 1);
  const cv::Matx33d r = rz * rx * ry;
  const double focal = 2.2 * std::max(patch.width, patch.height);  // about a 50 degree lens
  std::vector<Point2f> out;
  for (const auto& corner : {cv::Vec3d(0, 0, 0), cv::Vec3d(patch.width, 0, 0),
                             cv::Vec3d(patch.width, patch.height, 0), cv::Vec3d(0, patch.height, 0)}) {
    const cv::Vec3d q = r * (corner - cv::Vec3d(patch.width / 2.0, patch.height / 2.0, 0));
    const double z = q[2] + focal;
    out.emplace_back(static_cast<float>(centre.x + scale * focal * q[0] / z),
                     static_cast<float>(centre.y + scale * focal * q[1] / z));
  }
  return out;
}

struct Background {
  Mat color;
  int horizon = 0;
};

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

// A fixed gaussian noise field (fixed seed, so it never depends on the caller's generator),
// a little larger than the frame so each frame can cut it at a different offset.
constexpr int kNoiseMargin = 64;
Mat noise_tile(cv::Size size, int channels, double sigma) {
  Mat tile(size.height + kNoiseMargin, size.width + kNoiseMargin, CV_16SC(channels));
  cv::RNG fixed(0x5EED + channels);
  fixed.fill(tile, cv::RNG::NORMAL, 0, sigma);
  return tile;
}

void add_noise(Mat& image, const Mat& tile, std::mt19937& rng) {
  const cv::Rect cut(uniform_int(rng, 0, kNoiseMargin - 1), uniform_int(rng, 0, kNoiseMargin - 1), image.cols,
                     image.rows);
  cv::add(image, tile(cut), image, cv::noArray(), image.depth());
}

}  // namespace

Scene PlateRenderer::render_scene(const std::vector<std::string>& texts, const SceneOptions& options,
                                  std::mt19937& rng) {
  if (texts.empty() || texts.size() > static_cast<std::size_t>(kMaxPlatesPerScene))
    throw std::invalid_argument("render_scene: give 1 to 4 plate texts, not " + std::to_string(texts.size()));
  for (const auto& text : texts)
    if (const auto problem = plate_text_problem(text); !problem.empty()) throw std::invalid_argument(problem);
  if (options.size.width < 160 || options.size.height < 120)
    throw std::invalid_argument("render_scene: the frame must be at least 160x120");
  if (!(options.blur_sigma >= 0 && options.noise_sigma >= 0 && options.max_tilt_deg >= 0 &&
        options.max_tilt_deg <= 60))
    throw std::invalid_argument("render_scene: blur and noise must be >= 0 and tilt within 0..60 degrees");

  const cv::Size size = options.size;
  Background bg = paint_background(size, options.night, rng);
  Scene scene;
  scene.color = bg.color;  // freshly allocated by paint_background
  if (options.infrared) {
    // Outside the illuminator's reach the infrared scene is dark.
    cv::cvtColor(scene.color, scene.infrared, cv::COLOR_BGR2GRAY);
    scene.infrared.convertTo(scene.infrared, -1, options.night ? 0.25 : 0.3, options.night ? 4 : 10);
  }

  struct Glow {
    Point2f at;
    double radius;
    Scalar color;
  };
  std::vector<Glow> glows;

  const int n = static_cast<int>(texts.size());
  const double slot = static_cast<double>(size.width) / n;
  for (int i = 0; i < n; ++i) {
    const double aspect_guess = 0.83;
    // Side by side vehicles fill most of their slot, so plates stay big enough to read.
    const double vehicle_w = std::min(slot * (n == 1 ? uniform(rng, 0.55, 0.9) : uniform(rng, 0.75, 0.97)),
                                      size.height * uniform(rng, 0.6, 0.92) / aspect_guess);
    const PlateStyle style = random_plate_style(rng);
    const int art_width = std::clamp(cvRound(vehicle_w * 0.18 * 2), 96, 480);  // 2x: crisp after downscaling
    const PlateImage plate = render_plate(texts[static_cast<std::size_t>(i)], style, art_width);
    VehicleArt v = paint_vehicle(plate, std::max(40, cvRound(vehicle_w)), options.night, rng);

    const double t = options.max_tilt_deg;
    const double yaw = uniform(rng, -t, t), pitch = uniform(rng, -t, t), roll = uniform(rng, -t, t) / 3;
    Point2f centre(static_cast<float>(slot * (i + 0.5) + uniform(rng, -0.4, 0.4) * (slot - vehicle_w)),
                   static_cast<float>(size.height * uniform(rng, 0.45, 0.65)));
    double scale = 1.0;
    std::vector<Point2f> corners;
    // Shrink until the turned vehicle fits in the frame, then slide it inside.
    for (int attempt = 0; attempt < 20; ++attempt) {
      corners = turned_corners(v.color.size(), yaw, pitch, roll, scale, centre);
      const cv::Rect2f box = bounds(corners);
      const double fit = std::min((size.width - 4) / box.width, (size.height - 4) / box.height);
      if (fit < 1) {
        scale *= fit * 0.98;
        continue;
      }
      const float dx = std::max(0.f, 2 - box.x) - std::max(0.f, box.br().x - (size.width - 2));
      const float dy = std::max(0.f, 2 - box.y) - std::max(0.f, box.br().y - (size.height - 2));
      for (auto& c : corners) c += Point2f(dx, dy);
      break;
    }
    const std::vector<Point2f> patch_corners{{0, 0},
                                             {static_cast<float>(v.color.cols), 0},
                                             {static_cast<float>(v.color.cols), static_cast<float>(v.color.rows)},
                                             {0, static_cast<float>(v.color.rows)}};
    const cv::Matx33d to_frame = cv::getPerspectiveTransform(patch_corners, corners);

    // A soft contact shadow on the road under the vehicle.
    const Point2f under = (corners[2] + corners[3]) * 0.5f;
    const double under_w = cv::norm(corners[2] - corners[3]);
    cv::ellipse(scene.color, under, cv::Size(cvRound(under_w * 0.52), std::max(2, cvRound(under_w * 0.035))), 0, 0,
                360, Scalar(22, 22, 24), cv::FILLED, cv::LINE_AA);
    if (options.infrared)
      cv::ellipse(scene.infrared, under, cv::Size(cvRound(under_w * 0.52), std::max(2, cvRound(under_w * 0.035))), 0,
                  0, 360, Scalar(5), cv::FILLED, cv::LINE_AA);

    // Warp only into the vehicle's bounding box, not the whole frame.
    const cv::Rect box = cv::boundingRect(corners) & cv::Rect(0, 0, size.width, size.height);
    const cv::Matx33d to_box = cv::Matx33d(1, 0, -box.x, 0, 1, -box.y, 0, 0, 1) * to_frame;
    Mat alpha, warped;
    cv::warpPerspective(v.alpha, alpha, to_box, box.size(), cv::INTER_LINEAR, cv::BORDER_CONSTANT);
    cv::warpPerspective(v.color, warped, to_box, box.size(), cv::INTER_LINEAR, cv::BORDER_CONSTANT);
    blend_image(scene.color(box), warped, alpha);
    if (options.infrared) {
      cv::warpPerspective(v.infrared, warped, to_box, box.size(), cv::INTER_LINEAR, cv::BORDER_CONSTANT);
      blend_image(scene.infrared(box), warped, alpha);
    }

    // The plate's outer edges (pixel edges, hence the half pixel) mapped into the frame.
    const cv::Rect2f r(v.plate.x - 0.5f, v.plate.y - 0.5f, static_cast<float>(v.plate.width),
                       static_cast<float>(v.plate.height));
    std::vector<Point2f> plate_corners{r.tl(), {r.x + r.width, r.y}, r.br(), {r.x, r.y + r.height}}, mapped;
    cv::perspectiveTransform(plate_corners, mapped, to_frame);
    PlacedPlate placed;
    placed.text = texts[static_cast<std::size_t>(i)];
    std::copy(mapped.begin(), mapped.end(), placed.corners.begin());
    scene.plates.push_back(std::move(placed));

    if (options.night && v.lamps_lit) {
      std::vector<Point2f> lamps;
      cv::perspectiveTransform(v.lamps, lamps, to_frame);
      const double radius = under_w * (v.front ? 0.09 : 0.05);
      for (const auto& l : lamps)
        glows.push_back({l, radius, v.front ? Scalar(190, 215, 235) : Scalar(30, 30, 150)});
    }
  }

  if (options.night) {
    // Street lights above the kerb.
    for (int k = uniform_int(rng, 1, 3); k > 0; --k)
      glows.push_back({Point2f(static_cast<float>(uniform(rng, 0, size.width)),
                               static_cast<float>(bg.horizon * uniform(rng, 0.1, 0.6))),
                       size.height * 0.04, Scalar(80, 150, 210)});
    // Headlight glare: bright blobs blurred at quarter resolution (cheap), then added on top.
    const int f = 4;
    Mat glare(size.height / f + 1, size.width / f + 1, CV_8UC3, Scalar::all(0));
    for (const auto& g : glows)
      cv::circle(glare, g.at / f, std::max(1, cvRound(g.radius / f)), g.color, cv::FILLED, cv::LINE_AA);
    const double spread = std::max(2.0, size.width / (f * 80.0));
    cv::GaussianBlur(glare, glare, cv::Size(0, 0), spread);
    Mat up;
    cv::resize(glare, up, size, 0, 0, cv::INTER_LINEAR);
    cv::add(scene.color, up, scene.color);
  }

  if (options.blur_sigma > 0) {
    cv::GaussianBlur(scene.color, scene.color, cv::Size(0, 0), options.blur_sigma);
    if (options.infrared) cv::GaussianBlur(scene.infrared, scene.infrared, cv::Size(0, 0), options.blur_sigma);
  }
  if (options.noise_sigma > 0) {
    if (noise_sigma_ != options.noise_sigma || color_noise_.cols != size.width + kNoiseMargin ||
        color_noise_.rows != size.height + kNoiseMargin) {
      color_noise_ = noise_tile(size, 3, options.noise_sigma);
      infrared_noise_ = noise_tile(size, 1, options.noise_sigma);
      noise_sigma_ = options.noise_sigma;
    }
    add_noise(scene.color, color_noise_, rng);
    if (options.infrared) add_noise(scene.infrared, infrared_noise_, rng);
  }
  return scene;
}

}  // namespace platebus::synthetic
