// test.frame_probe: writes one JSON line per received Frame (camera, sequence, image sizes and mean
// pixel values, GPS, and the "file", "infrared_file" and "frame_index" headers) so capture tests
// can check what a driver published.
#include <fstream>
#include <opencv2/core.hpp>

#include "platebus/frame.hpp"
#include "platebus/opencv.hpp"
#include "platebus/plugin.hpp"

namespace {

nlohmann::json describe(const platebus::Image& image) {
  if (image.empty()) return nullptr;
  const cv::Scalar mean = cv::mean(platebus::mat_view(image));
  return {{"width", image.width},
          {"height", image.height},
          {"format", platebus::to_string(image.format)},
          {"mean", {mean[0], mean[1], mean[2]}}};
}

class FrameProbe final : public platebus::Plugin {
 public:
  void configure(platebus::Context& ctx) override {
    out_.open(ctx.config().at("file").get<std::string>(), std::ios::app);
    if (!out_) throw platebus::ConfigError("file: cannot open it for appending");
  }

  void on_message(platebus::Context&, const platebus::Message& message) override {
    const auto frame = platebus::Frame::from_message(message);
    nlohmann::json line = {{"camera", frame.camera},
                           {"sequence", frame.sequence},
                           {"captured_at", platebus::to_iso8601(frame.captured_at)},
                           {"gps", frame.gps.to_json()},
                           {"colour", describe(frame.colour)},
                           {"infrared", describe(frame.infrared)},
                           {"file", message.header.value("file", "")},
                           {"infrared_file", message.header.value("infrared_file", "")},
                           {"frame_index", message.header.value("frame_index", -1)}};
    out_ << line.dump() << std::endl;
  }

 private:
  std::ofstream out_;
};

constexpr platebus::PortSpec kPorts[] = {
    {"frames", platebus::PortDirection::input, "Frame", platebus::Delivery::lossless, "frames to describe"}};
constexpr platebus::ConfigKey kConfig[] = {
    {"file", platebus::ConfigType::string, nullptr, "where to append one JSON line per frame"}};

}  // namespace

PLATEBUS_PLUGIN(platebus::describe_plugin<FrameProbe>("test.frame_probe", "1.0.0",
                                                      "Describes received Frames as JSON lines, for tests", kPorts,
                                                      kConfig))
