#include "platebus_eval/scoring.hpp"

#include <algorithm>

namespace platebus::eval {

namespace {

double percentile(std::vector<double> values, double p) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  const auto index = static_cast<std::size_t>(p * static_cast<double>(values.size() - 1) + 0.5);
  return values[std::min(index, values.size() - 1)];
}

bool contains(const std::vector<std::string>& list, const std::string& text) {
  return std::find(list.begin(), list.end(), text) != list.end();
}

PlateVerdict judge(const LabelledPlate& plate, const ImageOutcome& outcome) {
  PlateVerdict verdict;
  verdict.file = outcome.file;
  verdict.expected = plate.text;
  if (!plate.box) {  // a crop: the whole image is the plate, its best read is the first
    verdict.detected = !outcome.reads.empty();
    if (verdict.detected) {
      const auto& read = outcome.reads.front();
      verdict.got = read.text;
      verdict.crop = read.crop;
      verdict.top1 = read.text == plate.text;
      verdict.topn = verdict.top1 || contains(read.alternatives, plate.text);
    }
    return verdict;
  }
  for (const auto& region : outcome.regions) verdict.detected = verdict.detected || iou(region, *plate.box) >= kMinDetectionIoU;
  const ReadOutcome* best = nullptr;
  double best_overlap = kMinDetectionIoU;
  for (const auto& read : outcome.reads) {
    const double overlap = iou(read.box, *plate.box);
    if (overlap >= best_overlap) {
      best = &read;
      best_overlap = overlap;
    }
    if (overlap >= kMinDetectionIoU && (read.text == plate.text || contains(read.alternatives, plate.text))) verdict.topn = true;
  }
  if (best) {
    verdict.detected = true;
    verdict.got = best->text;
    verdict.crop = best->crop;
    verdict.top1 = best->text == plate.text;
  }
  return verdict;
}

}  // namespace

double iou(const cv::Rect& a, const cv::Rect& b) {
  const double overlap = (a & b).area();
  const double joined = a.area() + b.area() - overlap;
  return joined > 0 ? overlap / joined : 0;
}

Score score(const LabelledSet& set, const std::vector<ImageOutcome>& outcomes, double wall_s) {
  Score s;
  std::vector<double> total, detect, rank, read;
  for (std::size_t i = 0; i < set.images.size() && i < outcomes.size(); ++i) {
    const auto& outcome = outcomes[i];
    ++s.images;
    if (!outcome.error.empty()) ++s.unreadable_images;
    if (outcome.finished && outcome.error.empty()) {
      total.push_back(outcome.total_ms);
      detect.push_back(outcome.detect_ms);
      rank.push_back(outcome.rank_ms);
      read.push_back(outcome.read_ms);
    }
    for (const auto& plate : set.images[i].plates) {
      auto verdict = judge(plate, outcome);
      ++s.plates;
      s.detected += verdict.detected;
      s.top1 += verdict.top1;
      s.topn += verdict.topn;
      s.verdicts.push_back(std::move(verdict));
    }
  }
  s.median_ms = percentile(total, 0.5);
  s.p90_ms = percentile(total, 0.9);
  s.median_detect_ms = percentile(detect, 0.5);
  s.median_rank_ms = percentile(rank, 0.5);
  s.median_read_ms = percentile(read, 0.5);
  s.images_per_second = wall_s > 0 ? s.images / wall_s : 0;
  return s;
}

nlohmann::json Score::to_json() const {
  return {{"images", images},
          {"plates", plates},
          {"unreadable_images", unreadable_images},
          {"detection_rate", rate(detected)},
          {"top1_rate", rate(top1)},
          {"topn_rate", rate(topn)},
          {"median_ms", median_ms},
          {"p90_ms", p90_ms},
          {"images_per_second", images_per_second},
          {"stages_median_ms", {{"detect", median_detect_ms}, {"rank", median_rank_ms}, {"read", median_read_ms}}}};
}

}  // namespace platebus::eval
