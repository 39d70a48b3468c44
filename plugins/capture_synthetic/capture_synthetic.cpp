// capture.synthetic: a capture driver that renders US-style plates on vehicles and publishes
// them as Frames, with the drawn plates' text and corners in the header ("truth") so demos and
// tests can score what a recogniser read.
#include <chrono>
#include <cmath>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include <platebus/frame.hpp>
#include <platebus/opencv.hpp>
#include <platebus/plugin.hpp>
#include <platebus/time.hpp>

#include "capture_common/frame_pacer.hpp"
#include "plate_renderer.hpp"

namespace {

using namespace std::chrono_literals;
namespace synthetic = platebus::synthetic;

constexpr platebus::PortSpec kPorts[] = {
    {"frames", platebus::PortDirection::output, "Frame", platebus::Delivery::latest,
     "Rendered frames: a colour image, an infrared image when enabled, and under header \"truth\" the "
     "text and corners of every plate drawn"},
};

constexpr platebus::ConfigKey kConfigKeys[] = {
    {"plates", platebus::ConfigType::string_list, "[\"7ABC123\", \"4XYZ982\", \"8KLM551\"]",
     "Plate texts to draw, used in turn, one per vehicle. Each has 2 to 10 characters of A-Z, 0-9, space or "
     "dash, and begins and ends with a letter or digit"},
    {"fps", platebus::ConfigType::number, "5", "Frames per second to publish (greater than 0)"},
    {"width", platebus::ConfigType::integer, "1280", "Frame width in pixels (320 to 7680)"},
    {"height", platebus::ConfigType::integer, "720", "Frame height in pixels (240 to 4320)"},
    {"camera", platebus::ConfigType::string, "\"\"",
     "Camera id written into each frame; empty means the instance id"},
    {"infrared", platebus::ConfigType::boolean, "true",
     "Also render an infrared image of the same scene (8-bit grey: bright retro-reflective plates, dark "
     "surroundings), as from a camera with an infrared illuminator"},
    {"night", platebus::ConfigType::boolean, "false", "Render night scenes: a dark colour image with headlight glare"},
    {"blur", platebus::ConfigType::number, "0.5", "Gaussian blur sigma in pixels (0 to 10); 0 = sharp"},
    {"noise", platebus::ConfigType::number, "4",
     "Sensor noise standard deviation in grey levels (0 to 50); 0 = clean"},
    {"tilt", platebus::ConfigType::number, "15",
     "Largest perspective tilt in degrees (0 to 60); each vehicle is turned by a random angle within "
     "+-tilt about the vertical and horizontal axes"},
    {"latitude", platebus::ConfigType::number, "null",
     "Latitude of the fixed camera in degrees (-90 to 90); set together with longitude. When both are "
     "unset frames carry no GPS fix"},
    {"longitude", platebus::ConfigType::number, "null",
     "Longitude of the fixed camera in degrees (-180 to 180); set together with latitude"},
    {"plates_per_frame", platebus::ConfigType::integer, "1", "Vehicles, each with one plate, per frame (1 to 4)"},
    {"count", platebus::ConfigType::integer, "0",
     "Stop publishing after this many frames and stay idle until stopped; 0 = publish forever"},
    {"seed", platebus::ConfigType::integer, "1", "Random seed: the same seed and settings give the same images"},
};

class CaptureSynthetic final : public platebus::Plugin {
 public:
  void configure(platebus::Context& ctx) override {
    const auto& config = ctx.config();

    plates_.clear();
    const auto& plates = config.at("plates");
    for (std::size_t i = 0; i < plates.size(); ++i) {
      const auto text = plates[i].get<std::string>();
      if (const auto problem = synthetic::plate_text_problem(text); !problem.empty())
        throw platebus::ConfigError(fmt::format("plates[{}]: {}", i, problem));
      plates_.push_back(text);
    }
    if (plates_.empty()) throw platebus::ConfigError("plates: give at least one plate text, e.g. [\"7ABC123\"]");

    const double fps = config.at("fps").get<double>();
    if (!(fps > 0) || !std::isfinite(fps))
      throw platebus::ConfigError(fmt::format("fps: {} is not usable; give a rate greater than 0, e.g. 5", fps));
    fps_ = fps;

    const auto width = config.at("width").get<std::int64_t>();
    const auto height = config.at("height").get<std::int64_t>();
    if (width < 320 || width > 7680) throw platebus::ConfigError(fmt::format("width: {} is outside 320..7680", width));
    if (height < 240 || height > 4320)
      throw platebus::ConfigError(fmt::format("height: {} is outside 240..4320", height));
    options_.size = cv::Size(static_cast<int>(width), static_cast<int>(height));

    camera_ = config.at("camera").get<std::string>();
    if (camera_.empty()) camera_ = ctx.instance_id();

    options_.infrared = config.at("infrared").get<bool>();
    options_.night = config.at("night").get<bool>();
    options_.blur_sigma = checked_range(config, "blur", 0, 10);
    options_.noise_sigma = checked_range(config, "noise", 0, 50);
    options_.max_tilt_deg = checked_range(config, "tilt", 0, 60);

    const auto& latitude = config.at("latitude");
    const auto& longitude = config.at("longitude");
    gps_ = platebus::GpsFix{};
    gps_.source = "static";
    if (latitude.is_null() != longitude.is_null())
      throw platebus::ConfigError("latitude and longitude: set both for a fixed camera position, or neither for no fix");
    if (!latitude.is_null()) {
      gps_.has_fix = true;
      gps_.latitude = checked_range(config, "latitude", -90, 90);
      gps_.longitude = checked_range(config, "longitude", -180, 180);
    }

    const auto per_frame = config.at("plates_per_frame").get<std::int64_t>();
    if (per_frame < 1 || per_frame > synthetic::kMaxPlatesPerScene)
      throw platebus::ConfigError(fmt::format("plates_per_frame: {} is outside 1..{}", per_frame,
                                              synthetic::kMaxPlatesPerScene));
    plates_per_frame_ = static_cast<int>(per_frame);

    const auto count = config.at("count").get<std::int64_t>();
    if (count < 0) throw platebus::ConfigError(fmt::format("count: {} is negative; give 0 for no limit", count));
    count_ = static_cast<std::uint64_t>(count);

    // Both halves of a 64-bit seed count, so distinct seeds give distinct runs.
    const auto seed = static_cast<std::uint64_t>(config.at("seed").get<std::int64_t>());
    std::seed_seq seq{static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32)};
    rng_.seed(seq);

    renderer_ = std::make_unique<synthetic::PlateRenderer>();
    if (!renderer_->uses_truetype())
      ctx.warn("DejaVu fonts not found in {}; plates use OpenCV's Hershey fonts (install fonts-dejavu-core)",
               synthetic::kDefaultFontDir);
  }

  void run(platebus::Context& ctx) override {
    ctx.info("rendering {}x{} at {} fps, {} plate(s) per frame{}{}, camera \"{}\"", options_.size.width,
             options_.size.height, fps_, plates_per_frame_,
             options_.night ? ", night" : "", options_.infrared ? ", with infrared" : "", camera_);
    platebus::capture::FramePacer pacer(fps_);
    bool warned_slow = false;
    while (!ctx.stopping()) {
      if (count_ != 0 && sequence_ >= count_) {
        ctx.info("published {} frames as configured (count); idle until stopped", sequence_);
        while (ctx.sleep_for(1s)) {
        }
        return;
      }

      const auto started = std::chrono::steady_clock::now();
      publish_frame(ctx);
      const auto took = std::chrono::steady_clock::now() - started;
      // The first frame also loads glyphs and builds the noise tiles, so it does not count.
      if (took > pacer.period() && sequence_ > 1 && !warned_slow) {
        ctx.warn("rendering a frame took {} ms, longer than the {} ms between frames; the rate will be lower",
                 std::chrono::duration_cast<std::chrono::milliseconds>(took).count(),
                 std::chrono::duration_cast<std::chrono::milliseconds>(pacer.period()).count());
        warned_slow = true;
      }

      if (!pacer.wait(ctx)) return;
    }
  }

 private:
  static double checked_range(const nlohmann::json& config, const char* key, double low, double high) {
    const double value = config.at(key).get<double>();
    if (!(value >= low && value <= high))
      throw platebus::ConfigError(fmt::format("{}: {} is outside {}..{}", key, value, low, high));
    return value;
  }

  // Corners to 0.01 pixel, in double so the JSON reads 269.41 rather than 269.4100036621094.
  static double hundredths(float v) { return std::round(static_cast<double>(v) * 100) / 100; }

  void publish_frame(platebus::Context& ctx) {
    std::vector<std::string> texts;
    for (int i = 0; i < plates_per_frame_; ++i) {
      texts.push_back(plates_[next_plate_]);
      next_plate_ = (next_plate_ + 1) % plates_.size();
    }

    platebus::Frame frame;
    frame.camera = camera_;
    frame.sequence = ++sequence_;
    frame.captured_at = platebus::now_utc();
    frame.gps = gps_;
    // render_scene allocates new images every call: subscribers read published pixels in place.
    synthetic::Scene scene = renderer_->render_scene(texts, options_, rng_);
    frame.colour = platebus::image_from_mat(scene.color);
    if (options_.infrared) frame.infrared = platebus::image_from_mat(scene.infrared);

    platebus::Message message = frame.to_message();
    auto truth = nlohmann::json::array();
    for (const auto& plate : scene.plates) {
      auto corners = nlohmann::json::array();
      for (const auto& c : plate.corners) corners.push_back({hundredths(c.x), hundredths(c.y)});
      truth.push_back({{"text", plate.text}, {"corners", std::move(corners)}});
    }
    message.header["truth"] = std::move(truth);
    ctx.publish("frames", std::move(message));
  }

  std::vector<std::string> plates_;
  std::size_t next_plate_ = 0;
  double fps_ = 5;
  synthetic::SceneOptions options_;
  std::string camera_;
  platebus::GpsFix gps_;
  int plates_per_frame_ = 1;
  std::uint64_t count_ = 0;
  std::uint64_t sequence_ = 0;
  std::mt19937 rng_;
  std::unique_ptr<synthetic::PlateRenderer> renderer_;
};

}  // namespace

PLATEBUS_PLUGIN(platebus::describe_plugin<CaptureSynthetic>(
    "capture.synthetic", "0.1.0",
    "Renders realistic US licence plates on vehicles in a road scene and publishes them as Frames (colour and "
    "infrared), with the true plate texts and corners in each header",
    kPorts, kConfigKeys))
