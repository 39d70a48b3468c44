#pragma once
// One capture from a camera: a colour overview and, when the camera has one, an infrared image.
#include <cstdint>
#include <string>

#include "platebus/gps.hpp"
#include "platebus/image.hpp"
#include "platebus/message.hpp"
#include "platebus/time.hpp"

namespace platebus {

struct PLATEBUS_SDK_API Frame {
  static constexpr const char* kType = "Frame";

  std::string camera;
  std::uint64_t sequence = 0;  // per camera, from 1
  Timestamp captured_at{};
  GpsFix gps;
  Image colour;
  Image infrared;  // empty when the camera has none

  Message to_message() const;
  // Throws MessageError naming the missing or malformed field.
  static Frame from_message(const Message& message);
};

}  // namespace platebus
