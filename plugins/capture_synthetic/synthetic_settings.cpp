#include "synthetic_settings.hpp"

#include <fmt/format.h>

#include "plate_text.hpp"

namespace platebus::synthetic {

SyntheticSettings SyntheticSettings::from_config(const nlohmann::json& config) {
  SyntheticSettings settings;
  settings.plates = config.at("plates").get<std::vector<std::string>>();
  settings.fps = config.at("fps").get<double>();
  settings.scene.size = cv::Size(config.at("width").get<int>(), config.at("height").get<int>());
  settings.camera = config.at("camera").get<std::string>();
  settings.scene.infrared = config.at("infrared").get<bool>();
  settings.scene.night = config.at("night").get<bool>();
  settings.scene.blur_sigma = config.at("blur").get<double>();
  settings.scene.noise_sigma = config.at("noise").get<double>();
  settings.scene.max_tilt_deg = config.at("tilt").get<double>();
  settings.gps.source = "static";
  if (!config.at("latitude").is_null()) {
    settings.gps.has_fix = true;
    settings.gps.latitude = config.at("latitude").get<double>();
    settings.gps.longitude = config.at("longitude").get<double>();
  }
  settings.plates_per_frame = config.at("plates_per_frame").get<int>();
  settings.count = config.at("count").get<std::uint64_t>();
  settings.seed = static_cast<std::uint64_t>(config.at("seed").get<std::int64_t>());
  return settings;
}

std::vector<ConfigProblem> SyntheticSettings::validate(const nlohmann::json& config) {
  std::vector<ConfigProblem> problems;
  const auto& plates = config.at("plates");
  if (plates.empty()) problems.push_back({"plates", "give at least one plate text, e.g. [\"7ABC123\"]"});
  for (std::size_t i = 0; i < plates.size(); ++i)
    if (const auto problem = plate_text_problem(plates[i].get<std::string>()); !problem.empty())
      problems.push_back({"plates", fmt::format("item {}: {}", i + 1, problem)});
  const bool latitude = !config.at("latitude").is_null();
  if (latitude != !config.at("longitude").is_null())
    problems.push_back({latitude ? "latitude" : "longitude",
                        "set latitude and longitude both for a fixed camera position, or neither for no fix"});
  return problems;
}

}  // namespace platebus::synthetic
