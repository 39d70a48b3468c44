#pragma once
// OpenCV views of bus images, without copying pixels. Header-only so the SDK library itself does
// not depend on OpenCV; include it in plugins that use OpenCV.
#include <filesystem>
#include <fstream>
#include <memory>
#include <stdexcept>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include "platebus/image.hpp"

namespace platebus {

// Wraps a Mat as an Image; the Image keeps the Mat's pixels alive. Non-continuous Mats are copied.
inline Image image_from_mat(const cv::Mat& mat) {
  auto held = std::make_shared<cv::Mat>(mat.isContinuous() ? mat : mat.clone());
  Image image;
  image.width = held->cols;
  image.height = held->rows;
  switch (held->type()) {
    case CV_8UC3: image.format = PixelFormat::bgr8; break;
    case CV_8UC1: image.format = PixelFormat::gray8; break;
    case CV_16UC1: image.format = PixelFormat::gray16; break;
    default: throw MessageError("image_from_mat: only 8-bit BGR, 8-bit and 16-bit grey images travel raw");
  }
  image.stride = held->step[0];
  image.bytes.data = reinterpret_cast<const std::byte*>(held->data);
  image.bytes.size = held->total() * held->elemSize();
  image.bytes.owner = std::move(held);
  return image;
}

// Encodes a Mat (e.g. as ".jpg") into an Image of that format.
inline Image encoded_image(const cv::Mat& mat, const char* extension, const std::vector<int>& params = {}) {
  std::vector<uchar> buffer;
  cv::imencode(extension, mat, buffer, params);
  auto held = std::make_shared<std::vector<uchar>>(std::move(buffer));
  Image image;
  image.width = mat.cols;
  image.height = mat.rows;
  image.format = std::string_view(extension) == ".png" ? PixelFormat::png : PixelFormat::jpeg;
  image.bytes.data = reinterpret_cast<const std::byte*>(held->data());
  image.bytes.size = held->size();
  image.bytes.owner = std::move(held);
  return image;
}

// A read-only Mat over the Image's pixels (no copy); encoded images are decoded, once their own
// header shows they fit `limits` (MessageError otherwise: a 1 KB JPEG may claim 30000x30000).
// The Mat is valid while `image` (or a copy of its Blob) lives. Do not write into it.
inline cv::Mat mat_view(const Image& image, const DecodeLimits& limits = {}) {
  void* data = const_cast<std::byte*>(image.bytes.data);
  if (image.format == PixelFormat::jpeg || image.format == PixelFormat::png) (void)decoded_bytes(image, limits);
  switch (image.format) {
    case PixelFormat::bgr8: return cv::Mat(image.height, image.width, CV_8UC3, data, image.stride);
    case PixelFormat::gray8: return cv::Mat(image.height, image.width, CV_8UC1, data, image.stride);
    case PixelFormat::gray16: return cv::Mat(image.height, image.width, CV_16UC1, data, image.stride);
    case PixelFormat::jpeg:
    case PixelFormat::png:
      return cv::imdecode(cv::Mat(1, static_cast<int>(image.bytes.size), CV_8UC1, data), cv::IMREAD_UNCHANGED);
  }
  return {};
}

// Writes `image` to `stem` plus ".jpg" or ".png": encoded bytes as they are, raw pixels as PNG.
// Returns the file written; an empty image writes nothing and returns an empty path. Throws
// std::runtime_error naming the file when it cannot be written.
inline std::filesystem::path save_image(const Image& image, const std::filesystem::path& stem) {
  if (image.empty()) return {};
  auto file = stem;
  file += image.format == PixelFormat::jpeg ? ".jpg" : ".png";
  if (image.format == PixelFormat::jpeg || image.format == PixelFormat::png) {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(image.bytes.data), static_cast<std::streamsize>(image.bytes.size));
    if (!out.flush()) throw std::runtime_error("cannot write image file '" + file.string() + "'");
  } else if (!cv::imwrite(file.string(), mat_view(image))) {
    throw std::runtime_error("cannot write image file '" + file.string() + "'");
  }
  return file;
}

}  // namespace platebus
