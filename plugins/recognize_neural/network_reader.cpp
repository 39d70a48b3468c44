// The plate network's contract (tools/plate_model/README.md): input "image", 1x1x64x128 float, the
// grey plate resized to 128x64 and scaled to [-1, 1]; output "logits", 1x37x1xT, class 0 the CTC
// blank and 1..36 the characters 0-9A-Z. The texts the columns most probably spell come from a
// prefix beam search, ranked with the plate-format prior; a character's confidence and choices are
// the classes at the column where it is surest, which feed the same alternative builder as
// Tesseract's choices.
#include "network_reader.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <set>
#include <stdexcept>
#include <string_view>

#include <fmt/format.h>
#include <opencv2/dnn.hpp>
#include <opencv2/imgproc.hpp>

#include "ctc_alignment.hpp"
#include "ctc_beam_search.hpp"
#include "ocr_confusions.hpp"
#include "plate_formats.hpp"
#include "plate_rectifier.hpp"

namespace platebus::recognition {

namespace {

constexpr std::string_view kAlphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
constexpr int kClasses = 1 + static_cast<int>(kAlphabet.size());
const cv::Size kInputSize(128, 64);
constexpr int kChoices = 3;  // per character: what was read and its two nearest rivals
// A reading whose text is less probable than even odds is read again in closer views; surer ones
// (most plates) are not.
constexpr double kUnsure = 0.5;
// The views of a plate, as the share of its width and height cut from each side.
constexpr std::array<std::pair<double, double>, 3> kViews{{{0.0, 0.0}, {0.01, 0.06}, {0.02, 0.12}}};
// An alternative of another length than the reading is kept only when at least this likely beside it.
constexpr double kOtherLengthFloor = 0.05;
// Texts each view contributes to the comparison: the likeliest few of its beam.
constexpr std::size_t kTextsPerView = 4;
// Detectors' boxes often stop inside the first or last character, and the network then reads the
// rest without it. A reading whose first or last character sits within kEdgeColumns of the crop's
// edge, or whose outer columns are not surely blank (part of a character), is read again widened
// by kWidenShare of the plate's width on each side.
constexpr int kEdgeColumns = 3;
constexpr double kSurelyBlank = 0.95;
constexpr double kWidenShare = 0.15;

// The network's 1x37x1xT logits as T rows of 37 log probabilities (a log-softmax per column).
cv::Mat column_log_probabilities(const cv::Mat& out) {
  const int columns = out.size[3];
  const cv::Mat by_class(kClasses, columns, CV_32F, const_cast<float*>(out.ptr<float>()));
  cv::Mat rows = by_class.t();
  for (int t = 0; t < columns; ++t) {
    float* row = rows.ptr<float>(t);
    const float peak = *std::max_element(row, row + kClasses);
    float sum = 0;
    for (int c = 0; c < kClasses; ++c) sum += std::exp(row[c] - peak);
    const float log_sum = peak + std::log(sum);
    for (int c = 0; c < kClasses; ++c) row[c] -= log_sum;
  }
  return rows;
}

// One character of a reading: `symbol` first, then the column's likeliest other classes.
ReadCharacter character_at(const float* log_probabilities, char symbol) {
  std::vector<std::pair<float, char>> others;
  for (int c = 1; c < kClasses; ++c) {
    const char other = kAlphabet[static_cast<std::size_t>(c - 1)];
    if (other != symbol) others.emplace_back(log_probabilities[c], other);
  }
  std::partial_sort(others.begin(), others.begin() + (kChoices - 1), others.end(), std::greater<>());
  ReadCharacter character;
  character.choices.push_back({symbol, std::exp(log_probabilities[kAlphabet.find(symbol) + 1])});
  for (int i = 0; i < kChoices - 1; ++i) character.choices.push_back({others[i].second, std::exp(others[i].first)});
  return character;
}

std::vector<ReadCharacter> characters_of(const CtcReading& reading, const cv::Mat& log_probabilities) {
  std::vector<ReadCharacter> characters;
  for (std::size_t i = 0; i < reading.text.size(); ++i)
    characters.push_back(character_at(log_probabilities.ptr<float>(reading.columns[i]), reading.text[i]));
  return characters;
}

// A character written as the other of a drawn-alike pair (O as 0): the glyph was read as sure as
// either, so the pair's confidences add up; the other member leaves the choices.
void write_as(ReadCharacter& character, char symbol) {
  auto& choices = character.choices;
  const auto twin = std::find_if(choices.begin() + 1, choices.end(), [&](const auto& c) { return c.symbol == symbol; });
  if (twin != choices.end()) {
    choices[0].confidence = std::min(1.0, choices[0].confidence + twin->confidence);
    choices.erase(twin);
  }
  choices[0].symbol = symbol;
}

cv::Mat closer_in(const cv::Mat& plate, std::pair<double, double> cut) {
  const int dx = static_cast<int>(plate.cols * cut.first), dy = static_cast<int>(plate.rows * cut.second);
  return plate(cv::Rect(dx, dy, plate.cols - 2 * dx, plate.rows - 2 * dy));
}

bool maybe_cut(const CtcReading& reading, const cv::Mat& log_probabilities) {
  const int columns = log_probabilities.rows;
  if (reading.columns.empty()) return false;
  if (reading.columns.front() < kEdgeColumns || reading.columns.back() >= columns - kEdgeColumns) return true;
  for (int t = 0; t < kEdgeColumns; ++t)
    for (const int column : {t, columns - 1 - t})
      if (std::exp(log_probabilities.at<float>(column, 0)) < kSurelyBlank) return true;
  return false;
}

double product_confidence(const std::vector<ReadCharacter>& characters) {
  double product = 1;
  for (const auto& c : characters) product *= c.choices[0].confidence;
  return product;
}

double mean_confidence(const std::vector<ReadCharacter>& characters) {
  double sum = 0;
  for (const auto& c : characters) sum += c.choices[0].confidence;
  return characters.empty() ? 0 : sum / static_cast<double>(characters.size());
}

}  // namespace

struct NetworkReader::Engine {
  cv::dnn::Net net;
  RectifyOptions rectify;
  AlternativeOptions alternatives;
  PlateFormats formats;  // none listed: every shape alike, readings ranked by probability alone

  // Per output column, the log probability of each class for an upright grey plate.
  cv::Mat recognize(const cv::Mat& plate) {
    net.setInput(cv::dnn::blobFromImage(plate, 1.0 / 127.5, kInputSize, cv::Scalar(127.5), false, false));
    return column_log_probabilities(net.forward());
  }

  // The likeliest texts of `views` views of `plate` (the first already read: `first`, `readings`),
  // each scored by its mean log probability over the views, most probable first. Columns are
  // those of the first view, where confidences are taken.
  std::vector<CtcReading> read_closer(const cv::Mat& plate, const cv::Mat& first, const std::vector<CtcReading>& readings,
                                      int views, std::size_t min_length, std::size_t max_length) {
    std::vector<cv::Mat> looks{first};
    for (int v = 1; v < views; ++v) looks.push_back(recognize(closer_in(plate, kViews[static_cast<std::size_t>(v)])));
    std::set<std::string> texts;
    const auto take = [&](const std::vector<CtcReading>& beam) {
      std::size_t taken = 0;
      for (const auto& r : beam)
        if (taken < kTextsPerView && r.text.size() >= min_length && r.text.size() <= max_length) texts.insert(r.text), ++taken;
    };
    take(readings);
    for (std::size_t v = 1; v < looks.size(); ++v) take(ctc_beam_search(looks[v], kAlphabet));
    std::vector<CtcReading> scored;
    for (const auto& text : texts) {
      auto reading = ctc_align(first, text, kAlphabet);
      if (reading.columns.size() != text.size()) continue;
      for (std::size_t v = 1; v < looks.size(); ++v) reading.log_probability += ctc_align(looks[v], text, kAlphabet).log_probability;
      reading.log_probability /= static_cast<double>(looks.size());
      scored.push_back(std::move(reading));
    }
    std::stable_sort(scored.begin(), scored.end(), [](const CtcReading& a, const CtcReading& b) {
      return a.log_probability > b.log_probability;
    });
    return scored;
  }
};

NetworkReader::NetworkReader(NetworkOptions options) : engine_(std::make_unique<Engine>()), options_(std::move(options)) {
  const auto& model = options_.model;
  try {
    engine_->net = cv::dnn::readNetFromONNX(model.string());
  } catch (const cv::Exception& e) {
    throw std::runtime_error(fmt::format("cannot load the plate network '{}': {}", model.string(), e.err));
  }
  if (engine_->net.empty()) throw std::runtime_error(fmt::format("the plate network '{}' is empty", model.string()));
  engine_->net.setPreferableBackend(cv::dnn::DNN_BACKEND_OPENCV);
  engine_->net.setPreferableTarget(cv::dnn::DNN_TARGET_CPU);
  // One blank image proves the file is the network this reader decodes.
  cv::Mat out;
  try {
    engine_->net.setInput(cv::dnn::blobFromImage(cv::Mat(kInputSize, CV_8UC1, cv::Scalar(255)), 1.0 / 127.5,
                                                 kInputSize, cv::Scalar(127.5)));
    out = engine_->net.forward();
  } catch (const cv::Exception& e) {
    throw std::runtime_error(fmt::format("the plate network '{}' does not take a 1x1x64x128 image: {}", model.string(), e.err));
  }
  if (out.dims != 4 || out.size[0] != 1 || out.size[1] != kClasses || out.size[2] != 1 || out.size[3] < options_.max_characters)
    throw std::runtime_error(fmt::format("'{}' is not a plate network: its output is not 1x{}x1xT", model.string(), kClasses));
  engine_->rectify.height = 96;
  engine_->rectify.margin = options_.margin;
  engine_->rectify.min_aspect = 1.0;
  engine_->alternatives.max_alternatives = static_cast<std::size_t>(std::max(0, options_.max_alternatives));
  if (!options_.formats.empty()) {
    try {
      engine_->formats = PlateFormats::load(options_.formats);
    } catch (const std::invalid_argument& e) {
      throw std::runtime_error(e.what());
    }
  }
}

NetworkReader::~NetworkReader() = default;

std::optional<PlateText> NetworkReader::read(const cv::Mat& gray, const PlateRegion& region) try {
  const cv::Mat crop = rectify_plate(gray, region.corners, engine_->rectify);
  if (crop.empty()) return std::nullopt;
  auto reading = read_plate(crop);
  if (!reading) return std::nullopt;
  if (!reading->at_edge) return std::move(reading->text);
  // The wider crop is taken only when it reads the same text and one character more: the cut
  // one. Otherwise it may just have taken in a logo or the frame.
  const cv::Mat wide_crop = rectify_plate(gray, widened(region.corners, kWidenShare), engine_->rectify);
  auto wide = wide_crop.empty() ? std::nullopt : read_plate(wide_crop);
  const auto& text = reading->text.text;
  if (wide && wide->text.text.size() == text.size() + 1 && wide->text.text.find(text) != std::string::npos)
    return std::move(wide->text);
  return std::move(reading->text);
} catch (const cv::Exception&) {
  return std::nullopt;  // an image OpenCV cannot process holds no readable plate
}

std::optional<PlateText> NetworkReader::read_upright(const cv::Mat& plate) {
  auto reading = read_plate(plate);
  if (!reading) return std::nullopt;
  return std::move(reading->text);
}

std::optional<NetworkReader::UprightReading> NetworkReader::read_plate(const cv::Mat& plate) try {
  cv::Mat gray = plate;
  if (plate.channels() == 3) cv::cvtColor(plate, gray, cv::COLOR_BGR2GRAY);
  if (gray.empty() || gray.depth() != CV_8U || gray.channels() != 1) return std::nullopt;
  const cv::Mat log_probabilities = engine_->recognize(gray);
  auto readings = ctc_beam_search(log_probabilities, kAlphabet);
  const auto min_length = static_cast<std::size_t>(options_.min_characters);
  const auto max_length = static_cast<std::size_t>(options_.max_characters);
  // When the most probable text is blank, or too short or long for a plate, there is no plate text
  // here: a less probable text of the right length would be a guess.
  if (readings.empty() || readings.front().text.size() < min_length || readings.front().text.size() > max_length)
    return std::nullopt;
  // Another look costs two more passes of the network: only for an unsure reading that would be
  // published (a region of grille or foliage reads unsurely too, and stays unpublished).
  if (options_.views > 1 && std::exp(readings.front().log_probability) < kUnsure &&
      mean_confidence(characters_of(readings.front(), log_probabilities)) >= options_.min_confidence)
    readings = engine_->read_closer(gray, log_probabilities, readings, options_.views, min_length, max_length);
  readings = engine_->formats.rank(std::move(readings), options_.format_weight, min_length, max_length);
  UprightReading result;
  result.at_edge = maybe_cut(readings.front(), log_probabilities);
  PlateText& out = result.text;
  auto characters = characters_of(readings.front(), log_probabilities);
  out.text = engine_->formats.settle_same_glyphs(readings.front().text);
  for (std::size_t i = 0; i < characters.size(); ++i)
    if (out.text[i] != readings.front().text[i]) write_as(characters[i], out.text[i]);
  out.confidence = mean_confidence(characters);
  // Other texts the columns spell (a character swapped, dropped or added) and the usual confusions
  // of the chosen one's characters. Each is as confident as the reading times how likely it is
  // beside it (capped at 1): a text that drops a surely read character is not "98 %" just because
  // it has fewer characters to multiply.
  const double chosen_product = product_confidence(characters);
  std::vector<Alternative> others;
  for (auto& confusion : build_alternatives(characters, engine_->alternatives))
    others.push_back({confusion.text, out.confidence * std::min(1.0, confusion.confidence / chosen_product)});
  if (out.text != readings.front().text) others.push_back({readings.front().text, out.confidence});
  for (std::size_t i = 1; i < readings.size(); ++i) {
    const double likelihood = std::min(1.0, std::exp(readings[i].log_probability - readings.front().log_probability));
    // Another length is a different plate to the hot-list matcher: offered only as a real contender.
    if (readings[i].text.size() != out.text.size() && likelihood < kOtherLengthFloor) continue;
    others.push_back({readings[i].text, out.confidence * likelihood});
  }
  std::stable_sort(others.begin(), others.end(), [](const Alternative& a, const Alternative& b) {
    return a.confidence > b.confidence;
  });
  std::set<std::string> seen{out.text};
  for (auto& other : others)
    if (out.alternatives.size() < engine_->alternatives.max_alternatives && seen.insert(other.text).second)
      out.alternatives.push_back(std::move(other));
  out.crop = gray;
  return result;
} catch (const cv::Exception&) {
  return std::nullopt;
}

}  // namespace platebus::recognition
