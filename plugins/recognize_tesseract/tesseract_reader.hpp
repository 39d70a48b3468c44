#pragma once
// Stage 3: reads the characters of one plate region with Tesseract, and proposes alternative
// readings from the usual OCR confusions. Not thread-safe (Tesseract is not): one per worker.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <opencv2/core.hpp>

#include "text_reader.hpp"

namespace platebus::recognition {

struct TesseractOptions {
  std::string tessdata_dir;  // "" = Tesseract's default (Debian: /usr/share/tesseract-ocr/5/tessdata)
  std::string language = "eng";
  int min_characters = 2;
  int max_characters = 8;
  int max_alternatives = 5;
  // Preprocessing (defaults chosen on the OpenALPR plate crops; see tesseract_reader.cpp).
  int character_height = 48;  // characters are scaled to this many pixels for Tesseract
  double stretch = 1.4;       // and stretched horizontally by this factor
  double blur_sigma = 1.5;    // gaussian blur before OCR; 0 = none
  double margin = 0.0;        // rectified crop: extra border on each side, fraction of its height
  bool zero_for_o = true;     // report letter O as digit 0 (with O among the alternatives)
};

class TesseractReader final : public TextReader {
 public:
  // Throws std::runtime_error naming the language and folder when Tesseract cannot start.
  explicit TesseractReader(TesseractOptions options = {});
  ~TesseractReader();
  TesseractReader(const TesseractReader&) = delete;
  TesseractReader& operator=(const TesseractReader&) = delete;

  // Nothing when the region holds no readable plate text.
  std::optional<PlateText> read(const cv::Mat& gray, const PlateRegion& region) override;

 private:
  struct Engine;
  std::unique_ptr<Engine> engine_;
  TesseractOptions options_;
};

}  // namespace platebus::recognition
