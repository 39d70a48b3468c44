#include "alert_facts.hpp"

#include <cctype>
#include <ctime>

#include <fmt/format.h>

namespace platebus::alerts {

namespace {

std::string formatted(Timestamp at, bool utc, const char* pattern) {
  const std::time_t seconds = std::chrono::system_clock::to_time_t(
      std::chrono::time_point_cast<std::chrono::system_clock::duration>(at));
  std::tm parts{};
  if (utc) gmtime_r(&seconds, &parts);
  else localtime_r(&seconds, &parts);
  char text[64];
  const auto length = std::strftime(text, sizeof text, pattern, &parts);
  return std::string(text, length);
}

}  // namespace

bool possible_misread(const std::string& match_kind) {
  return match_kind == "confusable" || match_kind == "partial";
}

std::string match_kind_text(const std::string& match_kind) {
  if (match_kind == "exact") return "EXACT match";
  if (match_kind == "alternative") return "ALTERNATIVE reading match (not the best reading: check the plate)";
  if (match_kind == "confusable")
    return "CONFUSABLE match - possible misread: look-alike characters (0/O, 1/I, 8/B...) were swapped to match";
  if (match_kind == "partial") return "PARTIAL plate match - possible misread: only part of the plate is on the list";
  return fmt::format("'{}' match - possible misread: unknown match kind", match_kind);
}

std::string utc_time_text(Timestamp at) { return formatted(at, true, "%Y-%m-%d %H:%M:%S UTC"); }

std::string local_time_text(Timestamp at) { return formatted(at, false, "%Y-%m-%d %H:%M:%S %Z"); }

std::string location_text(const GpsFix& gps) {
  if (!gps.has_fix) return "no GPS fix";
  return fmt::format("{:.6f}, {:.6f}", gps.latitude, gps.longitude);
}

std::string vehicle_text(const Vehicle& vehicle) {
  std::string text;
  for (const auto* part : {&vehicle.colour, &vehicle.make, &vehicle.model}) {
    if (part->empty()) continue;
    if (!text.empty()) text += ' ';
    text += *part;
  }
  return text.empty() ? "not described" : text;
}

std::string file_safe(const std::string& hit_id) {
  std::string safe = hit_id;
  for (auto& c : safe)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_') c = '_';
  return safe.empty() ? "unnamed" : safe;
}

}  // namespace platebus::alerts
