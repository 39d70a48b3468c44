#pragma once
// NMEA sources: a recorded log replayed at its own pace, or a serial receiver read through termios.
// Both parse on a background thread that the destructor stops promptly.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>
#include <thread>

#include "gps_source.hpp"
#include "nmea_parser.hpp"
#include "source_support.hpp"

namespace platebus::capture {

// What both NMEA sources do with a line of text: parse, combine, store, count, rate-limit warnings.
class NmeaGpsSource : public GpsSource {
 public:
  GpsFix current() override { return store_.current(); }

  std::uint64_t fix_sentences() const { return fix_sentences_; }  // RMC/GGA applied
  std::uint64_t bad_checksums() const { return bad_checksums_; }
  std::uint64_t malformed() const { return malformed_; }

 protected:
  NmeaGpsSource(std::string path, std::chrono::milliseconds max_age, Context& ctx)
      : path_(std::move(path)), ctx_(ctx), store_("nmea", max_age) {}
  void handle(const nmea::Sentence& sentence);
  void stop_thread();  // derived destructors call it before their members go away

  const std::string path_;
  Context& ctx_;
  detail::FixStore store_;
  detail::StopSignal stop_;
  std::thread thread_;

 private:
  void note_rejected();

  nmea::FixAccumulator fix_{"nmea"};
  bool had_fix_ = false;
  std::atomic<std::uint64_t> fix_sentences_{0}, bad_checksums_{0}, malformed_{0};
  std::uint64_t rejected_since_warning_ = 0;
  std::chrono::steady_clock::time_point last_warning_{};
  bool warned_ = false;
};

// A regular file holding a recorded NMEA log: replayed once, at the pace of its sentence times
// (each wait capped at 2 s; 1 s between sentence groups without usable times), then left to age out.
class NmeaFileGpsSource final : public NmeaGpsSource {
 public:
  NmeaFileGpsSource(std::string path, std::chrono::milliseconds max_age, Context& ctx);
  ~NmeaFileGpsSource() override;
  bool finished() const { return finished_; }

 private:
  void run();
  std::atomic<bool> finished_{false};
};

// A serial receiver (a character device): raw termios at `baud`, lines read with a poll timeout;
// when the device goes away it is reopened with backoff (1 s .. 30 s).
class NmeaSerialGpsSource final : public NmeaGpsSource {
 public:
  // Throws ConfigError for an unsupported baud rate or a device that is no serial port.
  NmeaSerialGpsSource(std::string path, int baud, std::chrono::milliseconds max_age, Context& ctx);
  ~NmeaSerialGpsSource() override;

  static bool supported_baud(int baud);

 private:
  int open_device(std::string& error) const;  // -1 and `error` on failure
  void run(int fd);
  const int baud_;
};

}  // namespace platebus::capture
