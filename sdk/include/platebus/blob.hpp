#pragma once
// A read-only byte range kept alive by a shared owner. Images travel between plugins as Blobs, so a
// frame published once is read by every subscriber in place, never copied per subscriber.
#include <cstddef>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "platebus/abi.hpp"

namespace platebus {

struct PLATEBUS_SDK_API Blob {
  std::shared_ptr<const void> owner;  // whatever keeps `data` valid (a cv::Mat, a ZeroMQ message...)
  const std::byte* data = nullptr;
  std::size_t size = 0;

  std::span<const std::byte> bytes() const { return {data, size}; }
  bool empty() const { return size == 0; }

  static Blob copy_of(std::span<const std::byte> bytes);
  static Blob from_string(std::string text);
  static Blob from_vector(std::vector<std::byte> bytes);
  std::string_view as_string() const { return {reinterpret_cast<const char*>(data), size}; }
};

}  // namespace platebus
