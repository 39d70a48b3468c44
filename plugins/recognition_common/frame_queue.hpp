#pragma once
// Frames waiting for a recognition worker. Bounded: when recognition cannot keep up, the oldest
// waiting frame is dropped and counted (a newer view of the same street is worth more), unless the
// frame came losslessly (an evaluation replay), which makes the receiver wait instead.
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>

#include "platebus/message.hpp"

namespace platebus::recognition {

class FrameQueue {
 public:
  explicit FrameQueue(std::size_t capacity) : capacity_(capacity) {}

  struct Pushed {
    bool queued = false;          // false: closed while waiting
    bool dropped_oldest = false;  // a waiting frame made room and will never be read
  };
  Pushed push(Message frame, bool lossless);
  // Waits for a frame; nothing once closed and empty.
  std::optional<Message> pop();
  void close();
  std::uint64_t dropped() const;

 private:
  std::size_t capacity_;
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<Message> frames_;
  std::uint64_t dropped_ = 0;
  bool closed_ = false;
};

}  // namespace platebus::recognition
