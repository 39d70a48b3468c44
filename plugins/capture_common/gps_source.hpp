#pragma once
// Where a camera is: the position every capture driver stamps on its Frames. Fixed cameras give
// static coordinates; mobile units read gpsd or NMEA sentences (a recorded file or a serial
// device). No fix, or a fix too old to trust, is reported as no fix: never invented.
#include <chrono>
#include <memory>

#include <nlohmann/json.hpp>

#include "platebus/context.hpp"
#include "platebus/descriptor.hpp"
#include "platebus/gps.hpp"

namespace platebus::capture {

class GpsSource {
 public:
  virtual ~GpsSource() = default;
  // The newest fix, or one with has_fix == false when there is none younger than the source's
  // maximum age. Safe to call from the capture thread at frame rate (never blocks).
  virtual GpsFix current() = 0;
};

// Builds the source described by a capture plugin's `gps` config value (a JSON object):
//   null or {}                                   no source: every frame says "no fix"
//   {"static": {"latitude": 38.58, "longitude": -121.49, "altitude_m": 9}}
//   {"gpsd": "localhost:2947", "max_age": 5000}   (max_age in ms, default 5000)
//   {"nmea": "/var/log/route.nmea", "max_age": 5000}    a recorded file, replayed at its own pace
//   {"nmea": "/dev/ttyUSB0", "baud": 4800, "max_age": 5000}   a serial GPS receiver
// Throws platebus::ConfigError saying what to change for anything else. `ctx` is used for logging
// (a lost fix, a device that went away).
std::unique_ptr<GpsSource> make_gps_source(const nlohmann::json& config, Context& ctx);

// The config key capture plugins declare for it, so every driver documents it the same way.
inline constexpr ConfigKey kGpsConfigKey{
    "gps", ConfigType::map, "{}",
    "Where frames were taken: {} for no fix; {static: {latitude: .., longitude: ..}} for a fixed camera; "
    "{gpsd: \"localhost:2947\"} or {nmea: FILE_OR_SERIAL_DEVICE, baud: 4800} for a mobile unit; "
    "max_age (ms, default 5000) drops a fix older than that"};

}  // namespace platebus::capture
