#pragma once
// One hot-list entry: the plate and why it is wanted. By policy it carries no names, addresses or
// CLETS-derived data (pii_detector.hpp keeps uploads honest about that).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "platebus/hit.hpp"
#include "platebus/time.hpp"

namespace platebus::hotlist {

enum class Category : std::uint8_t {
  stolen_vehicle,
  stolen_plate,
  felony_vehicle,
  amber_alert,
  warrant,
  missing_person,
  bolo,
  other,
};

std::string_view category_name(Category category);
// Accepts the names above in any case, with spaces or dashes for the underscores ("Stolen Vehicle").
std::optional<Category> parse_category(std::string_view text);
// "stolen_vehicle, stolen_plate, ..." for error messages.
std::string category_choices();
// 1 is the most urgent. Used when an upload gives no priority.
int default_priority(Category category);

inline constexpr int kHighestPriority = 1;
inline constexpr int kLowestPriority = 5;

struct VehicleDescription {
  std::string make;
  std::string model;
  std::string colour;
  bool empty() const { return make.empty() && model.empty() && colour.empty(); }
  bool operator==(const VehicleDescription&) const = default;
};

struct HotPlateEntry {
  std::string plate;  // normalized (plate_normalizer.hpp); '?' and '*' make it a partial entry
  std::string state;  // two-letter code, "" when any state
  Category category = Category::other;
  std::string reason;  // required: the short explanation the officer sees
  std::string list;
  std::string source;  // where it came from: "upload", "state-extract", "api" ...
  std::string case_number;
  int priority = 3;
  std::string added_by;
  Timestamp added_at{};
  std::optional<Timestamp> expires_at;  // it stops matching at this instant
  VehicleDescription vehicle;

  bool is_partial() const;
  bool expired_at(Timestamp now) const { return expires_at && *expires_at <= now; }
  bool operator==(const HotPlateEntry&) const = default;
};

// Everything wrong with an entry, one sentence each ("reason: ... ; ..."); empty when it is valid.
std::vector<std::string> validation_problems(const HotPlateEntry& entry);

// Field checks the uploads share with validation_problems; each returns "" when the value is fine.
std::string list_name_problem(std::string_view list);
std::string state_problem(std::string_view state);

nlohmann::json to_json(const HotPlateEntry& entry);
// Throws std::invalid_argument listing every problem (missing fields, wrong types, invalid values).
HotPlateEntry hot_plate_from_json(const nlohmann::json& json);

// The part of the entry a Hit message carries.
platebus::HotPlate to_hit_hot_plate(const HotPlateEntry& entry);

}  // namespace platebus::hotlist
