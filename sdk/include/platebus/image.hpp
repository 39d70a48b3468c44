#pragma once
// An image carried as a message part: raw pixels (bgr8, gray8, gray16) or encoded bytes (jpeg, png).
#include <string>

#include <nlohmann/json.hpp>

#include "platebus/blob.hpp"
#include "platebus/message.hpp"

namespace platebus {

enum class PixelFormat { bgr8, gray8, gray16, jpeg, png };

PLATEBUS_SDK_API const char* to_string(PixelFormat format);
// Throws MessageError for an unknown name.
PLATEBUS_SDK_API PixelFormat pixel_format_from(const std::string& name);

struct PLATEBUS_SDK_API Image {
  int width = 0;
  int height = 0;
  PixelFormat format = PixelFormat::bgr8;
  std::size_t stride = 0;  // bytes per row for raw formats; 0 for encoded ones
  Blob bytes;

  bool empty() const { return bytes.empty(); }
};

// Appends `image` as a part of `message` and records its description under header "parts".
PLATEBUS_SDK_API void attach_image(Message& message, const std::string& role, const Image& image);
// Finds the part described with `role`; returns an empty Image when there is none. Throws
// MessageError when the description and the bytes disagree (wrong size, missing part).
PLATEBUS_SDK_API Image find_image(const Message& message, const std::string& role);

}  // namespace platebus
