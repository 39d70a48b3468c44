// test.read_probe: writes one JSON line per received PlateRead or FrameResult to the file given in
// its config, so the recognition end-to-end tests can check what recognize.tesseract published.
//   PlateRead:   read_id, text, confidence, alternatives (texts), revision, final, camera, corners,
//                gps, file, and the plate crop and overview (present, format, decoded size)
//   FrameResult: file, camera, sequence, plates, regions, total_ms (and error, for a refused frame)
// Every line also has "type", "topic", "source" and the probe's own receive time ("received_ms",
// milliseconds on the steady clock since the probe started).
#include <chrono>
#include <fstream>
#include <opencv2/core.hpp>

#include "platebus/opencv.hpp"
#include "platebus/plate_read.hpp"
#include "platebus/plugin.hpp"

namespace {

// Whether the picture is there and decodes, and its decoded size.
nlohmann::json picture(const platebus::Image& image) {
  if (image.empty()) return {{"present", false}};
  const cv::Mat pixels = platebus::mat_view(image);
  return {{"present", true},
          {"format", platebus::to_string(image.format)},
          {"bytes", image.bytes.size},
          {"width", pixels.cols},
          {"height", pixels.rows}};
}

class ReadProbe final : public platebus::Plugin {
 public:
  void configure(platebus::Context& ctx) override {
    out_.open(ctx.config().at("file").get<std::string>(), std::ios::app);
    if (!out_) throw platebus::ConfigError("file: cannot open it for appending");
    started_ = std::chrono::steady_clock::now();
  }

  void on_message(platebus::Context&, const platebus::Message& message) override {
    nlohmann::json line = {
        {"type", message.type()},
        {"topic", message.topic},
        {"source", message.source()},
        {"received_ms",
         std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started_).count()}};
    const auto& h = message.header;
    if (message.type() == platebus::PlateRead::kType) {
      const auto read = platebus::PlateRead::from_message(message);
      nlohmann::json alternatives = nlohmann::json::array();
      for (const auto& a : read.alternatives) alternatives.push_back(a.text);
      nlohmann::json corners = nlohmann::json::array();
      for (const auto& p : read.corners) corners.push_back({p.x, p.y});
      line.update({{"read_id", read.read_id},
                   {"text", read.text},
                   {"confidence", read.confidence},
                   {"alternatives", alternatives},
                   {"revision", h.value("revision", -1)},
                   {"final", h.value("final", false)},
                   {"camera", read.camera},
                   {"corners", corners},
                   {"gps", read.gps.to_json()},
                   {"file", h.value("file", "")},
                   {"crop", picture(read.plate_crop)},
                   {"overview", picture(read.overview)}});
    } else if (message.type() == "FrameResult") {
      line.update({{"file", h.value("file", "")},
                   {"camera", h.value("camera", "")},
                   {"sequence", h.contains("sequence") ? h.at("sequence") : nlohmann::json(0)},
                   {"plates", h.value("plates", nlohmann::json::array())},
                   {"regions", h.value("regions", nlohmann::json::array())},
                   {"total_ms", h.value("total_ms", -1.0)},
                   {"refused_frames", h.value("refused_frames", 0)}});
      if (h.contains("error")) line["error"] = h.at("error");
    }
    // One write per line, flushed, so a reader polling the file sees whole lines.
    out_ << line.dump() + "\n" << std::flush;
  }

 private:
  std::ofstream out_;
  std::chrono::steady_clock::time_point started_;
};

constexpr platebus::PortSpec kPorts[] = {
    {"reads", platebus::PortDirection::input, "PlateRead", platebus::Delivery::lossless, "plate reads to describe"},
    {"results", platebus::PortDirection::input, "FrameResult", platebus::Delivery::lossless,
     "per-frame results to describe"}};
constexpr platebus::ConfigKey kConfig[] = {
    {"file", platebus::ConfigType::path, nullptr, "where to append one JSON line per message"}};

}  // namespace

PLATEBUS_PLUGIN(platebus::describe_plugin<ReadProbe>("test.read_probe", "1.0.0",
                                                     "Describes received PlateReads and FrameResults as JSON lines, "
                                                     "for tests",
                                                     kPorts, kConfig))
