#include "frame_recognizer.hpp"

#include <algorithm>
#include <chrono>
#include <stdexcept>

#include <opencv2/imgproc.hpp>

#include "plate_choice.hpp"

namespace platebus::recognition {

namespace {
double elapsed_ms(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - since).count();
}
}  // namespace

FrameRecognizer::FrameRecognizer(const PlateDetector& detector, std::unique_ptr<TextReader> reader,
                                 RegionPatterns patterns, bool whole_frame)
    : detector_(detector), reader_(std::move(reader)), patterns_(std::move(patterns)), whole_frame_(whole_frame) {
  if (!reader_) throw std::invalid_argument("FrameRecognizer: a reader is required");
}

namespace {
PlateRegion whole_image(const cv::Mat& image) {
  const auto w = static_cast<float>(image.cols), h = static_cast<float>(image.rows);
  return {{cv::Point2f(0, 0), cv::Point2f(w, 0), cv::Point2f(w, h), cv::Point2f(0, h)}, {0, 0, image.cols, image.rows}, 1.0};
}
}  // namespace

FrameRecognition FrameRecognizer::recognize(const cv::Mat& color, const cv::Mat& infrared) {
  const auto started = std::chrono::steady_clock::now();
  // Infrared shows the retro-reflective plate at high contrast whatever the light: read it there.
  cv::Mat gray;
  if (!infrared.empty() && infrared.type() == CV_8UC1) {
    gray = infrared;
  } else if (!color.empty() && color.type() == CV_8UC3) {
    cv::cvtColor(color, gray, cv::COLOR_BGR2GRAY);
  } else {
    throw std::invalid_argument("the frame has neither an 8-bit colour nor an 8-bit infrared image");
  }

  FrameRecognition result;
  result.read_size = gray.size();
  if (whole_frame_) {
    result.regions = {whole_image(gray)};
  } else {
    DetectionTimes detection;
    result.regions = detector_.detect(gray, &detection);
    result.times.detect_ms = detection.find_ms;
    result.times.rank_ms = detection.rank_ms;
    result.times.proposed = detection.proposed;
  }
  result.times.ranked = static_cast<int>(result.regions.size());

  const auto reading = std::chrono::steady_clock::now();
  std::vector<RecognizedPlate> readings;
  for (const auto& region : result.regions) {
    auto text = reader_->read(gray, region);
    if (!text) continue;
    const auto region_code = patterns_.region_of(text->text);
    if (!region_code) continue;
    readings.push_back({region, std::move(*text), *region_code});
  }
  result.plates = one_reading_per_plate(std::move(readings));
  result.times.read_ms = elapsed_ms(reading);
  result.times.total_ms = elapsed_ms(started);
  return result;
}

}  // namespace platebus::recognition
