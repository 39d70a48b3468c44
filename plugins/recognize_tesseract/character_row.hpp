#pragma once
// Isolates the row of registration characters on an upright plate crop, and prepares it for OCR:
// everything else (frame, bolts, state name, slogan, small stacked characters) is masked out.
//
// The crop is binarized in both polarities, with Otsu and with a local (adaptive mean)
// threshold. Connected components of plausible character size, shape and fill are grouped by
// similar height and aligned centres; the largest group over all binarizations is the row. Wide
// blobs of the row's height on the row's line (touching characters) join it, and so do blobs
// found again inside the row's band alone (characters joined to the frame above or below). The
// row is then redrawn black on white with wide gaps narrowed, scaled to a fixed character height,
// stretched horizontally, framed with a white border and softened with a little blur, which is
// what stock Tesseract `eng` reads best (measured: see tesseract_reader.cpp).
#include <optional>
#include <vector>

#include <opencv2/core.hpp>

namespace platebus::recognition {

struct RowOptions {
  int work_height = 160;          // the crop is scaled to this height first
  double min_height = 0.25;       // character height as a fraction of the crop height
  double max_height = 0.9;
  double min_aspect = 0.08;       // width / height of one character
  double max_aspect = 1.3;
  double max_merged_aspect = 2.8; // wider blobs on the row's line are kept as touching characters
  double min_fill = 0.15;         // share of the bounding box covered by the component
  double height_tolerance = 0.2;  // a group's heights differ by at most this fraction
  double centre_tolerance = 0.2;  // and its centres by at most this fraction of the height
  int min_group = 2;              // fewer aligned characters than this is no row
  bool adaptive = true;           // also try a local (adaptive mean) threshold besides Otsu
  double adaptive_c = 25;         // its offset in grey levels
  double adaptive_block = 0.25;   // its window, as a fraction of the work height
  bool recover_in_band = true;    // look again inside the row's band for characters joined to the frame
  double band_margin = 0.1;       // the band: the row's height plus this fraction above and below
  double max_gap = 1.5;           // recovered characters lie within this many heights of the row
  bool narrow_gaps = true;        // narrow wide gaps (spaces, dashes, logo gaps) between characters
  double narrowed_gap = 0.4;      // wider gaps are narrowed to this fraction of the character height
  int char_height = 48;           // the output's character height in pixels
  double stretch = 1.4;           // extra horizontal scale
  int border = 16;                // white border around the row, in output pixels
  double blur_sigma = 1.5;        // gaussian blur of the output; 0 = none
};

struct CharacterRow {
  cv::Mat image;                // CV_8UC1, dark characters on white, ready for OCR
  std::vector<cv::Rect> boxes;  // the row's components in work-height crop pixels, left to right
  bool dark_characters = true;  // the plate had dark characters on a light background
};

// The isolated row, or nothing when no group of at least min_group aligned characters is found.
std::optional<CharacterRow> isolate_character_row(const cv::Mat& crop, const RowOptions& options = {});

}  // namespace platebus::recognition
