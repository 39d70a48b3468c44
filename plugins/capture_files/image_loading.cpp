#include "image_loading.hpp"

#include <fmt/format.h>

#include <fstream>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <vector>

#include "capture_common/pixel_formats.hpp"
#include "platebus/image.hpp"
#include "platebus/image_probe.hpp"

namespace platebus::capture_files {

namespace {

// A 100-megapixel BMP is 300 MB; anything far beyond that is not an image we would accept anyway.
constexpr std::uintmax_t kMaxFileBytes = 1ull << 30;

LoadedImage failed(std::string problem) { return {cv::Mat(), std::move(problem)}; }

}  // namespace

LoadedImage load_image(const std::filesystem::path& file, ImageRole role) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(file, ec);
  if (ec) return failed(fmt::format("cannot read it: {}", ec.message()));
  if (size > kMaxFileBytes) return failed(fmt::format("the file is too large ({} MB)", size >> 20));

  // Read once: the checks below and the decoder see the same bytes, even if the file is rewritten.
  std::vector<std::uint8_t> bytes(size);
  std::ifstream in(file, std::ios::binary);
  if (!in || !in.read(reinterpret_cast<char*>(bytes.data()), static_cast<std::streamsize>(size)))
    return failed("cannot read it (it vanished or is not readable)");

  const ImageProbe probe = probe_image(bytes);
  if (!probe.ok()) return failed(probe.problem);
  if (probe.width < kMinImageSide || probe.height < kMinImageSide)
    return failed(fmt::format("the image is too small ({}x{}; the smallest accepted is {}x{})", probe.width,
                              probe.height, kMinImageSide, kMinImageSide));
  const auto pixels = static_cast<std::uint64_t>(probe.width) * static_cast<std::uint64_t>(probe.height);
  if (pixels > kMaxImagePixels)
    return failed(fmt::format("the image is too large ({}x{} = {} megapixels; the largest accepted is {} megapixels)",
                              probe.width, probe.height, pixels / 1'000'000, kMaxImagePixels / 1'000'000));
  if (!cv::haveImageReader(file.string()))
    return failed(fmt::format("this OpenCV has no decoder for {} images", to_string(probe.format)));

  cv::Mat decoded;
  try {
    decoded = cv::imdecode(bytes, cv::IMREAD_UNCHANGED);
  } catch (const cv::Exception& e) {
    return failed(fmt::format("the {} decoder failed: {}", to_string(probe.format), e.err));
  }
  if (decoded.empty()) return failed(fmt::format("the {} decoder could not read the pixels", to_string(probe.format)));
  try {
    return {role == ImageRole::color ? capture::as_bgr8(decoded) : capture::as_gray8(decoded), ""};
  } catch (const cv::Exception& e) {
    return failed(fmt::format("cannot convert its {}-channel pixels: {}", decoded.channels(), e.err));
  }
}

}  // namespace platebus::capture_files
