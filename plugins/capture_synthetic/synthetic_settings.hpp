#pragma once
// capture.synthetic's settings: the config keys with their constraints (checked by the host before
// the plugin runs), the rules across keys (validate), and the struct configure() reads once.
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <platebus/descriptor.hpp>
#include <platebus/gps.hpp>

#include "plate_renderer.hpp"

namespace platebus::synthetic {

inline constexpr ConfigKey kSyntheticConfigKeys[] = {
    {"plates", ConfigType::string_list, "[\"7ABC123\", \"4XYZ982\", \"8KLM551\"]",
     "Plate texts to draw, used in turn, one per vehicle. Each has 2 to 10 characters of A-Z, 0-9, space or "
     "dash, and begins and ends with a letter or digit"},
    ConfigKey{"fps", ConfigType::number, "5", "Frames per second to publish"}.above("0"),
    ConfigKey{"width", ConfigType::integer, "1280", "Frame width in pixels"}.between("320", "7680"),
    ConfigKey{"height", ConfigType::integer, "720", "Frame height in pixels"}.between("240", "4320"),
    {"camera", ConfigType::string, "\"\"", "Camera id written into each frame; empty means the instance id"},
    {"infrared", ConfigType::boolean, "true",
     "Also render an infrared image of the same scene (8-bit grey: bright retro-reflective plates, dark "
     "surroundings), as from a camera with an infrared illuminator"},
    {"night", ConfigType::boolean, "false", "Render night scenes: a dark colour image with headlight glare"},
    ConfigKey{"blur", ConfigType::number, "0.5", "Gaussian blur sigma in pixels; 0 = sharp"}.between("0", "10"),
    ConfigKey{"noise", ConfigType::number, "4", "Sensor noise standard deviation in grey levels; 0 = clean"}.between("0", "50"),
    ConfigKey{"tilt", ConfigType::number, "15",
      "Largest perspective tilt in degrees; each vehicle is turned by a random angle within +-tilt about the "
      "vertical and horizontal axes"}
        .between("0", "60"),
    ConfigKey{"latitude", ConfigType::number, "null",
      "Latitude of the fixed camera in degrees; set together with longitude. When both are unset frames carry "
      "no GPS fix"}
        .between("-90", "90"),
    ConfigKey{"longitude", ConfigType::number, "null", "Longitude of the fixed camera in degrees; set together with latitude"}
        .between("-180", "180"),
    ConfigKey{"plates_per_frame", ConfigType::integer, "1", "Vehicles, each with one plate, per frame"}.between("1", "4"),
    ConfigKey{"count", ConfigType::integer, "0",
      "Stop publishing after this many frames and stay idle until stopped; 0 = publish forever"}
        .at_least("0"),
    {"seed", ConfigType::integer, "1", "Random seed: the same seed and settings give the same images"},
};
static_assert(kMaxPlatesPerScene == 4, "plates_per_frame's maximum above says 4");

struct SyntheticSettings {
  std::vector<std::string> plates;
  double fps = 5;
  SceneOptions scene;
  std::string camera;  // "" means the instance id
  GpsFix gps;          // has_fix only when latitude and longitude are set
  int plates_per_frame = 1;
  std::uint64_t count = 0;  // 0: forever
  std::uint64_t seed = 1;

  // From settings the host checked against kSyntheticConfigKeys and validate().
  static SyntheticSettings from_config(const nlohmann::json& config);
  // What the key table cannot say: each plate's text, at least one plate, latitude with longitude.
  static std::vector<ConfigProblem> validate(const nlohmann::json& config);
};

}  // namespace platebus::synthetic
