#include "plate_styles.hpp"

#include "render_helpers.hpp"

namespace platebus::synthetic {

namespace {

using cv::Scalar;

const Scalar kNavy{90, 40, 20};
const Scalar kBlack{25, 25, 25};
const Scalar kMaroon{35, 25, 110};
const Scalar kRed{40, 35, 185};

}  // namespace

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

}  // namespace platebus::synthetic
