#include "recognizer_plugin.hpp"

#include <opencv2/core/utility.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <platebus/opencv.hpp>

namespace platebus::recognition {

namespace {

// OpenCV keeps one thread pool per process (a TBB arena in Debian's build), and resizing it while
// another plugin's thread runs a parallel loop in it is the likely cause of a crash seen once in
// CI (capture.synthetic rendering while a recognizer started; not reproduced since). So it is made
// single-threaded once, when this plugin's library is loaded: the host loads every plugin before
// it starts any instance, and setting it again to the same size is a no-op. Our workers are the
// parallelism; OpenCV's pool would fight them.
const bool kOpenCvSingleThreaded = [] {
  cv::setNumThreads(1);
  return true;
}();

cv::Point2d scale_between(cv::Size from, cv::Size to) {
  if (from.empty() || to.empty()) return {1, 1};
  return {static_cast<double>(to.width) / from.width, static_cast<double>(to.height) / from.height};
}
}  // namespace

std::vector<ConfigProblem> RecognizerPlugin::validate(const nlohmann::json& config) {
  try {
    RegionPatterns::from_json(config.at("patterns"));
  } catch (const std::invalid_argument& e) {
    return {{"patterns", e.what()}};
  }
  return {};
}

void RecognizerPlugin::configure(Context& ctx) {
  const auto& config = ctx.config();
  workers_ = config.at("workers").get<int>();
  detector_options_.max_regions = config.at("max_regions").get<int>();
  max_alternatives_ = config.at("alternatives").get<int>();
  overview_width_ = config.at("overview_width").get<int>();
  min_confidence_ = config.at("min_confidence").get<double>();
  merge_window_ = std::chrono::milliseconds(config.at("merge_window").get<long long>());
  patterns_config_ = config.at("patterns");
  whole_frame_ = config.at("whole_frame").get<bool>();
  frame_limits_.configure(config);
  configure_reader(ctx);
}

void RecognizerPlugin::start(Context& ctx) {
  (void)kOpenCvSingleThreaded;  // set when the library was loaded (above), never while others run
  detector_ = std::make_unique<PlateDetector>(detector_options_);
  merger_ = std::make_unique<ReadMerger>(merge_window_);
  queue_ = std::make_unique<FrameQueue>(static_cast<std::size_t>(workers_));
  for (int i = 0; i < workers_; ++i) {
    try {
      recognizers_.push_back(std::make_unique<FrameRecognizer>(
          *detector_, make_reader(), RegionPatterns::from_json(patterns_config_), whole_frame_));
    } catch (const std::runtime_error& e) {
      throw ConfigError(fmt::format("{}; {}", e.what(), reader_fix()));
    }
  }
  for (int i = 0; i < workers_; ++i) threads_.emplace_back([this, &ctx, i] { work(ctx, *recognizers_[i]); });
  ctx.info("reading with {} and {} worker(s), up to {} region(s) per frame, merge window {} ms", reader_name(),
           workers_, detector_options_.max_regions, merge_window_.count());
}

void RecognizerPlugin::run(Context& ctx) {
  while (!ctx.stopping()) {
    if (auto message = ctx.receive(std::chrono::milliseconds(100))) {
      const bool lossless = message->text(field::delivery) == "lossless";
      // The frame is in the workers' hands until its result is published: the host's drain at
      // shutdown must not take this instance for idle meanwhile.
      ctx.begin_work();
      const auto pushed = queue_->push(std::move(*message), lossless);
      if (!pushed.queued || pushed.dropped_oldest) ctx.end_work();
    }
    publish_finals(ctx, /*all=*/false);
  }
}

void RecognizerPlugin::stop(Context& ctx) {
  if (queue_) queue_->close();
  for (auto& thread : threads_) thread.join();  // they read every frame still queued first
  threads_.clear();
  if (queue_ && queue_->dropped() > 0)
    ctx.warn("dropped {} frame(s) that arrived faster than recognition could read them", queue_->dropped());
  if (frame_limits_.refused() > 0)
    ctx.warn("refused {} frame(s) over the decode limits (max_frame_pixels, max_frame_bytes) or not decodable",
             frame_limits_.refused());
  // Reads still in the merge window get their final publication now, while the subscribers
  // downstream still run (the host stops them after this instance).
  if (merger_) publish_finals(ctx, /*all=*/true);
}

void RecognizerPlugin::work(Context& ctx, FrameRecognizer& recognizer) {
  while (auto message = queue_->pop()) {
    try {
      process(ctx, recognizer, *message);
    } catch (const std::exception& e) {
      // One bad frame costs one log line, never the worker.
      const auto sequence = message->header.find("sequence");
      ctx.error("frame {} from '{}' not read: {}", sequence != message->header.end() ? sequence->dump() : "?",
                message->source(), e.what());
      publish_unread(ctx, *message, e.what());
    }
    ctx.end_work();
  }
}

void RecognizerPlugin::process(Context& ctx, FrameRecognizer& recognizer, const Message& message) {
  const auto frame = Frame::from_message(message);
  frame_limits_.check(frame);
  const cv::Mat color = frame.colour.empty() ? cv::Mat() : mat_view(frame.colour, frame_limits_.limits());
  const cv::Mat infrared = frame.infrared.empty() ? cv::Mat() : mat_view(frame.infrared, frame_limits_.limits());
  const auto recognition = recognizer.recognize(color, infrared);
  const auto file = message.text("file");

  // Positions are reported in colour pixels, whichever image was read.
  const auto scale = scale_between(recognition.read_size, color.empty() ? infrared.size() : color.size());
  Image overview;
  nlohmann::json texts = nlohmann::json::array();
  for (const auto& plate : recognition.plates) {
    if (plate.text.confidence < min_confidence_) continue;
    texts.push_back(plate.text.text);
    if (overview.empty()) overview = make_overview(color.empty() ? infrared : color);
    PlateRead read = make_read(frame, plate, recognition.times.total_ms, overview, scale);
    publish_read(ctx, std::move(read), plate, file);
  }

  nlohmann::json regions = nlohmann::json::array();
  for (const auto& region : recognition.regions) {
    regions.push_back({static_cast<int>(region.box.x * scale.x), static_cast<int>(region.box.y * scale.y),
                       static_cast<int>(region.box.width * scale.x), static_cast<int>(region.box.height * scale.y)});
  }
  Message result = frame_result(message);
  result.header.update({{"regions", regions},
                        {"plates", texts},
                        {"proposed", recognition.times.proposed},
                        {"ranked", recognition.times.ranked},
                        {"detect_ms", recognition.times.detect_ms},
                        {"rank_ms", recognition.times.rank_ms},
                        {"read_ms", recognition.times.read_ms},
                        {"total_ms", recognition.times.total_ms}});
  ctx.publish("results", std::move(result));
}

// Every frame gets its FrameResult, a refused one too: whoever counts results (platebus-eval, a
// health view) learns the frame failed and why instead of waiting for it.
void RecognizerPlugin::publish_unread(Context& ctx, const Message& frame, std::string_view reason) {
  Message result = frame_result(frame);
  result.header.update({{"plates", nlohmann::json::array()},
                        {"regions", nlohmann::json::array()},
                        {"error", std::string(reason)}});
  ctx.publish("results", std::move(result));
}

// What every FrameResult carries: which frame it answers (copied from the frame's header as
// sent, so even a frame that could not be parsed is named) and the queue's drops so far.
Message RecognizerPlugin::frame_result(const Message& frame) const {
  Message result;
  result.header = {{field::type, "FrameResult"},
                   {"queue_drops", queue_->dropped()},
                   {"refused_frames", frame_limits_.refused()}};
  for (const char* key : {"camera", "sequence", "file"})
    if (const auto value = frame.header.find(key); value != frame.header.end()) result.header[key] = *value;
  return result;
}

Image RecognizerPlugin::make_overview(const cv::Mat& image) const {
  cv::Mat small;
  const double scale = std::min(1.0, static_cast<double>(overview_width_) / image.cols);
  cv::resize(image, small, {}, scale, scale, cv::INTER_AREA);
  return encoded_image(small, ".jpg", {cv::IMWRITE_JPEG_QUALITY, 80});
}

PlateRead RecognizerPlugin::make_read(const Frame& frame, const RecognizedPlate& plate, double processing_ms,
                                      const Image& overview, cv::Point2d scale) const {
  PlateRead read;
  read.camera = frame.camera;
  read.text = plate.text.text;
  read.confidence = plate.text.confidence;
  for (const auto& alternative : plate.text.alternatives) read.alternatives.push_back({alternative.text, alternative.confidence});
  for (const auto& corner : plate.region.corners) read.corners.push_back({corner.x * scale.x, corner.y * scale.y});
  read.region = plate.region_code;
  read.captured_at = frame.captured_at;
  read.gps = frame.gps;
  read.processing_ms = processing_ms;
  if (!plate.text.crop.empty()) read.plate_crop = encoded_image(plate.text.crop, ".jpg", {cv::IMWRITE_JPEG_QUALITY, 90});
  read.overview = overview;
  return read;
}

void RecognizerPlugin::publish_read(Context& ctx, PlateRead read, const RecognizedPlate& plate, const std::string& file) {
  Sighting sighting{read.camera, read.text, read.confidence, {}};
  for (const auto& alternative : plate.text.alternatives) sighting.alternatives.push_back(alternative.text);
  MergeDecision decision;
  {
    std::lock_guard lock(merge_mutex_);
    decision = merger_->add(sighting, ReadMerger::Clock::now());
    if (!decision.publish) return;
    read.read_id = decision.read_id;
    best_[decision.read_id] = read;
  }
  read.revision = decision.revision;
  read.file = file;
  ctx.publish("reads", read.to_message());
}

void RecognizerPlugin::publish_finals(Context& ctx, bool all) {
  std::vector<std::pair<PlateRead, int>> finals;
  {
    std::lock_guard lock(merge_mutex_);
    for (const auto& closed : all ? merger_->close_all() : merger_->close_expired(ReadMerger::Clock::now())) {
      const auto it = best_.find(closed.read_id);
      if (it == best_.end()) continue;
      finals.emplace_back(std::move(it->second), closed.revision);
      best_.erase(it);
    }
  }
  for (auto& [read, revision] : finals) {
    read.revision = revision;
    read.final = true;
    ctx.publish("reads", read.to_message());
  }
}

}  // namespace platebus::recognition
