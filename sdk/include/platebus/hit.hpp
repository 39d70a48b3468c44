#pragma once
// A read that matched a hot-list entry. It carries the read and the entry, and says how it matched
// so the officer can weigh the risk of a misread.
#include <string>

#include "platebus/plate_read.hpp"

namespace platebus {

struct PLATEBUS_SDK_API Vehicle {
  std::string make;
  std::string model;
  std::string colour;
};

struct PLATEBUS_SDK_API HotPlate {
  std::string plate;
  std::string state;
  std::string category;  // "stolen_vehicle", "amber_alert", ...
  std::string reason;
  std::string list;
  std::string case_number;
  int priority = 0;        // 1 most urgent ... 5 least; 0 when the list gives none
  Vehicle vehicle;         // as described on the list, when it is
  std::string expires;     // "YYYY-MM-DD", "" when it does not
  std::string added_by;
};

struct PLATEBUS_SDK_API Hit {
  static constexpr const char* kType = "Hit";

  std::string hit_id;
  std::string match_kind;  // "exact", "alternative", "confusable", "partial"
  std::string matched_text;
  // The standing instruction shown with every alert: the hot list is not real-time, so the officer
  // must verify the plate visually and the wanted status through CLETS before acting.
  std::string notice;
  HotPlate hot_plate;
  PlateRead read;

  Message to_message() const;
  static Hit from_message(const Message& message);
};

}  // namespace platebus
