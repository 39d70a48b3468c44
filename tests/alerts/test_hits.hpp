#pragma once
// The hits the alert tests publish, made in one place so the publisher plugin and the tests that
// check what the sinks did agree on every value.
#include <string>

#include <fmt/format.h>
#include <opencv2/imgproc.hpp>

#include "platebus/hit.hpp"
#include "platebus/opencv.hpp"

namespace platebus::test::alerts {

inline const std::string kNotice =
    "Hot lists are not real-time: verify the plate visually and confirm the wanted status through CLETS before "
    "taking any action.";
inline const std::string kCapturedAt = "2026-11-28T16:49:40.123456Z";

inline std::string hit_id(int number) { return fmt::format("h-test-{:04}", number); }

// A small JPEG with a pattern, the same bytes each time for the same size.
inline Image test_jpeg(int width, int height) {
  cv::Mat picture(height, width, CV_8UC3, cv::Scalar(40, 90, 160));
  cv::rectangle(picture, {width / 8, height / 4}, {width * 7 / 8, height * 3 / 4}, cv::Scalar(250, 250, 250), -1);
  return encoded_image(picture, ".jpg", {cv::IMWRITE_JPEG_QUALITY, 80});
}

// A raw grey plate crop, as a recognizer may attach one instead of a JPEG.
inline Image test_gray_crop() {
  cv::Mat crop(40, 120, CV_8UC1, cv::Scalar(30));
  cv::rectangle(crop, {10, 10}, {110, 30}, cv::Scalar(220), -1);
  return image_from_mat(crop);
}

inline Hit test_hit(int number, const std::string& match_kind, bool with_gps, bool raw_crop = false) {
  Hit hit;
  hit.hit_id = hit_id(number);
  hit.match_kind = match_kind;
  hit.matched_text = match_kind == "exact" ? "7ABC123" : "7A8C123";
  hit.notice = kNotice;
  hit.hot_plate.plate = "7ABC123";
  hit.hot_plate.state = "CA";
  hit.hot_plate.category = "stolen_vehicle";
  hit.hot_plate.reason = "Stolen 2026-11-20 from Oakland, report 26-4411";
  hit.hot_plate.list = "ca-sva";
  hit.hot_plate.case_number = "CASE-2026-0042";
  hit.hot_plate.priority = 5;
  hit.hot_plate.vehicle = {"Toyota", "Camry", "white"};
  hit.hot_plate.expires = "2027-01-31";
  hit.hot_plate.added_by = "jdoe";
  auto& read = hit.read;
  read.read_id = fmt::format("r-{:04}", number);
  read.camera = "front-left";
  read.text = hit.matched_text;
  read.confidence = 0.93;
  read.alternatives = {{"7ABC123", 0.41}};
  read.corners = {{10, 20}, {130, 20}, {130, 60}, {10, 60}};
  read.region = "us-ca";
  read.captured_at = parse_iso8601(kCapturedAt);
  if (with_gps) {
    read.gps.has_fix = true;
    read.gps.latitude = 37.7749;
    read.gps.longitude = -122.4194;
    read.gps.source = "static";
  }
  read.processing_ms = 12.5;
  read.plate_crop = raw_crop ? test_gray_crop() : test_jpeg(120, 40);
  read.overview = test_jpeg(160, 90);
  return hit;
}

}  // namespace platebus::test::alerts
