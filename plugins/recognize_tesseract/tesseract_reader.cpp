// The reading stage: rectify the region, isolate the character row, read it with Tesseract
// (LSTM, one line, A-Z0-9), and build alternatives from Tesseract's choices and the usual
// confusions.
//
// Measured on the 751 OpenALPR plate crops (stock Debian `eng`, one thread): the raw crop reads
// ~15 % exactly; the row isolated with Otsu ~57 %; also trying an adaptive threshold (window a
// quarter of the crop height, offset 25) ~69 %; looking again inside the row's band for
// characters joined to the frame, narrowing gaps wider than 0.4 character heights, and reading
// letter O as zero ~75 %. 48 px characters, x1.4 stretch and blur sigma 1.5 were the best of
// the sizes, stretches and blurs tried. A read longer than max_characters is trimmed to its most
// confident window (the same exact rate as rejecting it, and a usable candidate more often).
#include "tesseract_reader.hpp"

#include <algorithm>
#include <memory>
#include <stdexcept>

#include <opencv2/imgproc.hpp>
#include <tesseract/baseapi.h>
#include <tesseract/resultiterator.h>

#include "character_row.hpp"
#include "ocr_confusions.hpp"
#include "plate_rectifier.hpp"

namespace platebus::recognition {

namespace {

bool plate_char(char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

}  // namespace

struct TesseractReader::Engine {
  tesseract::TessBaseAPI api;
  RectifyOptions rectify;
  RowOptions row;
  AlternativeOptions alternatives;

  ~Engine() { api.End(); }

  // The characters Tesseract read in `image` (dark on white, 8-bit), with their choices.
  std::vector<ReadCharacter> recognize(const cv::Mat& image) {
    std::vector<ReadCharacter> out;
    api.SetImage(image.data, image.cols, image.rows, 1, static_cast<int>(image.step));
    api.SetSourceResolution(300);
    if (api.Recognize(nullptr) != 0) {
      api.Clear();
      return out;
    }
    std::unique_ptr<tesseract::ResultIterator> it(api.GetIterator());
    if (it) {
      const auto level = tesseract::RIL_SYMBOL;
      do {
        std::unique_ptr<char[]> text(it->GetUTF8Text(level));
        if (!text) continue;
        const double conf = std::clamp(it->Confidence(level) / 100.0, 0.0, 1.0);
        for (const char* p = text.get(); *p; ++p) {
          if (!plate_char(*p)) continue;
          ReadCharacter ch;
          ch.choices.push_back({*p, conf});
          tesseract::ChoiceIterator choice(*it);
          do {
            const char* s = choice.GetUTF8Text();
            if (s && plate_char(s[0]) && s[1] == 0 && s[0] != *p)
              ch.choices.push_back({s[0], std::clamp(choice.Confidence() / 100.0, 0.0, 1.0)});
          } while (choice.Next());
          out.push_back(std::move(ch));
        }
      } while (it->Next(level));
    }
    api.Clear();
    return out;
  }
};

TesseractReader::TesseractReader(TesseractOptions options) : engine_(std::make_unique<Engine>()), options_(std::move(options)) {
  const std::vector<std::string> names{"load_system_dawg", "load_freq_dawg"};
  const std::vector<std::string> values{"0", "0"};
  const char* datapath = options_.tessdata_dir.empty() ? nullptr : options_.tessdata_dir.c_str();
  if (engine_->api.Init(datapath, options_.language.c_str(), tesseract::OEM_LSTM_ONLY, nullptr, 0, &names, &values,
                        false) != 0) {
    throw std::runtime_error("TesseractReader: Tesseract could not load language '" + options_.language +
                             "' from tessdata folder '" +
                             (options_.tessdata_dir.empty() ? std::string("(Tesseract's default)") : options_.tessdata_dir) +
                             "'");
  }
  auto& api = engine_->api;
  api.SetPageSegMode(tesseract::PSM_SINGLE_LINE);
  api.SetVariable("tessedit_char_whitelist", "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");
  api.SetVariable("lstm_choice_mode", "2");
  api.SetVariable("debug_file", "/dev/null");

  engine_->rectify.margin = options_.margin;
  engine_->row.char_height = options_.character_height;
  engine_->row.stretch = options_.stretch;
  engine_->row.blur_sigma = options_.blur_sigma;
  engine_->alternatives.max_alternatives = static_cast<std::size_t>(std::max(0, options_.max_alternatives));
}

TesseractReader::~TesseractReader() = default;

std::optional<PlateText> TesseractReader::read(const cv::Mat& gray, const PlateRegion& region) try {
  cv::Mat crop = rectify_plate(gray, region.corners, engine_->rectify);
  if (crop.empty()) return std::nullopt;
  const auto row = isolate_character_row(crop, engine_->row);
  if (!row) return std::nullopt;

  std::vector<ReadCharacter> chars = engine_->recognize(row->image);
  const auto max_chars = static_cast<std::size_t>(std::max(1, options_.max_characters));
  if (chars.size() > max_chars) {
    // Too long: keep the most confident window (logos and frame bits read as extra characters).
    std::size_t best = 0;
    double best_sum = -1;
    for (std::size_t s = 0; s + max_chars <= chars.size(); ++s) {
      double sum = 0;
      for (std::size_t i = s; i < s + max_chars; ++i) sum += chars[i].choices[0].confidence;
      if (sum > best_sum) best_sum = sum, best = s;
    }
    chars = std::vector<ReadCharacter>(chars.begin() + best, chars.begin() + best + max_chars);
  }
  if (chars.size() < static_cast<std::size_t>(std::max(1, options_.min_characters))) return std::nullopt;
  if (options_.zero_for_o) {
    // US plates mostly print letter O and digit zero alike, and registrations record zero: read
    // zero, and keep O as the first alternative for that character.
    for (auto& c : chars)
      if (c.choices[0].symbol == 'O') {
        const double conf = c.choices[0].confidence;
        std::erase_if(c.choices, [](const auto& x) { return x.symbol == '0'; });
        c.choices[0].symbol = '0';
        c.choices.insert(c.choices.begin() + 1, CharacterChoice{'O', conf * 0.5});
      }
  }

  PlateText out;
  double sum = 0;
  for (const auto& c : chars) out.text += c.choices[0].symbol, sum += c.choices[0].confidence;
  out.confidence = sum / chars.size();
  out.alternatives = build_alternatives(chars, engine_->alternatives);
  out.crop = crop;
  return out;
} catch (const cv::Exception&) {
  // An image OpenCV cannot process (an unusual type or size) holds no readable plate.
  engine_->api.Clear();
  return std::nullopt;
}

}  // namespace platebus::recognition
