#pragma once
// Where a frame was taken. No fix is recorded as no fix: coordinates are never invented.
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "platebus/abi.hpp"

namespace platebus {

struct PLATEBUS_SDK_API GpsFix {
  bool has_fix = false;
  double latitude = 0;   // degrees, WGS 84
  double longitude = 0;  // degrees, WGS 84
  std::optional<double> altitude_m;
  std::optional<double> speed_mps;
  std::optional<double> heading_deg;
  std::string source;  // "static", "gpsd", "nmea"...

  nlohmann::json to_json() const;                   // {"fix": false} when there is no fix
  static GpsFix from_json(const nlohmann::json& j);  // throws MessageError on a malformed fix
};

}  // namespace platebus
