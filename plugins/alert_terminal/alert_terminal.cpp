// alert.terminal: a visible banner and an audible bell for each hit, for the in-car terminal.
#include <filesystem>
#include <memory>
#include <optional>

#include "alert_banner.hpp"
#include "platebus/plugin.hpp"
#include "private_files.hpp"
#include "saved_images.hpp"
#include "terminal_output.hpp"

namespace {

using namespace platebus;

class AlertTerminal final : public Plugin {
 public:
  void configure(Context& ctx) override {
    output_name_ = ctx.config().at("output").get<std::string>();
    style_.bell = ctx.config().at("bell").get<bool>();
    const auto& colour = ctx.config().at("colour");
    if (!colour.is_null()) colour_ = colour.get<bool>();
    const auto& folder = ctx.config().at("image_folder");
    if (!folder.is_null() && !folder.get<std::string>().empty()) image_folder_ = folder.get<std::string>();
  }

  void start(Context& ctx) override {
    try {
      output_ = std::make_unique<alerts::TerminalOutput>(output_name_);
      if (image_folder_) alerts::make_private_folder(*image_folder_);
    } catch (const std::exception& e) {
      throw ConfigError(e.what());
    }
    // Colour only where a person reads a terminal, unless the deployment says otherwise.
    style_.colour = colour_.value_or(output_->is_terminal());
    ctx.info("alerts go to '{}' (bell {}, colour {}, images {})", output_name_, style_.bell ? "on" : "off",
             style_.colour ? "on" : "off", image_folder_ ? image_folder_->string() : "not saved");
  }

  void on_message(Context& ctx, const Message& message) override {
    Hit hit;
    try {
      hit = Hit::from_message(message);
    } catch (const MessageError& e) {
      ctx.warn("ignored a message that is not a valid Hit: {}", e.what());
      return;
    }
    alerts::SavedImages images;
    bool saved = false;
    if (image_folder_) {
      try {
        images = alerts::save_images(hit, *image_folder_);
        saved = true;
      } catch (const std::exception& e) {
        ctx.error("hit {}: {}; the alert is shown without the image files", hit.hit_id, e.what());
      }
    }
    try {
      output_->write(alerts::alert_banner(hit, images, saved, style_));
    } catch (const std::runtime_error& e) {
      // Said with the hit, then left to the host: its restart reopens the output (a replugged tty).
      ctx.error("hit {} ({} {}) NOT SHOWN: {}", hit.hit_id, hit.hot_plate.plate, hit.hot_plate.category, e.what());
      throw;
    }
    ctx.info("alert shown for hit {} ({} {}, {})", hit.hit_id, hit.hot_plate.plate, hit.match_kind,
             hit.hot_plate.category);
  }

  void stop(Context&) override { output_.reset(); }

 private:
  std::string output_name_;
  std::optional<bool> colour_;
  std::optional<std::filesystem::path> image_folder_;
  alerts::BannerStyle style_;
  std::unique_ptr<alerts::TerminalOutput> output_;
};

constexpr PortSpec kPorts[] = {
    {"hits", PortDirection::input, "Hit", Delivery::lossless, "hits to show, from match.hotlist"}};
constexpr ConfigKey kConfig[] = {
    {"output", ConfigType::string, "stdout",
     "where the banner goes: stdout, stderr, or the absolute path of a file or terminal device (/dev/tty1)"},
    {"bell", ConfigType::boolean, "true", "start each alert with the BEL character so the terminal beeps"},
    {"colour", ConfigType::boolean, "null", "ANSI colours; unset: on when the output is a terminal"},
    {"image_folder", ConfigType::path, "null",
     "save each hit's plate crop and overview here, named by hit id, and show their paths; unset: not saved"}};

}  // namespace

PLATEBUS_PLUGIN(describe_plugin<AlertTerminal>("alert.terminal", "0.1.0",
                                               "Shows each hot-list hit as a banner with a bell on a terminal",
                                               kPorts, kConfig))
