#include "newest_frame_reader.hpp"

#include <algorithm>

namespace platebus::capture_video {

NewestFrameReader::NewestFrameReader(ReaderOptions options, Context& ctx)
    : options_(std::move(options)), ctx_(ctx), thread_([this] { read_loop(); }) {}

NewestFrameReader::~NewestFrameReader() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  changed_.notify_all();
  if (thread_.joinable()) thread_.join();
}

std::optional<TimedFrame> NewestFrameReader::wait_newer(std::uint64_t after, std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  changed_.wait_for(lock, timeout, [&] { return stopping_ || (newest_ && newest_->number > after); });
  if (newest_ && newest_->number > after) return newest_;
  return std::nullopt;
}

std::optional<TimedFrame> NewestFrameReader::newest() {
  std::lock_guard lock(mutex_);
  return newest_;
}

bool NewestFrameReader::pause(std::chrono::milliseconds duration) {
  std::unique_lock lock(mutex_);
  return !changed_.wait_for(lock, duration, [&] { return stopping_; });
}

void NewestFrameReader::read_loop() {
  const auto& source = options_.source.text;
  auto backoff = options_.backoff;
  int failed_attempts = 0;
  bool dropped_before = false;
  while (pause(std::chrono::milliseconds(0))) {
    cv::VideoCapture capture;
    if (!open_video(capture, options_.source, options_.timeout)) {
      ++failed_attempts;
      // The first failure is a warning; the retries that follow are noted without repeating it.
      if (failed_attempts == 1)
        ctx_.warn("cannot open {} source {}; retrying in {} ms, then with the wait doubling up to {} ms", options_.role,
                  source, backoff.count(), options_.max_backoff.count());
      else
        ctx_.info("{} source {} still unavailable after {} attempts; retrying in {} ms", options_.role, source,
                  failed_attempts, backoff.count());
      if (!pause(backoff)) break;
      backoff = std::min(backoff * 2, options_.max_backoff);
      continue;
    }
    if (failed_attempts > 0)
      ctx_.info("{} source {} is back after {} failed attempt(s)", options_.role, source, failed_attempts);
    else if (dropped_before)
      ctx_.info("{} source {} reconnected", options_.role, source);
    else
      ctx_.info("opened {} source {} ({})", options_.role, source, capture.getBackendName());
    failed_attempts = 0;

    const auto frames = read_until_failure(capture);
    capture.release();
    if (!pause(std::chrono::milliseconds(0))) break;
    dropped_before = true;
    // A source that opens but gives nothing keeps its growing wait, so it cannot spin.
    if (frames > 0) backoff = options_.backoff;
    ctx_.warn("{} source {} stopped delivering frames after {} frame(s); reconnecting in {} ms", options_.role, source,
              frames, backoff.count());
    if (!pause(backoff)) break;
    if (frames == 0) backoff = std::min(backoff * 2, options_.max_backoff);
  }
}

std::uint64_t NewestFrameReader::read_until_failure(cv::VideoCapture& capture) {
  // A file used as a live stand-in is read at its own rate, not as fast as the disk allows.
  const double fps = options_.source.is_live() ? 0 : reported_fps(capture);
  const auto period = std::chrono::milliseconds(fps > 0 ? static_cast<long long>(1000 / fps) : 0);
  std::uint64_t frames = 0;
  while (true) {
    cv::Mat image;  // fresh for every read: a published frame's pixels are never overwritten
    bool ok = false;
    try {
      ok = capture.read(image);
    } catch (const cv::Exception&) {
      ok = false;
    }
    if (!ok || image.empty()) return frames;
    {
      std::lock_guard lock(mutex_);
      if (stopping_) return frames;
      newest_ = TimedFrame{std::move(image), std::chrono::steady_clock::now(), ++count_};
    }
    ++frames;
    changed_.notify_all();
    if (!pause(period)) return frames;
  }
}

}  // namespace platebus::capture_video
