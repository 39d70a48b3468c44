// Ranking by row isolation: the proposal (with a margin) is warped upright to a fixed height,
// binarized in both polarities, and its connected components of character-like height, shape and
// fill are grouped into rows of similar height, aligned centres and small gaps. The longest row
// makes the score (plates carry 5 to 8 characters; 2 to 4 count for less), weighted by how regular
// the row is and by its contrast. The row's character height and extent then give the plate's
// corners (a US plate is about 2.2 character heights tall and 4.4 wide).
// A proposal is usually a character row, but a small plate's blob often takes in its frame or
// holder: a proposal shaped like a whole plate is also searched without the row margin, with
// frame lines cut away from the characters.
#include "region_ranking.hpp"

#include <algorithm>
#include <cmath>
#include <iterator>

#include <opencv2/imgproc.hpp>

namespace platebus::recognition::detail {
namespace {

// The warped crop's height in pixels. Keeping tall proposals at up to twice this did not find more
// plates on us-dev and cost a third more time.
constexpr int kCropHeight = 72;
constexpr double kMarginX = 1.25;     // crop width over the proposal's
constexpr double kMarginY = 2.2;      // crop height over the proposal's
// Whole-plate proposals (aspect below 3; rows are longer): cropped to the proposal itself, a little
// shorter to drop the frame's edges. Their characters are about half the crop tall, so a lower
// crop suffices (40 to 56 px found the same plates on us-dev; 40 is the cheapest).
constexpr double kPlateAspectMax = 3;
constexpr double kTightMarginX = 1.0;
constexpr double kTightMarginY = 0.9;
constexpr int kTightCropHeight = 40;
constexpr double kMaxCropAspect = 8;
constexpr double kAdaptiveBlock = 0.43;  // local mean window over the crop height
constexpr double kAdaptiveOffset = 6;  // grey levels beyond the local mean

// Plate geometry relative to its character height (US: 6 in tall, 12 in wide, 2.75 in characters).
constexpr double kPlateHeightPerChar = 2.1;
constexpr double kPlateMinWidthPerChar = 4.0;
constexpr double kPlateWidthPerRow = 1.18;

struct Blob {
  cv::Rect box;
  double cx, cy;
};

struct Row {
  int count = 0;
  double regularity = 0;  // 0..1
  cv::Rect box;           // bounds of the row's characters
  double char_height = 0;
};

double count_term(int n) {
  static const double kByCount[] = {0, 0, 0.15, 0.4, 0.7, 0.95, 1.0, 1.0, 1.0, 0.8};
  if (n < 0) return 0;
  if (n < static_cast<int>(std::size(kByCount))) return kByCount[n];
  return 0.5;
}

std::vector<Blob> character_blobs(const cv::Mat& binary) {
  cv::Mat labels, stats, centroids;
  const int n = cv::connectedComponentsWithStats(binary, labels, stats, centroids, 8, CV_32S);
  std::vector<Blob> blobs;
  const int H = binary.rows, W = binary.cols;
  for (int i = 1; i < n; ++i) {
    const int x = stats.at<int>(i, cv::CC_STAT_LEFT), y = stats.at<int>(i, cv::CC_STAT_TOP);
    const int w = stats.at<int>(i, cv::CC_STAT_WIDTH), h = stats.at<int>(i, cv::CC_STAT_HEIGHT);
    const int area = stats.at<int>(i, cv::CC_STAT_AREA);
    if (h < 0.1 * H || h > 0.75 * H) continue;
    if (x <= 0 || y <= 0 || x + w >= W || y + h >= H) continue;
    const double aspect = static_cast<double>(w) / h;
    if (aspect < 0.08 || aspect > 1.3) continue;
    const double fill = static_cast<double>(area) / (static_cast<double>(w) * h);
    if (fill < 0.15 || (fill > 0.92 && aspect > 0.35)) continue;
    blobs.push_back({cv::Rect(x, y, w, h), x + w / 2.0, y + h / 2.0});
  }
  std::sort(blobs.begin(), blobs.end(), [](const Blob& a, const Blob& b) { return a.cx < b.cx; });
  return blobs;
}

Row best_row(const std::vector<Blob>& blobs) {
  Row best;
  double best_value = -1;
  std::vector<int> members;
  for (std::size_t s = 0; s < blobs.size(); ++s) {
    const double hs = blobs[s].box.height;
    members.clear();
    for (std::size_t j = 0; j < blobs.size(); ++j) {
      const double hj = blobs[j].box.height;
      if (std::abs(hj - hs) > 0.2 * std::max(hj, hs)) continue;
      if (std::abs(blobs[j].cy - blobs[s].cy) > 0.25 * hs) continue;
      members.push_back(static_cast<int>(j));
    }
    // The chain through the seed whose gaps stay under a character height or so.
    const auto seed_at = std::find(members.begin(), members.end(), static_cast<int>(s));
    std::size_t lo = seed_at - members.begin(), hi = lo;
    const double max_gap = 1.1 * hs;
    while (lo > 0 && blobs[members[lo]].box.x - blobs[members[lo - 1]].box.br().x < max_gap) --lo;
    while (hi + 1 < members.size() &&
           blobs[members[hi + 1]].box.x - blobs[members[hi]].box.br().x < max_gap)
      ++hi;
    const int n = static_cast<int>(hi - lo + 1);
    if (n < 2) continue;
    double mh = 0, mcy = 0;
    cv::Rect box = blobs[members[lo]].box;
    for (std::size_t k = lo; k <= hi; ++k) {
      const Blob& b = blobs[members[k]];
      mh += b.box.height;
      mcy += b.cy;
      box |= b.box;
    }
    mh /= n;
    mcy /= n;
    double vh = 0, vcy = 0;
    for (std::size_t k = lo; k <= hi; ++k) {
      const Blob& b = blobs[members[k]];
      vh += (b.box.height - mh) * (b.box.height - mh);
      vcy += (b.cy - mcy) * (b.cy - mcy);
    }
    const double spread = (std::sqrt(vh / n) + std::sqrt(vcy / n)) / mh;  // 0 for a perfect row
    const double regularity = std::clamp(1.0 - 4.0 * spread, 0.0, 1.0);
    const double value = count_term(n) * (0.7 + 0.3 * regularity);
    if (value > best_value) {
      best_value = value;
      best = {n, regularity, box, mh};
    }
  }
  return best;
}

// A plate's frame and its top and bottom edges are long horizontal runs that touch the characters
// and merge them into one blob; a character's own bars are shorter than half the crop height.
void cut_frame_lines(cv::Mat& binary) {
  const cv::Mat line = cv::getStructuringElement(cv::MORPH_RECT, {binary.rows / 2, 1});
  cv::Mat lines;
  cv::morphologyEx(binary, lines, cv::MORPH_OPEN, line);
  binary -= lines;
}

// Mean grey level difference between the row's characters and the rest of its box, 0..1.
double row_contrast(const cv::Mat& crop, const cv::Mat& binary, const cv::Rect& box) {
  const cv::Rect r = box & cv::Rect(0, 0, crop.cols, crop.rows);
  if (r.area() <= 0) return 0;
  const cv::Scalar fg = cv::mean(crop(r), binary(r));
  cv::Mat not_fg;
  cv::bitwise_not(binary(r), not_fg);
  const cv::Scalar bg = cv::mean(crop(r), not_fg);
  return std::abs(fg[0] - bg[0]) / 255.0;
}

std::array<cv::Point2f, 4> corners_of(cv::Point2f c, double angle_deg, double w, double h) {
  const double a = angle_deg * CV_PI / 180.0;
  const cv::Point2f u(static_cast<float>(std::cos(a) * w / 2), static_cast<float>(std::sin(a) * w / 2));
  const cv::Point2f v(static_cast<float>(-std::sin(a) * h / 2), static_cast<float>(std::cos(a) * h / 2));
  return {c - u - v, c + u - v, c + u + v, c - u + v};
}

}  // namespace

cv::Rect2d bounds_of(const std::array<cv::Point2f, 4>& corners) {
  double x0 = corners[0].x, x1 = x0, y0 = corners[0].y, y1 = y0;
  for (const auto& p : corners) {
    x0 = std::min<double>(x0, p.x);
    x1 = std::max<double>(x1, p.x);
    y0 = std::min<double>(y0, p.y);
    y1 = std::max<double>(y1, p.y);
  }
  return {x0, y0, x1 - x0, y1 - y0};
}

namespace {

// The best character row in one crop around the proposal, and the warp that made the crop.
struct RowFit {
  Row row;
  double value = 0;
  cv::Mat to_crop;
};

// `cut_lines`: remove long horizontal runs from each binarization first (searching the uncut ones
// as well found no more plates on us-dev, at twice the cost).
RowFit fit_row(const cv::Mat& gray, const cv::RotatedRect& proposal, double margin_x, double margin_y,
               int crop_height, bool cut_lines) {
  RowFit fit;
  const double cw = proposal.size.width * margin_x, ch = proposal.size.height * margin_y;
  if (ch < 4 || cw < 8) return fit;
  const int H = crop_height;
  const int W = std::clamp(static_cast<int>(std::lround(H * cw / ch)), 16, static_cast<int>(kMaxCropAspect * H));
  const int block = 2 * static_cast<int>(kAdaptiveBlock * H / 2) + 1;
  const auto src = corners_of(proposal.center, proposal.angle, cw, ch);
  const cv::Point2f from[3] = {src[0], src[1], src[3]};
  const cv::Point2f to[3] = {{0, 0}, {static_cast<float>(W), 0}, {0, static_cast<float>(H)}};
  fit.to_crop = cv::getAffineTransform(from, to);
  cv::Mat crop;
  cv::warpAffine(gray, crop, fit.to_crop, {W, H}, cv::INTER_LINEAR, cv::BORDER_REPLICATE);

  const auto consider = [&](const cv::Mat& binary) {
    const Row row = best_row(character_blobs(binary));
    if (row.count < 2) return;
    const double contrast = row_contrast(crop, binary, row.box);
    const double value = count_term(row.count) * (0.7 + 0.3 * row.regularity) *
                         (0.6 + 0.4 * std::min(1.0, 2.5 * contrast));
    if (value > fit.value) {
      fit.value = value;
      fit.row = row;
    }
  };
  // Two binarizations, since one global threshold often joins the characters to the plate's frame
  // or splits the plate from a bright car: Otsu over the whole crop, and a local mean threshold,
  // each in both polarities. (Otsu over the proposal's centre alone added nothing on us-dev.)
  for (const bool local : {false, true}) {
    for (const int polarity : {cv::THRESH_BINARY_INV, cv::THRESH_BINARY}) {
      cv::Mat binary;
      if (!local) {
        cv::threshold(crop, binary, 0, 255, polarity | cv::THRESH_OTSU);
      } else {
        cv::adaptiveThreshold(crop, binary, 255, cv::ADAPTIVE_THRESH_MEAN_C, polarity, block,
                              polarity == cv::THRESH_BINARY ? -kAdaptiveOffset : kAdaptiveOffset);
      }
      if (cut_lines) cut_frame_lines(binary);
      consider(binary);
    }
  }
  return fit;
}

}  // namespace

RankedRegion rank_region(const cv::Mat& gray, const cv::RotatedRect& proposal) {
  const double pw = proposal.size.width, ph = proposal.size.height;
  RankedRegion result;
  // Without a row, guess that the proposal was the character row of a plate.
  result.corners = corners_of(proposal.center, proposal.angle, pw * kPlateWidthPerRow,
                              ph * kPlateHeightPerChar * 0.8);
  RowFit best = fit_row(gray, proposal, kMarginX, kMarginY, kCropHeight, false);
  if (pw < kPlateAspectMax * ph) {
    RowFit tight = fit_row(gray, proposal, kTightMarginX, kTightMarginY, kTightCropHeight, true);
    if (tight.value > best.value) best = std::move(tight);
  }
  if (best.row.count < 2) return result;
  result.score = best.value;
  result.characters = best.row.count;

  // The plate the row implies, in crop pixels, mapped back through the inverse warp.
  const Row& row = best.row;
  const double plate_h = kPlateHeightPerChar * row.char_height;
  const double plate_w = std::max(kPlateWidthPerRow * row.box.width, kPlateMinWidthPerChar * row.char_height);
  const cv::Point2f centre(static_cast<float>(row.box.x + row.box.width / 2.0),
                           static_cast<float>(row.box.y + row.box.height / 2.0));
  cv::Mat from_crop;
  cv::invertAffineTransform(best.to_crop, from_crop);
  std::vector<cv::Point2f> plate{centre + cv::Point2f(static_cast<float>(-plate_w / 2), static_cast<float>(-plate_h / 2)),
                                 centre + cv::Point2f(static_cast<float>(plate_w / 2), static_cast<float>(-plate_h / 2)),
                                 centre + cv::Point2f(static_cast<float>(plate_w / 2), static_cast<float>(plate_h / 2)),
                                 centre + cv::Point2f(static_cast<float>(-plate_w / 2), static_cast<float>(plate_h / 2))};
  cv::transform(plate, plate, from_crop);
  for (int i = 0; i < 4; ++i) result.corners[i] = plate[i];
  return result;
}

std::vector<RankedRegion> suppress_overlaps(std::vector<RankedRegion> regions, double max_iou,
                                            int keep) {
  std::stable_sort(regions.begin(), regions.end(),
                   [](const RankedRegion& a, const RankedRegion& b) { return a.score > b.score; });
  std::vector<RankedRegion> kept;
  std::vector<cv::Rect2d> kept_boxes;
  for (auto& r : regions) {
    if (static_cast<int>(kept.size()) >= keep) break;
    const cv::Rect2d b = bounds_of(r.corners);
    bool overlaps = false;
    for (const auto& k : kept_boxes) {
      const double inter = (b & k).area();
      const double uni = b.area() + k.area() - inter;
      if (uni <= 0 || inter / uni > max_iou || inter > 0.7 * std::min(b.area(), k.area())) {
        overlaps = true;
        break;
      }
    }
    if (overlaps) continue;
    kept.push_back(r);
    kept_boxes.push_back(b);
  }
  return kept;
}

}  // namespace platebus::recognition::detail
