#include "character_row.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include <opencv2/imgproc.hpp>

namespace platebus::recognition {

namespace {

struct Blob {
  cv::Rect box;
  cv::Mat mask;  // box-sized, 255 on the component's pixels
  double cy() const { return box.y + box.height / 2.0; }
};

struct Row {
  std::vector<Blob> blobs;
  bool dark = true;
  double height = 0, cy = 0;  // the row's median character height and centre line
  double score() const {
    double s = 0;
    for (const auto& b : blobs) s += b.box.height;
    return s;
  }
  bool better_than(const Row& o) const {
    return blobs.size() != o.blobs.size() ? blobs.size() > o.blobs.size() : score() > o.score();
  }
};

double median(std::vector<double> v) {
  std::nth_element(v.begin(), v.begin() + v.size() / 2, v.end());
  return v[v.size() / 2];
}

struct Components {
  cv::Mat labels, stats;
  int count = 0;
  cv::Rect box(int i) const {
    return {stats.at<int>(i, cv::CC_STAT_LEFT), stats.at<int>(i, cv::CC_STAT_TOP), stats.at<int>(i, cv::CC_STAT_WIDTH),
            stats.at<int>(i, cv::CC_STAT_HEIGHT)};
  }
  int area(int i) const { return stats.at<int>(i, cv::CC_STAT_AREA); }
  Blob blob(int i, cv::Point offset = {}) const {
    const cv::Rect b = box(i);
    return {b + offset, labels(b) == i};
  }
};

Components components(const cv::Mat& binary) {
  Components c;
  cv::Mat centroids;
  c.count = cv::connectedComponentsWithStats(binary, c.labels, c.stats, centroids, 8, CV_32S);
  return c;
}

// The largest group of aligned, similar-height character blobs in one binary image.
Row find_row(const cv::Mat& binary, bool dark, const RowOptions& o) {
  Row row;
  row.dark = dark;
  const Components cc = components(binary);
  const int rows = binary.rows;
  std::vector<int> chars, wide;
  for (int i = 1; i < cc.count; ++i) {
    const cv::Rect box = cc.box(i);
    if (box.height < o.min_height * rows || box.height > o.max_height * rows) continue;
    const double aspect = double(box.width) / box.height;
    const double fill = double(cc.area(i)) / box.area();
    if (fill < o.min_fill || aspect < o.min_aspect) continue;
    if (aspect <= o.max_aspect) chars.push_back(i);
    else if (aspect <= o.max_merged_aspect) wide.push_back(i);
  }
  auto aligned = [&](int i, double h, double cy) {
    const cv::Rect b = cc.box(i);
    return std::abs(b.height - h) <= o.height_tolerance * h && std::abs(b.y + b.height / 2.0 - cy) <= o.centre_tolerance * h;
  };
  std::vector<int> best;
  for (const int seed : chars) {
    const cv::Rect s = cc.box(seed);
    std::vector<int> group;
    for (const int i : chars)
      if (aligned(i, s.height, s.y + s.height / 2.0)) group.push_back(i);
    if (group.size() > best.size()) best = std::move(group);
  }
  if (best.empty()) return row;
  // Regroup around the group's median height and centre: steadier than any one seed.
  std::vector<double> heights, centres;
  for (const int i : best) heights.push_back(cc.box(i).height), centres.push_back(cc.box(i).y + cc.box(i).height / 2.0);
  row.height = median(heights);
  row.cy = median(centres);
  std::vector<int> members;
  for (const int i : chars)
    if (aligned(i, row.height, row.cy)) members.push_back(i);
  if (members.size() < best.size()) members = best;
  for (const int i : wide)
    if (aligned(i, row.height, row.cy)) members.push_back(i);
  for (const int i : members) row.blobs.push_back(cc.blob(i));
  return row;
}

bool overlaps_horizontally(const cv::Rect& a, const cv::Rect& b) {
  return std::min(a.x + a.width, b.x + b.width) - std::max(a.x, b.x) > 0.3 * std::min(a.width, b.width);
}

// Characters joined to the frame, a band or a sticker above or below them fail the height test.
// Cut the binary image to the row's band and look again: what fills the band's height there,
// beside the row, touching only one of the band's edges, is a character.
void recover_in_band(const cv::Mat& binary, Row& row, const RowOptions& o) {
  if (row.blobs.empty()) return;
  const double h = row.height;
  const int top = std::max(0, int(std::floor(row.cy - 0.5 * h - o.band_margin * h)));
  const int bottom = std::min(binary.rows, int(std::ceil(row.cy + 0.5 * h + o.band_margin * h)));
  if (bottom - top < 4) return;
  const cv::Mat band = binary.rowRange(top, bottom);
  const Components cc = components(band);
  int left = binary.cols, right = 0;
  for (const auto& b : row.blobs) left = std::min(left, b.box.x), right = std::max(right, b.box.x + b.box.width);
  for (int i = 1; i < cc.count; ++i) {
    const cv::Rect box = cc.box(i) + cv::Point(0, top);
    const bool at_top = box.y <= top, at_bottom = box.y + box.height >= bottom;
    if (at_top && at_bottom) continue;  // a frame edge or a band crossing the whole row
    if (box.height < (1 - o.height_tolerance) * h) continue;
    const double aspect = double(box.width) / box.height;
    if (aspect < o.min_aspect || aspect > o.max_merged_aspect) continue;
    if (double(cc.area(i)) / box.area() < o.min_fill) continue;
    if (box.x + box.width < left - o.max_gap * h || box.x > right + o.max_gap * h) continue;
    bool known = false;
    for (const auto& b : row.blobs) known = known || overlaps_horizontally(b.box, box);
    if (known) continue;
    row.blobs.push_back(cc.blob(i, cv::Point(0, top)));
    left = std::min(left, box.x), right = std::max(right, box.x + box.width);
  }
}

}  // namespace

std::optional<CharacterRow> isolate_character_row(const cv::Mat& crop, const RowOptions& o) {
  if (crop.empty() || crop.type() != CV_8UC1 || crop.rows < 4 || crop.cols < 4) return std::nullopt;
  cv::Mat work;
  const double scale = double(o.work_height) / crop.rows;
  const int work_w = std::clamp(int(std::lround(crop.cols * scale)), 4, 8 * o.work_height);
  cv::resize(crop, work, cv::Size(work_w, o.work_height), 0, 0, scale < 1 ? cv::INTER_AREA : cv::INTER_LINEAR);

  // Binarizations to try, each in both polarities; the one with the best row wins.
  std::vector<std::pair<cv::Mat, bool>> binaries;  // (characters = 255, dark characters)
  cv::Mat otsu;
  cv::threshold(work, otsu, 0, 255, cv::THRESH_BINARY_INV | cv::THRESH_OTSU);
  binaries.emplace_back(otsu, true);
  binaries.emplace_back(~otsu, false);
  if (o.adaptive) {
    const int block = int(o.work_height * o.adaptive_block) | 1;
    cv::Mat dark, light;
    cv::adaptiveThreshold(work, dark, 255, cv::ADAPTIVE_THRESH_MEAN_C, cv::THRESH_BINARY_INV, block, o.adaptive_c);
    cv::adaptiveThreshold(work, light, 255, cv::ADAPTIVE_THRESH_MEAN_C, cv::THRESH_BINARY, block, -o.adaptive_c);
    binaries.emplace_back(dark, true);
    binaries.emplace_back(light, false);
  }
  Row row;
  std::size_t chosen = 0;
  for (std::size_t i = 0; i < binaries.size(); ++i) {
    Row r = find_row(binaries[i].first, binaries[i].second, o);
    if (r.better_than(row)) row = std::move(r), chosen = i;
  }
  if (o.recover_in_band) recover_in_band(binaries[chosen].first, row, o);
  if (int(row.blobs.size()) < std::max(1, o.min_group)) return std::nullopt;
  std::sort(row.blobs.begin(), row.blobs.end(), [](const Blob& a, const Blob& b) { return a.box.x < b.box.x; });

  // Redraw the row's components black on white, cropped to the row. With narrow_gaps, gaps wider
  // than narrowed_gap (spaces, dashes, the room around a logo) are closed up to it; narrowing
  // every gap to a small one was measured worse (characters run together after the blur).
  cv::Rect bounds = row.blobs.front().box;
  for (const auto& b : row.blobs) bounds |= b.box;
  cv::Mat cut;
  if (o.narrow_gaps) {
    const int gap = std::max(1, int(std::lround(o.narrowed_gap * row.height)));
    std::vector<int> xs;
    int shift = 0, right_orig = -1, right_new = -gap;
    for (const auto& b : row.blobs) {
      if (b.box.x >= right_orig) shift = right_new + std::min(gap, right_orig < 0 ? gap : b.box.x - right_orig) - b.box.x;
      xs.push_back(b.box.x + shift);
      right_orig = std::max(right_orig, b.box.x + b.box.width);
      right_new = std::max(right_new, b.box.x + shift + b.box.width);
    }
    cut = cv::Mat(bounds.height, std::max(1, right_new), CV_8UC1, cv::Scalar(255));
    for (std::size_t i = 0; i < row.blobs.size(); ++i) {
      const auto& b = row.blobs[i];
      cut(cv::Rect(xs[i], b.box.y - bounds.y, b.box.width, b.box.height)).setTo(0, b.mask);
    }
  } else {
    cv::Mat canvas(work.size(), CV_8UC1, cv::Scalar(255));
    for (const auto& b : row.blobs) canvas(b.box).setTo(0, b.mask);
    cut = canvas(bounds);
  }

  CharacterRow out;
  out.dark_characters = row.dark;
  for (const auto& b : row.blobs) out.boxes.push_back(b.box);
  const double fy = o.char_height / row.height, fx = fy * std::max(0.1, o.stretch);
  const int ow = std::clamp(int(std::lround(cut.cols * fx)), 1, 4000);
  const int oh = std::clamp(int(std::lround(cut.rows * fy)), 1, 1000);
  cv::resize(cut, out.image, cv::Size(ow, oh), 0, 0, fy < 1 ? cv::INTER_AREA : cv::INTER_LINEAR);
  cv::copyMakeBorder(out.image, out.image, o.border, o.border, o.border, o.border, cv::BORDER_CONSTANT, cv::Scalar(255));
  if (o.blur_sigma > 0) cv::GaussianBlur(out.image, out.image, cv::Size(), o.blur_sigma);
  return out;
}

}  // namespace platebus::recognition
