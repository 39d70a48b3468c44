#include "saved_images.hpp"

#include <fstream>
#include <stdexcept>

#include "alert_facts.hpp"
#include "platebus/opencv.hpp"

namespace platebus::alerts {

namespace {

std::filesystem::path save_one(const Image& image, const std::filesystem::path& folder, const std::string& name) {
  if (image.empty()) return {};
  const auto file = folder / (name + "." + image_extension(image.format));
  const bool encoded = image.format == PixelFormat::jpeg || image.format == PixelFormat::png;
  if (encoded) {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(image.bytes.data), static_cast<std::streamsize>(image.bytes.size));
    if (!out.flush()) throw std::runtime_error("cannot write image file '" + file.string() + "'");
  } else if (!cv::imwrite(file.string(), mat_view(image))) {
    throw std::runtime_error("cannot write image file '" + file.string() + "'");
  }
  return file;
}

}  // namespace

SavedImages save_images(const Hit& hit, const std::filesystem::path& folder) {
  const auto stem = file_safe(hit.hit_id);
  return {save_one(hit.read.plate_crop, folder, stem + "-plate"), save_one(hit.read.overview, folder, stem + "-overview")};
}

}  // namespace platebus::alerts
