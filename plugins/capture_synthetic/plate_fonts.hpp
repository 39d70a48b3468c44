#pragma once
// The typefaces plate lettering is drawn in, and drawing text as an ink mask.
#include <string>
#include <string_view>

#include <opencv2/core.hpp>
#include <opencv2/freetype.hpp>

namespace platebus::synthetic {

// The roles text plays on a plate; each has its own face.
enum class Face { characters, sans, serif, italic };

// The DejaVu faces used on a plate; empty pointers when the fonts are missing.
struct PlateFonts {
  cv::Ptr<cv::freetype::FreeType2> characters, sans, serif, italic;

  // The face for `face`, or nullptr when the fonts are missing.
  cv::freetype::FreeType2* get(Face face) const;
};

// Loads the DejaVu fonts from `font_dir`: all of them, or none when any is missing or unreadable.
PlateFonts load_plate_fonts(const std::string& font_dir);

// Renders `text` as an anti-aliased ink mask (CV_8UC1) cropped to the ink and scaled so the ink
// is exactly `ink_height` pixels tall. With no `font`, falls back to a Hershey font matching `face`.
cv::Mat text_mask(cv::freetype::FreeType2* font, Face face, std::string_view text, int ink_height);

}  // namespace platebus::synthetic
