#pragma once
// How a hit reads to an officer, shared by the alert sinks so the banner, the webhook and the log
// say the same thing in the same words.
#include <string>

#include "platebus/hit.hpp"

namespace platebus::alerts {

// Confusable and partial matches may be a misread of another plate: the officer must be told.
bool possible_misread(const std::string& match_kind);
// "EXACT match", "CONFUSABLE match - possible misread: ...".
std::string match_kind_text(const std::string& match_kind);

std::string utc_time_text(Timestamp at);    // "2026-11-28 16:49:40 UTC"
std::string local_time_text(Timestamp at);  // "2026-11-28 08:49:40 PST" in the process's time zone
std::string location_text(const GpsFix& gps);   // "37.774900, -122.419400" or "no GPS fix"
std::string vehicle_text(const Vehicle& vehicle);  // "white Toyota Camry" or "not described"

// A hit id made safe as part of a file name (anything but letters, digits, '-' and '_' becomes '_').
std::string file_safe(const std::string& hit_id);

}  // namespace platebus::alerts
