#pragma once
// How large a frame a recognizer decodes (max_frame_pixels, max_frame_bytes), checked from the
// images' own headers before anything is decoded, and how many frames it refused: a 1 KB JPEG from
// the bus may claim 30000x30000, 2.7 GB of pixels.
#include <atomic>
#include <cstdint>

#include <platebus/frame.hpp>
#include <platebus/plugin.hpp>

namespace platebus::recognition {

inline constexpr ConfigKey kMaxFramePixelsKey =
    ConfigKey{"max_frame_pixels", ConfigType::integer, "100000000",
              "an image with more pixels is refused before it is decoded"}
        .between("1000000", "1000000000");
inline constexpr ConfigKey kMaxFrameBytesKey =
    ConfigKey{"max_frame_bytes", ConfigType::integer, "134217728",
              "a frame whose images take more bytes as pixels, all together, is refused before they are decoded; "
              "each worker holds at most one such frame"}
        .between("1048576", "4294967296");

class FrameLimits {
 public:
  void configure(const nlohmann::json& config);  // the settings, within the keys' declared ranges
  // Throws MessageError, and counts the frame, when its images would take more than the limits.
  void check(const Frame& frame);
  const DecodeLimits& limits() const { return limits_; }
  std::uint64_t refused() const { return refused_; }

 private:
  DecodeLimits limits_;
  std::atomic<std::uint64_t> refused_{0};
};

}  // namespace platebus::recognition
