#include "frame_limits.hpp"

#include "recognizer_plugin.hpp"

namespace platebus::recognition {

void FrameLimits::configure(const Context& ctx) {
  limits_.max_pixels = static_cast<std::uint64_t>(ranged_setting(ctx, kMaxFramePixelsKey.name, 1'000'000, 1'000'000'000));
  limits_.max_bytes = static_cast<std::uint64_t>(ranged_setting(ctx, kMaxFrameBytesKey.name, 1ll << 20, 1ll << 32));
}

void FrameLimits::check(const Frame& frame) {
  try {
    std::uint64_t total = 0;
    for (const Image* image : {&frame.colour, &frame.infrared})
      if (!image->empty()) total += decoded_bytes(*image, limits_);
    if (total > limits_.max_bytes)
      throw MessageError(fmt::format("its images take {} MiB as pixels together; the largest accepted is {} MiB "
                                     "(max_frame_bytes)",
                                     total >> 20, limits_.max_bytes >> 20));
  } catch (const MessageError&) {
    ++refused_;
    throw;
  }
}

}  // namespace platebus::recognition
