// test.frame_maker: publishes a list of Frames, odd ones included, then finishes, so a test can feed
// a recognizer frames no capture driver would make. Each entry of `frames` is KIND or KIND:IMAGE_FILE:
//   color:F                  the file as an 8-bit BGR colour image
//   infrared:F               the file as 8-bit grey infrared, no colour image
//   gray16_infrared:F        the file as 16-bit grey infrared (value * 257), no colour image
//   color_gray16_infrared:F  colour as above plus a half-size 16-bit infrared image
//   color_half_infrared:F    colour as above plus a half-size 8-bit infrared image
//   tiny                     a 1x1 colour image
//   huge                     a 12000x12000 colour image (mid grey)
//   zero_size                a colour part described as 0x0 with no bytes
//   no_image                 a Frame with neither image
//   bad_sequence             a 64x64 colour frame whose "sequence" header is a string
// Every frame's header "file" holds its entry, so results can be matched with what was sent.
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "platebus/frame.hpp"
#include "platebus/opencv.hpp"
#include "platebus/plugin.hpp"
#include "platebus/time.hpp"

namespace {

cv::Mat read_image(const std::string& file, int flags) {
  cv::Mat image = cv::imread(file, flags);
  if (image.empty()) throw platebus::ConfigError("frames: cannot read the image '" + file + "'");
  return image;
}

cv::Mat half(const cv::Mat& image) {
  cv::Mat small;
  cv::resize(image, small, {image.cols / 2, image.rows / 2}, 0, 0, cv::INTER_AREA);
  return small;
}

cv::Mat deep(const cv::Mat& gray8) {
  cv::Mat gray16;
  gray8.convertTo(gray16, CV_16UC1, 257.0);
  return gray16;
}

class FrameMaker final : public platebus::Plugin {
 public:
  void configure(platebus::Context& ctx) override {
    entries_ = ctx.config().at("frames").get<std::vector<std::string>>();
    interval_ = std::chrono::milliseconds(ctx.config().at("interval").get<long long>());
    for (const auto& entry : entries_) make(entry, 0);  // a typo or a missing file fails here, loudly
  }

  void run(platebus::Context& ctx) override {
    std::uint64_t sequence = 0;
    for (const auto& entry : entries_) {
      if (ctx.stopping()) return;
      ctx.publish("frames", make(entry, ++sequence));
      if (interval_.count() > 0 && !ctx.sleep_for(interval_)) return;
    }
  }

 private:
  static platebus::Message make(const std::string& entry, std::uint64_t sequence) {
    const auto colon = entry.find(':');
    const std::string kind = entry.substr(0, colon);
    const std::string file = colon == std::string::npos ? std::string() : entry.substr(colon + 1);
    platebus::Frame frame;
    frame.camera = "maker";
    frame.sequence = sequence;
    frame.captured_at = platebus::now_utc();
    if (kind == "color") {
      frame.colour = platebus::image_from_mat(read_image(file, cv::IMREAD_COLOR));
    } else if (kind == "infrared") {
      frame.infrared = platebus::image_from_mat(read_image(file, cv::IMREAD_GRAYSCALE));
    } else if (kind == "gray16_infrared") {
      frame.infrared = platebus::image_from_mat(deep(read_image(file, cv::IMREAD_GRAYSCALE)));
    } else if (kind == "color_gray16_infrared") {
      frame.colour = platebus::image_from_mat(read_image(file, cv::IMREAD_COLOR));
      frame.infrared = platebus::image_from_mat(deep(half(read_image(file, cv::IMREAD_GRAYSCALE))));
    } else if (kind == "color_half_infrared") {
      frame.colour = platebus::image_from_mat(read_image(file, cv::IMREAD_COLOR));
      frame.infrared = platebus::image_from_mat(half(read_image(file, cv::IMREAD_GRAYSCALE)));
    } else if (kind == "tiny") {
      frame.colour = platebus::image_from_mat(cv::Mat(1, 1, CV_8UC3, cv::Scalar(0, 0, 255)));
    } else if (kind == "huge") {
      // Only built when published: 432 MB of pixels.
      if (sequence > 0) frame.colour = platebus::image_from_mat(cv::Mat(12000, 12000, CV_8UC3, cv::Scalar::all(128)));
    } else if (kind == "bad_sequence") {
      frame.colour = platebus::image_from_mat(cv::Mat(64, 64, CV_8UC3, cv::Scalar::all(128)));
    } else if (kind != "zero_size" && kind != "no_image") {
      throw platebus::ConfigError("frames: unknown kind '" + kind + "'");
    }
    platebus::Message message = frame.to_message();
    if (kind == "zero_size") {
      message.header[platebus::field::parts] = nlohmann::json::array(
          {{{"role", "colour"}, {"format", "bgr8"}, {"width", 0}, {"height", 0}, {"stride", 0}, {"size", 0}}});
      message.parts.push_back(platebus::Blob{});
    } else if (kind == "bad_sequence") {
      message.header["sequence"] = "not a number";
    }
    message.header["file"] = entry;
    return message;
  }

  std::vector<std::string> entries_;
  std::chrono::milliseconds interval_{0};
};

constexpr platebus::PortSpec kPorts[] = {
    {"frames", platebus::PortDirection::output, "Frame", platebus::Delivery::lossless, "the frames, in list order"}};
constexpr platebus::ConfigKey kConfig[] = {
    {"frames", platebus::ConfigType::string_list, nullptr, "KIND or KIND:IMAGE_FILE entries (see the source)"},
    {"interval", platebus::ConfigType::duration, "0ms", "pause after each frame"}};

}  // namespace

PLATEBUS_PLUGIN(platebus::describe_plugin<FrameMaker>("test.frame_maker", "1.0.0",
                                                      "Publishes listed (odd) Frames, for tests", kPorts, kConfig))
