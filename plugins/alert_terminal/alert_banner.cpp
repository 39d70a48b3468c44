#include "alert_banner.hpp"

#include <fmt/format.h>

#include "alert_facts.hpp"

namespace platebus::alerts {

namespace {

constexpr const char* kRule = "======================================================================";

struct Paint {
  bool on;
  std::string operator()(const char* code, const std::string& text) const {
    return on ? fmt::format("\033[{}m{}\033[0m", code, text) : text;
  }
};
constexpr const char* kAlarm = "1;97;41";  // bold white on red
constexpr const char* kWarning = "1;30;43";  // bold black on yellow
constexpr const char* kBold = "1";

std::string or_none(const std::string& text) { return text.empty() ? "-" : text; }

std::string image_line(const Image& image, const std::filesystem::path& file, bool saved) {
  if (image.empty()) return "none with this read";
  if (saved) return file.string();
  return fmt::format("{} {}x{}, in the hit (set image_folder to save it)", to_string(image.format), image.width,
                     image.height);
}

}  // namespace

std::string alert_banner(const Hit& hit, const SavedImages& images, bool images_saved, const BannerStyle& style) {
  const Paint paint{style.colour};
  const auto& plate = hit.hot_plate;
  const auto& read = hit.read;
  std::string text = style.bell ? "\a" : "";
  auto line = [&text](const std::string& label, const std::string& value) {
    text += fmt::format("  {:<10}{}\n", label, value);
  };
  text += paint(kAlarm, kRule) + "\n";
  text += paint(kAlarm, fmt::format("  HOT LIST HIT  {}{}   priority {}", plate.plate,
                                    plate.state.empty() ? "" : " (" + plate.state + ")", plate.priority)) + "\n";
  line("Match", match_kind_text(hit.match_kind));
  if (possible_misread(hit.match_kind))
    text += "  " + paint(kWarning, "!! POSSIBLE MISREAD: compare the plate on the car with the list entry") + "\n";
  line("Read", fmt::format("{} (matched as {}, confidence {:.0f}%)", or_none(read.text), or_none(hit.matched_text),
                           read.confidence * 100));
  line("Category", plate.category);
  line("Reason", plate.reason);
  line("Vehicle", vehicle_text(plate.vehicle));
  line("List", fmt::format("{}   case {}", or_none(plate.list), or_none(plate.case_number)));
  line("Camera", or_none(read.camera));
  line("Time", fmt::format("{}   (local {})", utc_time_text(read.captured_at), local_time_text(read.captured_at)));
  line("Location", location_text(read.gps));
  line("Plate img", image_line(read.plate_crop, images.plate_crop, images_saved));
  line("Overview", image_line(read.overview, images.overview, images_saved));
  line("Hit id", hit.hit_id);
  if (!hit.notice.empty()) text += "  " + paint(kBold, ">> " + hit.notice) + "\n";
  text += paint(kAlarm, kRule) + "\n";
  return text;
}

}  // namespace platebus::alerts
