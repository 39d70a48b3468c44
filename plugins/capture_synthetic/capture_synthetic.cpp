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
#include "synthetic_settings.hpp"

namespace {

using namespace std::chrono_literals;
namespace synthetic = platebus::synthetic;

constexpr platebus::PortSpec kPorts[] = {
    {"frames", platebus::PortDirection::output, "Frame", platebus::Delivery::latest,
     "Rendered frames: a colour image, an infrared image when enabled, and under header \"truth\" the "
     "text and corners of every plate drawn"},
};

class CaptureSynthetic final : public platebus::Plugin {
 public:
  static std::vector<platebus::ConfigProblem> validate(const nlohmann::json& config) {
    return synthetic::SyntheticSettings::validate(config);
  }

  void configure(platebus::Context& ctx) override {
    const auto settings = synthetic::SyntheticSettings::from_config(ctx.config());
    plates_ = settings.plates;
    fps_ = settings.fps;
    options_ = settings.scene;
    camera_ = settings.camera.empty() ? ctx.instance_id() : settings.camera;
    gps_ = settings.gps;
    plates_per_frame_ = settings.plates_per_frame;
    count_ = settings.count;
    // Both halves of a 64-bit seed count, so distinct seeds give distinct runs.
    std::seed_seq seq{static_cast<std::uint32_t>(settings.seed), static_cast<std::uint32_t>(settings.seed >> 32)};
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
    kPorts, synthetic::kSyntheticConfigKeys))
