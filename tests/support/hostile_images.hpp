#pragma once
// Images an attacker would send (issue 17): a tiny JPEG whose header claims a huge size, and a raw
// image whose stride makes `stride * height` wrap around. Header-only: the tests that use it link
// OpenCV.
#include <cstdint>
#include <string>
#include <vector>

#include <opencv2/imgcodecs.hpp>

#include "platebus/frame.hpp"

namespace platebus::test {

// A colour JPEG of about a kilobyte whose frame header (SOF) says `width` x `height`: decoding it
// would allocate width * height * 3 bytes.
inline std::vector<std::uint8_t> jpeg_claiming(int width, int height) {
  std::vector<std::uint8_t> bytes;
  cv::imencode(".jpg", cv::Mat(16, 16, CV_8UC3, cv::Scalar(90, 120, 150)), bytes);
  for (std::size_t at = 2; at + 9 < bytes.size(); ++at) {
    if (bytes[at] == 0xFF && bytes[at + 1] == 0xC0) {  // SOF0: length (2), precision (1), height, width
      bytes[at + 5] = static_cast<std::uint8_t>(height >> 8);
      bytes[at + 6] = static_cast<std::uint8_t>(height & 0xFF);
      bytes[at + 7] = static_cast<std::uint8_t>(width >> 8);
      bytes[at + 8] = static_cast<std::uint8_t>(width & 0xFF);
      return bytes;
    }
  }
  return {};
}

inline Image jpeg_image(const std::vector<std::uint8_t>& bytes, int width, int height) {
  Image image;
  image.format = PixelFormat::jpeg;
  image.width = width;
  image.height = height;
  image.bytes = Blob::copy_of(std::as_bytes(std::span(bytes)));
  return image;
}

// A Frame as a peer would publish it; `color` as given.
inline Message frame_message(const Image& color, std::uint64_t sequence, const std::string& camera = "cam-hostile") {
  Frame frame;
  frame.camera = camera;
  frame.sequence = sequence;
  frame.captured_at = std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::system_clock::now());
  frame.colour = color;
  return frame.to_message();
}

// A bgr8 64x4 image whose stride is 2^62: 2^62 * 4 is 0 in 64 bits, so a check of
// `size < stride * height` passes and row 1 lies 2^62 bytes past the buffer.
inline Message frame_with_wrapping_stride(std::uint64_t sequence) {
  Image color;
  color.width = 64;
  color.height = 4;
  color.stride = 64 * 3;
  color.bytes = Blob::from_vector(std::vector<std::byte>(64 * 3 * 4, std::byte{7}));
  auto message = frame_message(color, sequence);
  message.header["parts"][0]["stride"] = std::uint64_t{1} << 62;
  return message;
}

}  // namespace platebus::test
