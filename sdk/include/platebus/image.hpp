#pragma once
// An image carried as a message part: raw pixels (bgr8, gray8, gray16) or encoded bytes (jpeg, png).
#include <cstdint>
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

// What decoding one image may take; docs/messages.md#limits. Raw images count too: a recognizer
// works on them as on decoded ones.
inline constexpr std::uint64_t kMaxImagePixels = 100'000'000;  // what capture.files accepts from a file
struct PLATEBUS_SDK_API DecodeLimits {
  std::uint64_t max_pixels = kMaxImagePixels;
  std::uint64_t max_bytes = std::uint64_t{128} << 20;  // 128 MiB: a 40-megapixel colour image
};

// The bytes `image` takes as pixels, read from its description (raw formats) or from the JPEG or
// PNG header in its own bytes, never by decoding. Throws MessageError, naming the limit, when the
// bytes are not a whole image of the described format or it is over `limits`.
PLATEBUS_SDK_API std::uint64_t decoded_bytes(const Image& image, const DecodeLimits& limits = {});

// Appends `image` as a part of `message` and records its description under header "parts".
PLATEBUS_SDK_API void attach_image(Message& message, const std::string& role, const Image& image);
// Finds the part described with `role`; returns an empty Image when there is none. Throws
// MessageError when the description and the bytes disagree (wrong size, missing part).
PLATEBUS_SDK_API Image find_image(const Message& message, const std::string& role);

}  // namespace platebus
