// make_gps_source: checks a capture plugin's `gps` config value and builds the source it names.
#include "gps_source.hpp"

#include <sys/stat.h>

#include <cerrno>
#include <cmath>
#include <cstring>
#include <initializer_list>
#include <string>

#include "gpsd_gps.hpp"
#include "nmea_gps.hpp"
#include "platebus/plugin.hpp"

namespace platebus::capture {
namespace {

constexpr long long kDefaultMaxAgeMs = 5000;
constexpr long long kMaxMaxAgeMs = 24LL * 3600 * 1000;

class NoGpsSource final : public GpsSource {
 public:
  GpsFix current() override { return GpsFix{}; }
};

class StaticGpsSource final : public GpsSource {
 public:
  explicit StaticGpsSource(GpsFix fix) : fix_(std::move(fix)) {}
  GpsFix current() override { return fix_; }

 private:
  const GpsFix fix_;
};

[[noreturn]] void fail(const std::string& what) { throw ConfigError("gps: " + what); }

std::string type_of(const nlohmann::json& j) { return j.type_name(); }

void check_keys(const nlohmann::json& object, std::initializer_list<const char*> allowed, const std::string& what) {
  for (const auto& [key, value] : object.items()) {
    bool ok = false;
    for (const char* a : allowed) ok = ok || key == a;
    if (!ok) {
      std::string list;
      for (const char* a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
      fail("unknown key \"" + key + "\" in " + what + "; the keys allowed there are: " + list);
    }
  }
}

double number_in_range(const nlohmann::json& object, const char* key, double low, double high, bool required) {
  if (!object.contains(key)) {
    if (required) fail(std::string("static needs \"") + key + "\" (a number from " + fmt::format("{}", low) +
                       " to " + fmt::format("{}", high) + ")");
    return NAN;
  }
  const auto& v = object.at(key);
  if (!v.is_number()) {
    fail(fmt::format("static.{} must be a number from {} to {}, not {}", key, low, high, type_of(v)));
  }
  double d = v.get<double>();
  if (!std::isfinite(d) || d < low || d > high) {
    fail(fmt::format("static.{} = {} is out of range: use a number from {} to {}", key, v.dump(), low, high));
  }
  return d;
}

std::unique_ptr<GpsSource> make_static(const nlohmann::json& config) {
  const auto& s = config.at("static");
  if (!s.is_object()) {
    fail("static must be a map {latitude: .., longitude: .., altitude_m: ..}, not " + type_of(s));
  }
  check_keys(s, {"latitude", "longitude", "altitude_m"}, "static");
  GpsFix fix;
  fix.has_fix = true;
  fix.source = "static";
  fix.latitude = number_in_range(s, "latitude", -90, 90, true);
  fix.longitude = number_in_range(s, "longitude", -180, 180, true);
  double alt = number_in_range(s, "altitude_m", -1000, 10000, false);
  if (!std::isnan(alt)) fix.altitude_m = alt;
  return std::make_unique<StaticGpsSource>(fix);
}

std::chrono::milliseconds max_age_of(const nlohmann::json& config) {
  if (!config.contains("max_age")) return std::chrono::milliseconds(kDefaultMaxAgeMs);
  const auto& v = config.at("max_age");
  if (!v.is_number_integer() || v.get<long long>() <= 0 || v.get<long long>() > kMaxMaxAgeMs) {
    fail(fmt::format("max_age must be a whole number of milliseconds from 1 to {} (default {}), not {}",
                     kMaxMaxAgeMs, kDefaultMaxAgeMs, v.dump()));
  }
  return std::chrono::milliseconds(v.get<long long>());
}

std::string string_value(const nlohmann::json& config, const char* key, const char* example) {
  const auto& v = config.at(key);
  if (!v.is_string() || v.get<std::string>().empty()) {
    fail(fmt::format("{} must be a non-empty string such as \"{}\", not {}", key, example, v.dump()));
  }
  return v.get<std::string>();
}

std::unique_ptr<GpsSource> make_nmea(const nlohmann::json& config, Context& ctx) {
  check_keys(config, {"nmea", "baud", "max_age"}, "an nmea source");
  std::string path = string_value(config, "nmea", "/dev/ttyUSB0");
  auto max_age = max_age_of(config);
  int baud = 4800;
  // Checked even for a recorded log (where it is unused) so a config can switch between the two.
  if (config.contains("baud")) {
    const auto& b = config.at("baud");
    if (!b.is_number_integer() || !NmeaSerialGpsSource::supported_baud(b.get<int>())) {
      fail("baud " + b.dump() + " is not supported; use 4800 (the default), 9600, 19200, 38400, 57600 or 115200");
    }
    baud = b.get<int>();
  }
  struct stat st{};
  if (::stat(path.c_str(), &st) != 0) {
    int err = errno;
    // A USB receiver may be plugged in after start: a missing device node is waited for.
    if (path.rfind("/dev/", 0) == 0) return std::make_unique<NmeaSerialGpsSource>(path, baud, max_age, ctx);
    fail("nmea \"" + path + "\": " + std::strerror(err) + "; give a recorded NMEA log file or a serial device");
  }
  if (S_ISREG(st.st_mode)) return std::make_unique<NmeaFileGpsSource>(path, max_age, ctx);
  if (S_ISCHR(st.st_mode)) return std::make_unique<NmeaSerialGpsSource>(path, baud, max_age, ctx);
  fail("nmea \"" + path + "\" is neither a regular file (a recorded log) nor a character device (a serial port)");
}

std::unique_ptr<GpsSource> make_gpsd(const nlohmann::json& config, Context& ctx) {
  check_keys(config, {"gpsd", "max_age"}, "a gpsd source");
  std::string address = string_value(config, "gpsd", "localhost:2947");
  auto max_age = max_age_of(config);
  std::string host, port = "2947";
  if (address.front() == '[') {  // [::1]:2947
    auto close = address.find(']');
    if (close == std::string::npos) fail("gpsd \"" + address + "\": missing ']' in an IPv6 address; use \"[::1]:2947\"");
    host = address.substr(1, close - 1);
    if (close + 1 < address.size()) {
      if (address[close + 1] != ':') fail("gpsd \"" + address + "\": use \"[ADDRESS]:PORT\"");
      port = address.substr(close + 2);
    }
  } else if (auto colon = address.rfind(':'); colon != std::string::npos) {
    host = address.substr(0, colon);
    port = address.substr(colon + 1);
  } else {
    host = address;
  }
  bool port_ok = !port.empty() && port.size() <= 5 && port.find_first_not_of("0123456789") == std::string::npos &&
                 std::stoi(port) >= 1 && std::stoi(port) <= 65535;
  if (host.empty() || !port_ok || (host.find(':') != std::string::npos && address.front() != '[')) {
    fail("gpsd \"" + address + "\" is not HOST:PORT; use e.g. \"localhost:2947\" (port 1..65535)");
  }
  return std::make_unique<GpsdGpsSource>(host, port, max_age, ctx);
}

}  // namespace

std::unique_ptr<GpsSource> make_gps_source(const nlohmann::json& config, Context& ctx) {
  if (config.is_null() || (config.is_object() && config.empty())) return std::make_unique<NoGpsSource>();
  if (!config.is_object()) {
    fail("the value must be a map ({}, {static: ..}, {nmea: ..} or {gpsd: ..}), not " + type_of(config) + " " +
         config.dump());
  }
  std::string kinds;
  int count = 0;
  for (const char* kind : {"static", "nmea", "gpsd"}) {
    if (config.contains(kind)) {
      ++count;
      kinds += (kinds.empty() ? "" : " and ") + std::string(kind);
    }
  }
  if (count > 1) fail("give exactly one of static, nmea or gpsd, not " + kinds);
  if (count == 0) {
    fail("unknown key \"" + config.begin().key() +
         "\"; give exactly one of static: {latitude, longitude}, nmea: FILE_OR_DEVICE or gpsd: \"HOST:PORT\" "
         "(or {} for no GPS)");
  }
  if (config.contains("static")) {
    check_keys(config, {"static"}, "a static source (max_age and baud do not apply)");
    return make_static(config);
  }
  if (config.contains("nmea")) return make_nmea(config, ctx);
  return make_gpsd(config, ctx);
}

}  // namespace platebus::capture
