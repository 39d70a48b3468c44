// The detector: input checks and conversion, downscaling to the working width, a stretch of dark
// frames, proposals (region_proposals.cpp), ranking and suppression (region_ranking.cpp), and the
// mapping of the kept regions back to frame pixels. Never throws: odd input gives no regions.
#include "plate_detector.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>

#include <opencv2/imgproc.hpp>

#include "region_proposals.hpp"
#include "region_ranking.hpp"

namespace platebus::recognition {
namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

constexpr int kMinWorkingWidth = 160;
constexpr int kMinFrameSide = 16;          // smaller frames cannot hold a readable plate
constexpr double kMaxTallness = 1.5;       // working height at most this times the working width
constexpr int kMaxProposals = 400;         // ranked at most; the rest are the smallest
constexpr double kSuppressIou = 0.3;
constexpr int kDarkRange = 100;       // grey levels between the 1st and 99th percentiles
constexpr int kMinStretchRange = 16;  // a flat frame is not stretched into noise
constexpr double kCutPlatePower = 6;

// Any depth and channel count to 8-bit grey; empty when that makes no sense.
cv::Mat to_gray8(const cv::Mat& in) {
  cv::Mat m = in;
  if (m.dims != 2 || m.empty()) return {};
  const int channels = m.channels();
  if (channels == 3 || channels == 4) {
    if (m.depth() == CV_8U || m.depth() == CV_16U || m.depth() == CV_32F) {
      cv::cvtColor(m, m, channels == 3 ? cv::COLOR_BGR2GRAY : cv::COLOR_BGRA2GRAY);
    } else {
      cv::extractChannel(m, m, 0);
    }
  } else if (channels != 1) {
    cv::extractChannel(m, m, 0);
  }
  if (m.depth() == CV_8U) return m;
  if (m.depth() == CV_8S) {
    m.convertTo(m, CV_8U, 1, 128);
    return m;
  }
  if (m.depth() == CV_16U) {
    // 16-bit camera data: stretch whatever range it uses.
    cv::Mat out;
    cv::normalize(m, out, 0, 255, cv::NORM_MINMAX, CV_8U);
    return out;
  }
  // Floating point: stretch the range of the finite values; NaN and infinities become its minimum
  // (one stray infinity must not flatten the whole frame).
  cv::Mat f;
  m.convertTo(f, CV_32F);
  cv::Mat finite;
  cv::compare(cv::abs(f), std::numeric_limits<float>::max(), finite, cv::CMP_LE);  // false for NaN
  double lo = 0, hi = 0;
  if (cv::countNonZero(finite) == 0) return {};
  cv::minMaxLoc(f, &lo, &hi, nullptr, nullptr, finite);
  cv::Mat not_finite;
  cv::bitwise_not(finite, not_finite);
  f.setTo(lo, not_finite);
  cv::Mat out;
  f.convertTo(out, CV_8U, hi > lo ? 255.0 / (hi - lo) : 0, hi > lo ? -lo * 255.0 / (hi - lo) : 0);
  return out;
}

// A frame whose grey levels (but for the brightest and darkest 1 %, such as lamps) span less than
// kDarkRange is stretched linearly to the full range; others are returned as they are.
cv::Mat stretched_if_dark(const cv::Mat& gray) {
  const int channels[] = {0};
  const int bins[] = {256};
  const float range[] = {0, 256};
  const float* ranges[] = {range};
  cv::Mat hist;
  cv::calcHist(&gray, 1, channels, cv::Mat(), hist, 1, bins, ranges);
  const double tail = 0.01 * static_cast<double>(gray.total());
  int lo = 0, hi = 255;
  for (double n = 0; lo < 255 && (n += hist.at<float>(lo)) <= tail;) ++lo;
  for (double n = 0; hi > 0 && (n += hist.at<float>(hi)) <= tail;) --hi;
  if (hi - lo >= kDarkRange) return gray;
  const double gain = 255.0 / std::max(hi - lo, kMinStretchRange);
  cv::Mat out;
  gray.convertTo(out, CV_8U, gain, -lo * gain);
  return out;
}

// A plate cut by the frame's edge cannot be read whole, while camera overlays (date and time) sit
// right at the edge and look like perfect character rows: the score falls steeply with the part of
// the implied plate outside the frame (a tenth outside halves it).
void demote_cut_plates(std::vector<detail::RankedRegion>& ranked, cv::Size frame_size) {
  const cv::Rect2d frame(0, 0, frame_size.width, frame_size.height);
  for (auto& r : ranked) {
    const cv::Rect2d b = detail::bounds_of(r.corners);
    if (b.area() <= 0) continue;
    r.score *= std::pow((b & frame).area() / b.area(), kCutPlatePower);
  }
}

}  // namespace

PlateDetector::PlateDetector(DetectorOptions options) : options_(options) {}

std::vector<PlateRegion> PlateDetector::detect(const cv::Mat& gray, DetectionTimes* times) const {
  if (times) *times = {};
  const auto start = Clock::now();
  try {
    if (options_.max_regions <= 0 || gray.empty() || gray.dims != 2) return {};
    if (gray.cols < kMinFrameSide || gray.rows < kMinFrameSide / 2) return {};
    const double frame_w = gray.cols, frame_h = gray.rows;

    // Downscale before anything else touches the pixels (a 12000x12000 frame must stay cheap):
    // nearest-neighbour to an intermediate size first when the factor is large, then area.
    const int working_width = std::max(options_.working_width, kMinWorkingWidth);
    double scale = std::min({1.0, working_width / frame_w, kMaxTallness * working_width / frame_h});
    cv::Mat small = gray;
    if (scale < 1) {
      const cv::Size target(std::max(1, static_cast<int>(std::lround(frame_w * scale))),
                            std::max(1, static_cast<int>(std::lround(frame_h * scale))));
      if (scale < 0.25) {
        cv::resize(small, small, {target.width * 4, target.height * 4}, 0, 0, cv::INTER_NEAREST);
      }
      // Convert after the first shrink: cheaper on huge frames, and resize takes most depths.
      if (small.depth() == CV_8U || small.depth() == CV_16U || small.depth() == CV_32F ||
          small.depth() == CV_64F) {
        cv::resize(small, small, target, 0, 0, cv::INTER_AREA);
        small = to_gray8(small);
      } else {
        small = to_gray8(small);
        cv::resize(small, small, target, 0, 0, cv::INTER_AREA);
      }
      scale = static_cast<double>(small.cols) / frame_w;
    } else {
      small = to_gray8(small);
    }
    if (small.empty() || small.cols < kMinFrameSide / 2 || small.rows < kMinFrameSide / 2) return {};

    // No CLAHE: it lifts brick, foliage and grilles as much as plates, and their stroke energy then
    // swallows small plates in the proposals (on us-dev and eu, detection rose from 97 % to 99 %
    // and from 96 % to 100 % without it). Only a dark frame is stretched, so that the ranking's
    // grey-level offsets and contrast mean the same as in daylight.
    const cv::Mat working = stretched_if_dark(small);

    detail::ProposalLimits limits;
    limits.min_width = std::max(8.0, options_.min_plate_width * scale);
    limits.max_width = std::max(limits.min_width * 1.5,
                                options_.max_plate_width_fraction * frame_w * scale);
    std::vector<cv::RotatedRect> proposals = detail::propose_regions(working, limits);
    if (times) {
      times->find_ms = ms_since(start);
      times->proposed = static_cast<int>(proposals.size());
    }
    const auto rank_start = Clock::now();

    if (static_cast<int>(proposals.size()) > kMaxProposals) {
      std::partial_sort(proposals.begin(), proposals.begin() + kMaxProposals, proposals.end(),
                        [](const cv::RotatedRect& a, const cv::RotatedRect& b) {
                          return a.size.area() > b.size.area();
                        });
      proposals.resize(kMaxProposals);
    }
    std::vector<detail::RankedRegion> ranked;
    ranked.reserve(proposals.size());
    for (const auto& p : proposals) ranked.push_back(detail::rank_region(working, p));
    demote_cut_plates(ranked, working.size());
    ranked = detail::suppress_overlaps(std::move(ranked), kSuppressIou, options_.max_regions);

    std::vector<PlateRegion> out;
    out.reserve(ranked.size());
    const cv::Rect frame(0, 0, gray.cols, gray.rows);
    const float to_frame = static_cast<float>(1.0 / scale);
    for (const auto& r : ranked) {
      PlateRegion region;
      for (int i = 0; i < 4; ++i) region.corners[i] = r.corners[i] * to_frame;
      const cv::Rect2d b = detail::bounds_of(region.corners);
      const cv::Point tl(static_cast<int>(std::floor(b.x)), static_cast<int>(std::floor(b.y)));
      const cv::Point br(static_cast<int>(std::ceil(b.x + b.width)), static_cast<int>(std::ceil(b.y + b.height)));
      region.box = cv::Rect(tl, br) & frame;
      if (region.box.width < 2 || region.box.height < 2) continue;
      region.score = r.score;
      out.push_back(region);
    }
    if (times) times->rank_ms = ms_since(rank_start);
    return out;
  } catch (...) {
    // cv::Exception or bad_alloc on pathological input: no regions rather than a dead worker.
    if (times) times->find_ms = ms_since(start);
    return {};
  }
}

}  // namespace platebus::recognition
