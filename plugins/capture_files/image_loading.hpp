#pragma once
// Loads one image file as the pixels a Frame carries: colour as 8-bit BGR, infrared as 8-bit grey.
// A file that cannot be used comes back with the reason instead of pixels, never as an exception.
#include <filesystem>
#include <opencv2/core.hpp>
#include <string>

namespace platebus::capture_files {

// Smaller than this cannot hold a readable plate; larger than platebus::kMaxImagePixels (the
// SDK's decode limit, 100 megapixels) would take gigabytes to decode.
inline constexpr int kMinImageSide = 16;

enum class ImageRole { color, infrared };

struct LoadedImage {
  cv::Mat pixels;       // CV_8UC3 (colour) or CV_8UC1 (infrared), freshly allocated
  std::string problem;  // why there are no pixels
};

LoadedImage load_image(const std::filesystem::path& file, ImageRole role);

}  // namespace platebus::capture_files
