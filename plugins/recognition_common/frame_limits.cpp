#include "frame_limits.hpp"

#include "recognizer_plugin.hpp"

namespace platebus::recognition {

void FrameLimits::configure(const nlohmann::json& config) {
  limits_.max_pixels = config.at(kMaxFramePixelsKey.name).get<std::uint64_t>();
  limits_.max_bytes = config.at(kMaxFrameBytesKey.name).get<std::uint64_t>();
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
