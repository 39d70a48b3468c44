#pragma once
// Reads what an encoded image (a file, a message part) claims to be from its bytes alone, before
// anything is decoded: the format, the size, and whether it is complete. Decoding a 1 KB JPEG that
// claims 30000x30000 (2.7 GB of pixels) only to refuse it, or a truncated JPEG that libjpeg quietly
// pads with grey, is what this avoids.
#include <cstdint>
#include <span>
#include <string>

#include "platebus/abi.hpp"

namespace platebus {

enum class EncodedFormat { unknown, jpeg, png, bmp };

PLATEBUS_SDK_API const char* to_string(EncodedFormat format);

struct PLATEBUS_SDK_API ImageProbe {
  EncodedFormat format = EncodedFormat::unknown;
  int width = 0;  // 0 when the header does not say
  int height = 0;
  int bytes_per_pixel = 0;  // the most a decoder makes of one pixel (4 for 8-bit RGBA, 8 for 16-bit)
  std::string problem;      // empty when the bytes look like a whole, readable image

  bool ok() const { return problem.empty(); }
};

PLATEBUS_SDK_API ImageProbe probe_image(std::span<const std::uint8_t> bytes);

}  // namespace platebus
