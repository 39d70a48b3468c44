#pragma once
// Pieces the GPS sources share: the newest fix with its age limit, and an interruptible wait for
// background threads so a source's destructor returns promptly.
#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>

#include "platebus/gps.hpp"

namespace platebus::capture::detail {

// The newest fix, stamped with steady_clock when it was stored (not with the receiver's time),
// and reported as "no fix" once older than max_age. Thread-safe; current() only takes a mutex
// that is never held across I/O.
class FixStore {
 public:
  FixStore(std::string source, std::chrono::milliseconds max_age) : source_(std::move(source)), max_age_(max_age) {}

  void store(GpsFix fix) {
    fix.source = source_;
    std::lock_guard lock(mutex_);
    fix_ = std::move(fix);
    stored_at_ = std::chrono::steady_clock::now();
  }

  GpsFix current() const {
    std::lock_guard lock(mutex_);
    if (fix_.has_fix && std::chrono::steady_clock::now() - stored_at_ <= max_age_) return fix_;
    GpsFix none;
    none.source = source_;
    return none;
  }

  std::chrono::milliseconds max_age() const { return max_age_; }

 private:
  const std::string source_;
  const std::chrono::milliseconds max_age_;
  mutable std::mutex mutex_;
  GpsFix fix_;
  std::chrono::steady_clock::time_point stored_at_{};
};

// A stop flag a background thread can sleep on.
class StopSignal {
 public:
  void request() {
    {
      std::lock_guard lock(mutex_);
      stop_ = true;
    }
    cv_.notify_all();
  }
  bool requested() const {
    std::lock_guard lock(mutex_);
    return stop_;
  }
  // Waits `duration`; returns false (early) when a stop was requested.
  template <class Rep, class Period>
  bool wait_for(std::chrono::duration<Rep, Period> duration) {
    std::unique_lock lock(mutex_);
    return !cv_.wait_for(lock, duration, [this] { return stop_; });
  }

 private:
  mutable std::mutex mutex_;
  std::condition_variable cv_;
  bool stop_ = false;
};

// Reconnect backoff: 1 s, 2 s, 4 s ... 30 s, back to 1 s after a success.
class Backoff {
 public:
  std::chrono::milliseconds next() {
    auto d = delay_;
    delay_ = std::min(delay_ * 2, std::chrono::milliseconds(30000));
    return d;
  }
  void reset() { delay_ = std::chrono::milliseconds(1000); }

 private:
  std::chrono::milliseconds delay_{1000};
};

}  // namespace platebus::capture::detail
