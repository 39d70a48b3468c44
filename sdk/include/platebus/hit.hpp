#pragma once
// A read that matched a hot-list entry. It carries the read and the entry, and says how it matched
// so the officer can weigh the risk of a misread.
#include <string>

#include "platebus/plate_read.hpp"

namespace platebus {

struct PLATEBUS_SDK_API HotPlate {
  std::string plate;
  std::string state;
  std::string category;  // "stolen_vehicle", "amber_alert", ...
  std::string reason;
  std::string list;
  std::string case_number;
};

struct PLATEBUS_SDK_API Hit {
  static constexpr const char* kType = "Hit";

  std::string hit_id;
  std::string match_kind;  // "exact", "alternative", "confusable", "partial"
  std::string matched_text;
  HotPlate hot_plate;
  PlateRead read;

  Message to_message() const;
  static Hit from_message(const Message& message);
};

}  // namespace platebus
