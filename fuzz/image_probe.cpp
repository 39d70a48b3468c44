// The image probe (format, size, completeness from the bytes alone, before decoding) on any file.
#include <cstdint>
#include <span>

#if __has_include("platebus/image_probe.hpp")
#include "platebus/image_probe.hpp"
using platebus::probe_image;
#else
#include "image_probe.hpp"
using platebus::capture_files::probe_image;
#endif

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto probe = probe_image(std::span<const std::uint8_t>(data, size));
  // The loader compares the size against its limits: a probe must never claim a negative one.
  if (probe.width < 0 || probe.height < 0) __builtin_trap();
  return 0;
}
