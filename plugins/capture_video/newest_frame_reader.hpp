#pragma once
// A thread that reads a live source continuously and keeps only the newest frame, so a slow
// consumer always gets what the camera sees now, never a backlog. When the source cannot be
// opened or stops delivering, it reopens it with doubling backoff and says so in the log.
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <opencv2/core.hpp>
#include <optional>
#include <platebus/context.hpp>
#include <string>
#include <thread>

#include "video_source.hpp"

namespace platebus::capture_video {

struct TimedFrame {
  cv::Mat image;  // never written to after it is handed out
  std::chrono::steady_clock::time_point arrived;
  std::uint64_t number = 0;  // counts frames read, from 1
};

struct ReaderOptions {
  VideoSource source;
  std::string role;  // "colour" or "infrared", for log lines
  std::chrono::milliseconds timeout{5000};
  std::chrono::milliseconds backoff{1000};
  std::chrono::milliseconds max_backoff{30000};
};

class NewestFrameReader {
 public:
  // Starts reading at once. `ctx` must outlive the reader (it is only used for logging).
  NewestFrameReader(ReaderOptions options, Context& ctx);
  // Stops and joins the thread; it returns after the read in progress (bounded by the timeout).
  ~NewestFrameReader();
  NewestFrameReader(const NewestFrameReader&) = delete;
  NewestFrameReader& operator=(const NewestFrameReader&) = delete;

  // The newest frame if it is newer than frame `after`, waiting up to `timeout` for one.
  std::optional<TimedFrame> wait_newer(std::uint64_t after, std::chrono::milliseconds timeout);
  std::optional<TimedFrame> newest();

 private:
  void read_loop();
  // Reads frames from an opened source until a read fails or the reader stops; returns how many.
  std::uint64_t read_until_failure(cv::VideoCapture& capture);
  // Sleeps unless stopped meanwhile; false when stopped.
  bool pause(std::chrono::milliseconds duration);

  ReaderOptions options_;
  Context& ctx_;
  std::mutex mutex_;
  std::condition_variable changed_;
  bool stopping_ = false;
  std::optional<TimedFrame> newest_;
  std::uint64_t count_ = 0;
  std::thread thread_;  // last: starts after everything it uses exists
};

}  // namespace platebus::capture_video
