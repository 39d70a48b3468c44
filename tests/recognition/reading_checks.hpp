#pragma once
// What the reader tests share: registration-like texts to render, the characters a plate's text
// reads as, the checks every reading must pass whatever engine made it, and the two standard
// runs (flat plates, plates in scenes) every reader is measured on.
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cctype>
#include <random>
#include <set>
#include <string>
#include <vector>

#include <opencv2/imgproc.hpp>

#include "plate_renderer.hpp"
#include "text_reader.hpp"

namespace reading_checks {

// The characters a reader should return for a plate printed with `text` ("ABC-1234" -> "ABC1234").
inline std::string plate_chars(const std::string& text) {
  std::string out;
  for (const char c : text)
    if (std::isalnum(static_cast<unsigned char>(c))) out += c;
  return out;
}

// Registration-like texts: 7ABC123, ABC-1234 and 6-character letter/digit mixes, in turn.
inline std::vector<std::string> registration_texts(std::mt19937& rng, int n) {
  const std::string letters = "ABCDEFGHJKLMNPRSTUVWXYZ", digits = "0123456789", both = letters + digits;
  auto pick = [&](const std::string& s) { return s[std::uniform_int_distribution<std::size_t>(0, s.size() - 1)(rng)]; };
  std::vector<std::string> out;
  for (int i = 0; i < n; ++i) {
    std::string t;
    switch (i % 3) {
      case 0: t = {pick(digits), pick(letters), pick(letters), pick(letters), pick(digits), pick(digits), pick(digits)}; break;
      case 1: t = {pick(letters), pick(letters), pick(letters), '-', pick(digits), pick(digits), pick(digits), pick(digits)}; break;
      default:
        for (int k = 0; k < 6; ++k) t += pick(both);
    }
    out.push_back(t);
  }
  return out;
}

// Text of A-Z0-9, confidences in [0, 1], a grey crop, distinct alternatives of plate length (a
// reader may offer one with a character dropped or added), best first.
inline void check_shape(const platebus::recognition::PlateText& read) {
  BOOST_TEST(!read.text.empty());
  BOOST_TEST(std::all_of(read.text.begin(), read.text.end(), [](char c) { return std::isupper(c) || std::isdigit(c); }));
  BOOST_TEST(read.confidence >= 0.0);
  BOOST_TEST(read.confidence <= 1.0);
  BOOST_TEST(read.crop.type() == CV_8UC1);
  BOOST_TEST(read.alternatives.size() <= 5u);
  std::set<std::string> seen{read.text};
  for (std::size_t i = 0; i < read.alternatives.size(); ++i) {
    const auto& a = read.alternatives[i];
    BOOST_TEST(seen.insert(a.text).second, "alternative " << a.text << " repeats");
    BOOST_TEST(a.text.size() >= 2u);
    BOOST_TEST(a.text.size() <= 8u);
    BOOST_TEST(std::all_of(a.text.begin(), a.text.end(), [](char c) { return std::isupper(c) || std::isdigit(c); }));
    BOOST_TEST(a.confidence >= 0.0);
    BOOST_TEST(a.confidence <= 1.0);
    if (i > 0) BOOST_TEST(a.confidence <= read.alternatives[i - 1].confidence);
  }
}

inline platebus::recognition::PlateRegion whole(const cv::Mat& image) {
  const auto w = static_cast<float>(image.cols), h = static_cast<float>(image.rows);
  return {{cv::Point2f(0, 0), cv::Point2f(w, 0), cv::Point2f(w, h), cv::Point2f(0, h)}, {0, 0, image.cols, image.rows}, 1};
}

struct Tally {
  int exact = 0;
  int in_alternatives = 0;  // not exact, but the truth is among the alternatives
};

// 60 flat plates of random styles and widths (seed 2024), each read whole; every reading checked.
template <typename Reader>
Tally read_flat_plates(Reader& reader, platebus::synthetic::PlateRenderer& renderer) {
  std::mt19937 rng(2024);
  Tally tally;
  for (const auto& text : registration_texts(rng, 60)) {
    const auto style = platebus::synthetic::random_plate_style(rng);
    const int width = std::uniform_int_distribution<int>(180, 400)(rng);
    const auto plate = renderer.render_plate(text, style, width);
    cv::Mat gray;
    cv::cvtColor(plate.color, gray, cv::COLOR_BGR2GRAY);
    const auto read = reader.read(gray, whole(gray));
    if (!read) continue;
    BOOST_TEST_CONTEXT("plate " << text << " read as " << read->text) { check_shape(*read); }
    const std::string truth = plate_chars(text);
    if (read->text == truth) ++tally.exact;
    else if (std::any_of(read->alternatives.begin(), read->alternatives.end(), [&](const auto& a) { return a.text == truth; }))
      ++tally.in_alternatives;
  }
  BOOST_TEST_MESSAGE("flat plates: " << tally.exact << "/60 exact, " << tally.in_alternatives
                                     << " more among the alternatives");
  return tally;
}

// 30 day scenes (seed 77), each plate read through its true corners; returns the exact reads.
template <typename Reader>
int read_scene_plates(Reader& reader, platebus::synthetic::PlateRenderer& renderer, int crop_rows) {
  std::mt19937 rng(77);
  platebus::synthetic::SceneOptions options;
  options.infrared = false;
  int exact = 0;
  for (const auto& text : registration_texts(rng, 30)) {
    const auto scene = renderer.render_scene({text}, options, rng);
    cv::Mat gray;
    cv::cvtColor(scene.color, gray, cv::COLOR_BGR2GRAY);
    platebus::recognition::PlateRegion region;
    region.corners = scene.plates.at(0).corners;
    region.box = cv::boundingRect(std::vector<cv::Point2f>(region.corners.begin(), region.corners.end())) &
                 cv::Rect(0, 0, gray.cols, gray.rows);
    const auto read = reader.read(gray, region);
    if (!read) continue;
    BOOST_TEST_CONTEXT("plate " << text << " read as " << read->text) { check_shape(*read); }
    BOOST_TEST(read->crop.rows == crop_rows);
    if (read->text == plate_chars(text)) ++exact;
  }
  BOOST_TEST_MESSAGE("scene plates: " << exact << "/30 exact");
  return exact;
}

}  // namespace reading_checks
