#pragma once
// Reads what an image file claims to be from its bytes alone, before anything is decoded: the
// format, the size, and whether the file is complete. Decoding a 144-megapixel image only to refuse
// it, or a truncated JPEG that libjpeg quietly pads with grey, is what this avoids.
#include <cstdint>
#include <span>
#include <string>

namespace platebus::capture_files {

enum class ImageFormat { unknown, jpeg, png, bmp };

const char* to_string(ImageFormat format);

struct ImageProbe {
  ImageFormat format = ImageFormat::unknown;
  int width = 0;  // 0 when the header does not say
  int height = 0;
  std::string problem;  // empty when the file looks like a whole, readable image

  bool ok() const { return problem.empty(); }
};

ImageProbe probe_image(std::span<const std::uint8_t> bytes);

}  // namespace platebus::capture_files
