#include <fmt/format.h>

#include <climits>

#include "checked_size.hpp"
#include "platebus/image.hpp"
#include "platebus/image_probe.hpp"

namespace platebus {

namespace {

struct PixelSize {
  std::uint64_t width = 0;
  std::uint64_t height = 0;
  std::uint64_t bytes = 0;
};

PixelSize raw_size(const Image& image) {
  const auto bytes = detail::checked_product(image.stride, static_cast<std::uint64_t>(std::max(image.height, 0)));
  if (image.width <= 0 || image.height <= 0 || !bytes)
    throw MessageError(fmt::format("a {}x{} {} image with stride {} has no size that fits in 64 bits", image.width,
                                   image.height, to_string(image.format), image.stride));
  return {static_cast<std::uint64_t>(image.width), static_cast<std::uint64_t>(image.height), *bytes};
}

// From the image's own header: what a decoder would allocate, whatever the description says.
PixelSize encoded_size(const Image& image) {
  const auto expected = image.format == PixelFormat::png ? EncodedFormat::png : EncodedFormat::jpeg;
  if (image.bytes.size > INT_MAX)  // OpenCV takes the buffer's length as an int
    throw MessageError(fmt::format("a {} image of {} bytes is larger than 2 GiB", to_string(image.format),
                                   image.bytes.size));
  const auto probe = probe_image({reinterpret_cast<const std::uint8_t*>(image.bytes.data), image.bytes.size});
  if (probe.format != expected)
    throw MessageError(fmt::format("an image described as {} is not a {} ({})", to_string(image.format),
                                   to_string(expected),
                                   probe.ok() ? fmt::format("its bytes are a {}", to_string(probe.format)) : probe.problem));
  if (!probe.ok()) throw MessageError(fmt::format("a {} image cannot be decoded: {}", to_string(image.format), probe.problem));
  if (probe.width <= 0 || probe.height <= 0)
    throw MessageError(fmt::format("a {} image says it is {}x{}", to_string(image.format), probe.width, probe.height));
  const std::uint64_t pixels = static_cast<std::uint64_t>(probe.width) * static_cast<std::uint64_t>(probe.height);
  const auto bytes = detail::checked_product(pixels, static_cast<std::uint64_t>(probe.bytes_per_pixel));
  return {static_cast<std::uint64_t>(probe.width), static_cast<std::uint64_t>(probe.height), bytes.value_or(UINT64_MAX)};
}

}  // namespace

std::uint64_t decoded_bytes(const Image& image, const DecodeLimits& limits) {
  const bool encoded = image.format == PixelFormat::jpeg || image.format == PixelFormat::png;
  const auto size = encoded ? encoded_size(image) : raw_size(image);
  const std::uint64_t pixels = size.width * size.height;  // each below 2^31: no wrap
  if (pixels > limits.max_pixels)
    throw MessageError(fmt::format("a {}x{} {} image is {} megapixels; the largest accepted is {} megapixels",
                                   size.width, size.height, to_string(image.format), pixels / 1'000'000,
                                   limits.max_pixels / 1'000'000));
  if (size.bytes > limits.max_bytes)
    throw MessageError(fmt::format("a {}x{} {} image takes {} MiB as pixels; the largest accepted is {} MiB",
                                   size.width, size.height, to_string(image.format), size.bytes >> 20,
                                   limits.max_bytes >> 20));
  return size.bytes;
}

}  // namespace platebus
