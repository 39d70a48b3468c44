#include "platebus_eval/eval_context.hpp"

#include <thread>

#include <fmt/format.h>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "platebus/frame.hpp"
#include "platebus/opencv.hpp"
#include "platebus/plate_read.hpp"

namespace platebus::eval {

EvalContext::EvalContext(nlohmann::json settings, const LabelledSet& set, std::shared_ptr<spdlog::logger> logger)
    : settings_(std::move(settings)), set_(set), logger_(std::move(logger)) {
  for (std::size_t i = 0; i < set.images.size(); ++i) {
    ImageOutcome outcome;
    outcome.file = set.images[i].file;
    outcomes_.push_back(std::move(outcome));
    index_by_file_[set.images[i].file.string()] = i;
  }
}

std::optional<Message> EvalContext::receive(std::chrono::milliseconds timeout) {
  while (next_image_ < set_.images.size() && !stopping_) {
    const auto index = next_image_++;
    const auto& file = set_.images[index].file;
    const cv::Mat image = cv::imread(file.string(), cv::IMREAD_COLOR);
    if (image.empty()) {
      std::lock_guard lock(mutex_);
      outcomes_[index].error = "cannot load the image";
      outcomes_[index].finished = true;
      ++finished_;
      progress_.notify_all();
      continue;
    }
    if (index == 0) first_frame_ = std::chrono::steady_clock::now();
    Frame frame;
    frame.camera = file.string();  // one camera per image: readings of different images never merge
    frame.sequence = index + 1;
    frame.captured_at = now_utc();
    frame.colour = image_from_mat(image);
    auto message = frame.to_message();
    message.header[field::source] = "eval";
    message.header[field::delivery] = "lossless";  // the recognizer waits instead of dropping
    message.header["file"] = file.string();
    message.port = "frames";
    return message;
  }
  sleep_for(timeout);
  return std::nullopt;
}

void EvalContext::publish(std::string_view port, Message message) {
  const auto file = message.text("file");
  std::lock_guard lock(mutex_);
  const auto it = index_by_file_.find(file);
  if (it == index_by_file_.end()) return;  // e.g. a final publication, which carries no file
  auto& outcome = outcomes_[it->second];
  if (port == "results") {
    outcome.total_ms = message.header.value("total_ms", 0.0);
    outcome.detect_ms = message.header.value("detect_ms", 0.0);
    outcome.rank_ms = message.header.value("rank_ms", 0.0);
    outcome.read_ms = message.header.value("read_ms", 0.0);
    for (const auto& r : message.header.value("regions", nlohmann::json::array()))
      outcome.regions.emplace_back(r.at(0).get<int>(), r.at(1).get<int>(), r.at(2).get<int>(), r.at(3).get<int>());
    if (message.header.contains("error")) outcome.error = message.text("error");  // counted unreadable
    if (!outcome.finished) ++finished_;
    outcome.finished = true;
    progress_.notify_all();
  } else if (port == "reads") {
    const auto read = PlateRead::from_message(message);
    if (read.revision != 0) return;  // the first reading of a pass is what is scored
    ReadOutcome got;
    got.text = read.text;
    for (const auto& a : read.alternatives) got.alternatives.push_back(a.text);
    std::vector<cv::Point2f> corners;
    for (const auto& c : read.corners) corners.emplace_back(static_cast<float>(c.x), static_cast<float>(c.y));
    if (!corners.empty()) got.box = cv::boundingRect(corners);
    got.crop = read.plate_crop;
    outcome.reads.push_back(std::move(got));
  }
}

bool EvalContext::wait_until_done(std::chrono::seconds stall_timeout) {
  std::unique_lock lock(mutex_);
  while (finished_ < outcomes_.size()) {
    const auto before = finished_;
    progress_.wait_for(lock, stall_timeout, [&] { return finished_ != before; });
    if (finished_ == before) return false;
  }
  return true;
}

double EvalContext::seconds_since_first_frame() const {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - first_frame_).count();
}

std::vector<ImageOutcome> EvalContext::outcomes() const {
  std::lock_guard lock(mutex_);
  return outcomes_;
}

void EvalContext::request_stop() {
  stopping_ = true;
  progress_.notify_all();
}

bool EvalContext::sleep_for(std::chrono::milliseconds duration) {
  const auto until = std::chrono::steady_clock::now() + duration;
  while (!stopping_ && std::chrono::steady_clock::now() < until) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  return !stopping_;
}

void EvalContext::log(LogLevel level, std::string_view text) {
  const auto spd = level == LogLevel::error ? spdlog::level::err
                   : level == LogLevel::warn ? spdlog::level::warn
                   : level == LogLevel::info ? spdlog::level::info
                                             : spdlog::level::debug;
  logger_->log(spd, "{}", text);
}

}  // namespace platebus::eval

namespace platebus::eval {

Reply EvalContext::call(std::string_view port, Message, std::chrono::milliseconds) {
  return Reply::failure(ServiceStatus::unavailable,
                        fmt::format("platebus-eval provides no services (called through '{}')", port));
}

}  // namespace platebus::eval
