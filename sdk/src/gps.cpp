#include "platebus/gps.hpp"

#include "platebus/message.hpp"

namespace platebus {

nlohmann::json GpsFix::to_json() const {
  if (!has_fix) return {{"fix", false}};
  nlohmann::json j = {{"fix", true}, {"lat", latitude}, {"lon", longitude}, {"source", source}};
  if (altitude_m) j["alt_m"] = *altitude_m;
  if (speed_mps) j["speed_mps"] = *speed_mps;
  if (heading_deg) j["heading_deg"] = *heading_deg;
  return j;
}

GpsFix GpsFix::from_json(const nlohmann::json& j) {
  GpsFix fix;
  try {
    if (!j.is_object()) throw MessageError("a GPS fix must be an object: {\"fix\": false} or {\"fix\": true, ...}");
    if (!j.at("fix").get<bool>()) return fix;
    fix.has_fix = true;
    fix.latitude = j.at("lat").get<double>();
    fix.longitude = j.at("lon").get<double>();
    fix.source = j.value("source", "");
    if (j.contains("alt_m")) fix.altitude_m = j["alt_m"].get<double>();
    if (j.contains("speed_mps")) fix.speed_mps = j["speed_mps"].get<double>();
    if (j.contains("heading_deg")) fix.heading_deg = j["heading_deg"].get<double>();
  } catch (const nlohmann::json::exception& e) {
    throw MessageError(std::string("malformed GPS fix (need {\"fix\": false} or fix, lat, lon): ") + e.what());
  }
  if (fix.latitude < -90 || fix.latitude > 90 || fix.longitude < -180 || fix.longitude > 180) {
    throw MessageError("GPS fix out of range: latitude must be -90..90 and longitude -180..180");
  }
  return fix;
}

}  // namespace platebus
