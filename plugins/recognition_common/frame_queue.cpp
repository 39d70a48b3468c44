#include "frame_queue.hpp"

namespace platebus::recognition {

FrameQueue::Pushed FrameQueue::push(Message frame, bool lossless) {
  std::unique_lock lock(mutex_);
  if (lossless) changed_.wait(lock, [&] { return closed_ || frames_.size() < capacity_; });
  if (closed_) return {};
  Pushed pushed{true, false};
  if (frames_.size() >= capacity_) {
    frames_.pop_front();
    ++dropped_;
    pushed.dropped_oldest = true;
  }
  frames_.push_back(std::move(frame));
  changed_.notify_all();
  return pushed;
}

std::optional<Message> FrameQueue::pop() {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [&] { return closed_ || !frames_.empty(); });
  if (frames_.empty()) return std::nullopt;
  Message frame = std::move(frames_.front());
  frames_.pop_front();
  changed_.notify_all();
  return frame;
}

void FrameQueue::close() {
  std::lock_guard lock(mutex_);
  closed_ = true;
  changed_.notify_all();
}

std::uint64_t FrameQueue::dropped() const {
  std::lock_guard lock(mutex_);
  return dropped_;
}

}  // namespace platebus::recognition
