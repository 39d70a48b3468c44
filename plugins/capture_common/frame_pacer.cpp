#include "frame_pacer.hpp"

namespace platebus::capture {

FramePacer::FramePacer(double fps) {
  if (fps > 0) period_ = std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(1.0 / fps));
}

bool FramePacer::wait(Context& ctx) {
  if (!paced()) return !ctx.stopping();
  next_ += period_;
  const auto now = Clock::now();
  if (next_ < now) next_ = now;
  const auto wait = std::chrono::ceil<std::chrono::milliseconds>(next_ - now);
  return wait.count() <= 0 ? !ctx.stopping() : ctx.sleep_for(wait);
}

}  // namespace platebus::capture
