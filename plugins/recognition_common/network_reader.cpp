// The plate network's contract (tools/plate_model/README.md): input "image", 1x1x64x128 float, the
// grey plate resized to 128x64 and scaled to [-1, 1]; output "logits", 1x37x1xT, class 0 the CTC
// blank and 1..36 the characters 0-9A-Z. Decoding is greedy: the best class of each column,
// repeats collapsed, blanks dropped. A character's choices are the classes at the column where it
// is surest, which feed the same alternative builder as Tesseract's choices.
#include "network_reader.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string_view>

#include <fmt/format.h>
#include <opencv2/dnn.hpp>
#include <opencv2/imgproc.hpp>

#include "ocr_confusions.hpp"
#include "plate_rectifier.hpp"

namespace platebus::recognition {

namespace {

constexpr std::string_view kAlphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
constexpr int kClasses = 1 + static_cast<int>(kAlphabet.size());
const cv::Size kInputSize(128, 64);
constexpr int kChoices = 3;  // per character: what was read and its two nearest rivals

// Probabilities of one output column (a softmax over the classes).
void column_softmax(const float* logits, int columns, int column, float* probabilities) {
  float peak = -INFINITY;
  for (int c = 0; c < kClasses; ++c) peak = std::max(peak, logits[c * columns + column]);
  float sum = 0;
  for (int c = 0; c < kClasses; ++c) sum += probabilities[c] = std::exp(logits[c * columns + column] - peak);
  for (int c = 0; c < kClasses; ++c) probabilities[c] /= sum;
}

// One character: its choices at the column where it was read most surely.
ReadCharacter character_at(const float* probabilities) {
  std::vector<std::pair<float, int>> ranked;
  for (int c = 1; c < kClasses; ++c) ranked.emplace_back(probabilities[c], c);
  std::partial_sort(ranked.begin(), ranked.begin() + kChoices, ranked.end(), std::greater<>());
  ReadCharacter character;
  for (int i = 0; i < kChoices; ++i)
    character.choices.push_back({kAlphabet[static_cast<std::size_t>(ranked[i].second - 1)], ranked[i].first});
  return character;
}

}  // namespace

struct NetworkReader::Engine {
  cv::dnn::Net net;
  RectifyOptions rectify;
  AlternativeOptions alternatives;
  std::vector<float> probabilities;  // per column, kClasses each

  // The characters the network reads in an upright grey plate.
  std::vector<ReadCharacter> recognize(const cv::Mat& plate) {
    net.setInput(cv::dnn::blobFromImage(plate, 1.0 / 127.5, kInputSize, cv::Scalar(127.5), false, false));
    const cv::Mat out = net.forward();
    const int columns = out.size[3];
    const auto* logits = out.ptr<float>();
    probabilities.resize(static_cast<std::size_t>(columns * kClasses));
    std::vector<ReadCharacter> characters;
    int previous = 0;
    float surest = 0;
    for (int t = 0; t < columns; ++t) {
      float* p = probabilities.data() + t * kClasses;
      column_softmax(logits, columns, t, p);
      const int best = static_cast<int>(std::max_element(p, p + kClasses) - p);
      if (best != 0 && best != previous) {
        characters.push_back(character_at(p));
        surest = p[best];
      } else if (best != 0 && p[best] > surest) {
        characters.back() = character_at(p);  // the same character, seen more surely in this column
        surest = p[best];
      }
      previous = best;
    }
    return characters;
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
}

NetworkReader::~NetworkReader() = default;

std::optional<PlateText> NetworkReader::read(const cv::Mat& gray, const PlateRegion& region) try {
  const cv::Mat crop = rectify_plate(gray, region.corners, engine_->rectify);
  if (crop.empty()) return std::nullopt;
  return read_upright(crop);
} catch (const cv::Exception&) {
  return std::nullopt;  // an image OpenCV cannot process holds no readable plate
}

std::optional<PlateText> NetworkReader::read_upright(const cv::Mat& plate) try {
  cv::Mat gray = plate;
  if (plate.channels() == 3) cv::cvtColor(plate, gray, cv::COLOR_BGR2GRAY);
  if (gray.empty() || gray.depth() != CV_8U || gray.channels() != 1) return std::nullopt;
  const auto characters = engine_->recognize(gray);
  const auto count = static_cast<int>(characters.size());
  if (count < options_.min_characters || count > options_.max_characters) return std::nullopt;
  PlateText out;
  double sum = 0;
  for (const auto& c : characters) out.text += c.choices[0].symbol, sum += c.choices[0].confidence;
  out.confidence = sum / count;
  out.alternatives = build_alternatives(characters, engine_->alternatives);
  out.crop = gray;
  return out;
} catch (const cv::Exception&) {
  return std::nullopt;
}

}  // namespace platebus::recognition
