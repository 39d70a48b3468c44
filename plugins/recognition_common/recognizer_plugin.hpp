#pragma once
// What every recognizer plugin does the same way, whatever reads the text: frames queue for
// `workers` threads, each with its own FrameRecognizer; readings above min_confidence become one
// PlateRead per car passing a camera (refined under the same read id, final when the merge window
// closes), and each frame yields a FrameResult. A plugin adds its reader's settings and makes one
// reader per worker (recognize_tesseract.cpp, recognize_neural).
#include <algorithm>
#include <array>
#include <map>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <thread>
#include <vector>

#include <platebus/frame.hpp>
#include <platebus/plate_read.hpp>
#include <platebus/plugin.hpp>

#include "frame_limits.hpp"
#include "frame_queue.hpp"
#include "frame_recognizer.hpp"
#include "read_merger.hpp"

namespace platebus::recognition {

inline constexpr PortSpec kRecognizerPorts[] = {
    {"frames", PortDirection::input, "Frame", Delivery::latest,
     "frames to read; the infrared image is read when there is one"},
    {"reads", PortDirection::output, "PlateRead", Delivery::lossless,
     "one read per plate passing a camera: published at once, republished under the same read_id when a "
     "better reading arrives (revision 1, 2, ...) and once more when the merge window closes (final: true)"},
    {"results", PortDirection::output, "FrameResult", Delivery::lossless,
     "one per frame: the plates read and the time spent detecting, ranking and reading"},
};

inline constexpr std::array<ConfigKey, 10> kRecognizerConfig = {{
    ConfigKey{"workers", ConfigType::integer, "1", "recognition threads; each holds its own reader"}.between("1", "16"),
    ConfigKey{"max_regions", ConfigType::integer, "4", "candidate regions read per frame, best ranked first"}
        .between("1", "32"),
    {"merge_window", ConfigType::duration, "2s",
     "readings of the same plate from one camera belong to one read while seen again within this time"},
    {"patterns", ConfigType::map, "{us: \"^[A-Z0-9]{2,10}$\"}",
     "plate formats per region: {REGION: PATTERN or [PATTERNS]} (ECMAScript regular expressions); a reading "
     "is published only when it matches one, and carries the first matching region (in name order)"},
    ConfigKey{"min_confidence", ConfigType::number, "0.7", "readings below this confidence are not published"}
        .between("0", "1"),
    ConfigKey{"alternatives", ConfigType::integer, "5", "alternative readings per read"}.between("0", "10"),
    {"whole_frame", ConfigType::boolean, "false",
     "each frame is already a plate crop (a camera that sends crops, an evaluation of crops): read it whole"},
    ConfigKey{"overview_width", ConfigType::integer, "640", "width of the JPEG overview attached to each read"}
        .between("160", "1920"),
    kMaxFramePixelsKey,
    kMaxFrameBytesKey,
}};

// The shared keys followed by a plugin's own, as one table for its descriptor.
template <std::size_t N>
constexpr std::array<ConfigKey, kRecognizerConfig.size() + N> recognizer_config(const std::array<ConfigKey, N>& own) {
  std::array<ConfigKey, kRecognizerConfig.size() + N> all{};
  std::copy(kRecognizerConfig.begin(), kRecognizerConfig.end(), all.begin());
  std::copy(own.begin(), own.end(), all.begin() + kRecognizerConfig.size());
  return all;
}

class RecognizerPlugin : public Plugin {
 public:
  // What the key table cannot say: `patterns` must compile (run by `platebus check`).
  static std::vector<ConfigProblem> validate(const nlohmann::json& config);

  void configure(Context& ctx) final;
  void start(Context& ctx) final;
  void run(Context& ctx) final;
  void stop(Context& ctx) final;

 protected:
  // The reader's own settings (configure) and one reader per worker (start; a std::runtime_error
  // from it becomes a ConfigError with `reader_fix` appended).
  virtual void configure_reader(Context& ctx) = 0;
  virtual std::unique_ptr<TextReader> make_reader() = 0;
  virtual std::string reader_fix() const = 0;
  virtual std::string reader_name() const = 0;  // for the start-up line: "Tesseract", "the plate network"
  int max_alternatives() const { return max_alternatives_; }
  double min_confidence() const { return min_confidence_; }

 private:
  void work(Context& ctx, FrameRecognizer& recognizer);
  void process(Context& ctx, FrameRecognizer& recognizer, const Message& message);
  void publish_unread(Context& ctx, const Message& frame, std::string_view reason);
  Message frame_result(const Message& frame) const;
  Image make_overview(const cv::Mat& image) const;
  PlateRead make_read(const Frame& frame, const RecognizedPlate& plate, double processing_ms, const Image& overview,
                      cv::Point2d scale) const;
  void publish_read(Context& ctx, PlateRead read, const RecognizedPlate& plate, const std::string& file);
  // The final publication of reads whose merge window has closed, or of every open read (at stop).
  void publish_finals(Context& ctx, bool all);

  int workers_ = 1;
  DetectorOptions detector_options_;
  int max_alternatives_ = 5;
  int overview_width_ = 640;
  double min_confidence_ = 0;
  std::chrono::milliseconds merge_window_{2000};
  nlohmann::json patterns_config_;
  bool whole_frame_ = false;
  FrameLimits frame_limits_;

  std::unique_ptr<PlateDetector> detector_;
  std::unique_ptr<FrameQueue> queue_;
  std::vector<std::unique_ptr<FrameRecognizer>> recognizers_;
  std::vector<std::thread> threads_;
  std::mutex merge_mutex_;
  std::unique_ptr<ReadMerger> merger_;
  std::map<std::string, PlateRead> best_;  // the best reading of each open read, for its final publication
};

}  // namespace platebus::recognition
