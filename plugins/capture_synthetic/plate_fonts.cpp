#include "plate_fonts.hpp"

#include <algorithm>
#include <filesystem>

#include <opencv2/imgproc.hpp>

namespace platebus::synthetic {

using cv::Mat;
using cv::Point;
using cv::Scalar;

cv::freetype::FreeType2* PlateFonts::get(Face face) const {
  switch (face) {
    case Face::characters: return characters.get();
    case Face::sans: return sans.get();
    case Face::serif: return serif.get();
    case Face::italic: return italic.get();
  }
  return nullptr;
}

PlateFonts load_plate_fonts(const std::string& font_dir) {
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
  PlateFonts fonts;
  fonts.characters = load("DejaVuSansCondensed-Bold.ttf");
  fonts.sans = load("DejaVuSans-Bold.ttf");
  fonts.serif = load("DejaVuSerif-Bold.ttf");
  fonts.italic = load("DejaVuSans-BoldOblique.ttf");
  // All or nothing, so a half-installed font package does not mix two looks.
  if (!fonts.characters || !fonts.sans || !fonts.serif || !fonts.italic) return PlateFonts{};
  return fonts;
}

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

}  // namespace platebus::synthetic
