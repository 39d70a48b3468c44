#include "plate_choice.hpp"

#include <algorithm>

namespace platebus::recognition {

namespace {

bool same_place(const cv::Rect& a, const cv::Rect& b) {
  const cv::Point centre_a(a.x + a.width / 2, a.y + a.height / 2), centre_b(b.x + b.width / 2, b.y + b.height / 2);
  return a.contains(centre_b) || b.contains(centre_a);
}

bool has_digit(const RecognizedPlate& plate) {
  return std::any_of(plate.text.text.begin(), plate.text.text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

std::vector<RecognizedPlate> one_reading_per_plate(std::vector<RecognizedPlate> readings) {
  std::stable_sort(readings.begin(), readings.end(), [](const RecognizedPlate& a, const RecognizedPlate& b) {
    if (has_digit(a) != has_digit(b)) return has_digit(a);
    return a.text.confidence > b.text.confidence;
  });
  std::vector<RecognizedPlate> plates;
  for (auto& candidate : readings) {
    const bool taken = std::any_of(plates.begin(), plates.end(), [&](const RecognizedPlate& p) {
      return p.text.text == candidate.text.text || same_place(p.region.box, candidate.region.box);
    });
    if (!taken) plates.push_back(std::move(candidate));
  }
  return plates;
}

}  // namespace platebus::recognition
