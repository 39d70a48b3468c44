// capture.video: publishes Frames from anything OpenCV's VideoCapture reads: video files (every frame,
// in order, for evaluations), RTSP/HTTP streams and V4L2 devices (always the newest frame, reconnecting
// with backoff when the stream drops). An optional second source supplies infrared images.
#include <chrono>
#include <memory>
#include <optional>
#include <platebus/frame.hpp>
#include <platebus/opencv.hpp>
#include <platebus/plugin.hpp>
#include <platebus/time.hpp>
#include <stdexcept>
#include <string>

#include "capture_common/frame_pacer.hpp"
#include "capture_common/gps_source.hpp"
#include "newest_frame_reader.hpp"
#include "capture_common/pixel_formats.hpp"
#include "video_source.hpp"

namespace {

using namespace std::chrono_literals;
namespace video = platebus::capture_video;
using Clock = std::chrono::steady_clock;

constexpr platebus::PortSpec kPorts[] = {
    {"frames", platebus::PortDirection::output, "Frame", platebus::Delivery::latest,
     "Frames as captured: colour as 8-bit BGR (or, for an infrared-only camera, infrared as 8-bit grey), infrared "
     "from infrared_source when set. From a video file the header also has \"file\" and \"frame_index\"; bind it "
     "with delivery: lossless so an evaluation sees every frame of the file"},
};

constexpr platebus::ConfigKey kConfigKeys[] = {
    {"source", platebus::ConfigType::path, nullptr,
     "What to read: a video file (every frame is published, in order), a V4L2 device (\"0\" or \"/dev/video0\") or "
     "a stream URL (\"rtsp://...\", \"http://...\"); live sources always give the newest frame"},
    {"infrared_source", platebus::ConfigType::path, "\"\"",
     "A second camera (device or URL) giving infrared images; each frame takes its newest infrared image if that "
     "is at most 200 ms older. Empty = no infrared"},
    {"infrared_only", platebus::ConfigType::boolean, "false",
     "The source itself is an infrared camera: frames carry its image as infrared (8-bit grey) and no colour image"},
    platebus::ConfigKey{"max_fps", platebus::ConfigType::number, "0",
                        "Most frames per second to publish; 0 = every new frame of a live source, or a file at its "
                        "own frame rate (as fast as downstream takes them when the file does not say)"}
        .between("0", "1000"),
    {"loop", platebus::ConfigType::boolean, "false", "Play a video file again from the start when it ends"},
    platebus::ConfigKey{"reconnect_backoff", platebus::ConfigType::duration, "1s",
                        "Wait before reopening a live source that failed; doubles after each failed attempt"}
        .above("0ms"),
    {"max_backoff", platebus::ConfigType::duration, "30s",
     "Longest wait between reconnection attempts; at least reconnect_backoff"},
    platebus::ConfigKey{"timeout", platebus::ConfigType::duration, "5s",
                        "How long a network stream may take to open or to deliver a frame before it counts as lost; "
                        "also bounds how long stopping can wait for a read in progress"}
        .above("0ms"),
    {"camera", platebus::ConfigType::string, "\"\"", "Camera id written into each frame; empty means the instance id"},
    platebus::capture::kGpsConfigKey,
};

constexpr auto kInfraredMaxAge = 200ms;

class CaptureVideo final : public platebus::Plugin {
 public:
  // What the key table cannot say: sources that parse, and the keys that must agree.
  static std::vector<platebus::ConfigProblem> validate(const nlohmann::json& config) {
    std::vector<platebus::ConfigProblem> problems;
    for (const char* key : {"source", "infrared_source"}) {
      try {
        const auto text = config.at(key).get<std::string>();
        if (!text.empty() || key == std::string_view("source")) video::parse_video_source(text);  // "": no infrared
      } catch (const std::invalid_argument& e) {
        problems.push_back({key, e.what()});
      }
    }
    if (config.at("infrared_only").get<bool>() && !config.at("infrared_source").get<std::string>().empty())
      problems.push_back({"infrared_only", "infrared_only and infrared_source are both set; an infrared-only camera "
                                           "needs no second infrared source"});
    if (config.at("max_backoff").get<long long>() < config.at("reconnect_backoff").get<long long>())
      problems.push_back({"max_backoff", "give at least reconnect_backoff, e.g. 30s"});
    return problems;
  }

  void configure(platebus::Context& ctx) override {
    const auto& config = ctx.config();
    source_ = video::parse_video_source(config.at("source").get<std::string>());
    const auto infrared = config.at("infrared_source").get<std::string>();
    if (!infrared.empty()) infrared_source_ = video::parse_video_source(infrared);
    infrared_only_ = config.at("infrared_only").get<bool>();
    max_fps_ = config.at("max_fps").get<double>();
    loop_ = config.at("loop").get<bool>();
    backoff_ = std::chrono::milliseconds(config.at("reconnect_backoff").get<long long>());
    max_backoff_ = std::chrono::milliseconds(config.at("max_backoff").get<long long>());
    timeout_ = std::chrono::milliseconds(config.at("timeout").get<long long>());

    camera_ = config.at("camera").get<std::string>();
    if (camera_.empty()) camera_ = ctx.instance_id();
    gps_ = platebus::capture::make_gps_source(config.at("gps"), ctx);
  }

  void start(platebus::Context& ctx) override {
    if (infrared_source_)
      infrared_reader_ = std::make_unique<video::NewestFrameReader>(reader_options(*infrared_source_, "infrared"), ctx);
    if (source_.is_live())
      live_reader_ = std::make_unique<video::NewestFrameReader>(
          reader_options(source_, infrared_only_ ? "infrared" : "colour"), ctx);
  }

  void run(platebus::Context& ctx) override {
    if (source_.is_live())
      run_live(ctx);
    else
      run_file(ctx);
  }

  void stop(platebus::Context&) override {
    // Joins the reader threads before the host unloads this library.
    live_reader_.reset();
    infrared_reader_.reset();
  }

 private:
  video::ReaderOptions reader_options(const video::VideoSource& source, const char* role) const {
    return {source, role, timeout_, backoff_, max_backoff_};
  }

  // Live: the newest frame, at most max_fps; never ends by itself.
  void run_live(platebus::Context& ctx) {
    platebus::capture::FramePacer pacer(max_fps_);
    std::uint64_t last = 0;
    while (!ctx.stopping()) {
      auto frame = live_reader_->wait_newer(last, 100ms);
      if (!frame) continue;
      last = frame->number;
      publish(ctx, frame->image, frame->arrived, nlohmann::json::object());
      if (!pacer.wait(ctx)) return;
    }
  }

  // A file: every frame in order, at max_fps or the file's own rate; ends with the file unless looping.
  void run_file(platebus::Context& ctx) {
    cv::VideoCapture capture;
    if (!video::open_video(capture, source_, timeout_))
      throw std::runtime_error(fmt::format("cannot open video file {}: no OpenCV backend could read it", source_.text));
    const double file_fps = video::reported_fps(capture);
    platebus::capture::FramePacer pacer(max_fps_ > 0 ? max_fps_ : file_fps);
    ctx.info("playing {} ({}, {} fps{}){}", source_.text, capture.getBackendName(),
             file_fps > 0 ? fmt::format("{:g}", file_fps) : std::string("unknown"),
             max_fps_ > 0 ? fmt::format(", published at {:g} fps", max_fps_) : std::string(), loop_ ? ", looping" : "");
    std::uint64_t index = 0;      // frame position in the file
    std::uint64_t published = 0;  // in this pass
    while (!ctx.stopping()) {
      cv::Mat image;  // fresh for every read: a published frame's pixels are never overwritten
      bool ok = false;
      try {
        ok = capture.read(image);
      } catch (const cv::Exception& e) {
        ctx.error("reading frame {} of {} failed: {}", index, source_.text, e.err);
      }
      if (!ok || image.empty()) {
        if (loop_ && published > 0 && video::open_video(capture, source_, timeout_)) {
          index = published = 0;
          continue;
        }
        ctx.info("finished: published {} frames from {}", published, source_.text);
        return;
      }
      publish(ctx, image, Clock::now(), {{"file", source_.text}, {"frame_index", index}});
      ++index;
      ++published;
      if (!pacer.wait(ctx)) return;
    }
  }

  void publish(platebus::Context& ctx, const cv::Mat& image, Clock::time_point arrived, nlohmann::json extra) {
    platebus::Frame frame;
    frame.camera = camera_;
    frame.sequence = ++sequence_;
    frame.captured_at = platebus::now_utc();
    frame.gps = gps_->current();
    if (infrared_only_) {
      frame.infrared = platebus::image_from_mat(platebus::capture::as_gray8(image));
    } else {
      frame.colour = platebus::image_from_mat(platebus::capture::as_bgr8(image));
      if (infrared_reader_) {
        // Paired by arrival: the newest infrared image, unless it is too old to show the same moment.
        if (auto infrared = infrared_reader_->newest(); infrared && arrived - infrared->arrived <= kInfraredMaxAge)
          frame.infrared = platebus::image_from_mat(platebus::capture::as_gray8(infrared->image));
      }
    }
    platebus::Message message = frame.to_message();
    for (auto& [key, value] : extra.items()) message.header[key] = value;
    ctx.publish("frames", std::move(message));
  }

  video::VideoSource source_;
  std::optional<video::VideoSource> infrared_source_;
  bool infrared_only_ = false;
  double max_fps_ = 0;
  bool loop_ = false;
  std::chrono::milliseconds backoff_{1000}, max_backoff_{30000}, timeout_{5000};
  std::string camera_;
  std::unique_ptr<platebus::capture::GpsSource> gps_;
  std::unique_ptr<video::NewestFrameReader> live_reader_;
  std::unique_ptr<video::NewestFrameReader> infrared_reader_;
  std::uint64_t sequence_ = 0;
};

}  // namespace

PLATEBUS_PLUGIN(platebus::describe_plugin<CaptureVideo>(
    "capture.video", "1.0.0", "Publishes Frames from video files, network streams and V4L2 devices", kPorts,
    kConfigKeys))
