#pragma once
// Keeps a capture driver to its frame rate: after each frame, wait() sleeps until the next slot.
// A slow subscriber or a slow frame moves the schedule on instead of bursting to catch up, and
// the wait ends early when the instance is asked to stop.
#include <chrono>

#include "platebus/context.hpp"

namespace platebus::capture {

class FramePacer {
 public:
  using Clock = std::chrono::steady_clock;

  // `fps` of 0 (or less) means no pacing: wait() returns at once.
  explicit FramePacer(double fps);

  Clock::duration period() const { return period_; }
  bool paced() const { return period_ > Clock::duration::zero(); }
  // Sleeps until the next frame is due; false when the instance is stopping.
  bool wait(Context& ctx);

 private:
  Clock::duration period_{};
  Clock::time_point next_ = Clock::now();
};

}  // namespace platebus::capture
