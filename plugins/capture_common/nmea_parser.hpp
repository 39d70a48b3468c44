#pragma once
// NMEA 0183 parsing for the GPS sources, with no threads, clocks or I/O so it can be tested on its
// own. Only what a camera needs is read: RMC (position, validity, speed, course, time) and GGA
// (position, fix quality, altitude, time). Every other sentence is recognised and ignored.
// Nothing here throws or crashes on malformed input: a line is at worst classified as malformed.
#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "platebus/gps.hpp"

namespace platebus::capture::nmea {

enum class SentenceType {
  rmc,           // $..RMC with a verified checksum
  gga,           // $..GGA with a verified checksum
  other,         // a well-formed sentence (checksum verified) of another type: ignored
  bad_checksum,  // starts with '$' but the *XX checksum is missing or wrong: ignored and counted
  malformed,     // checksum fine but the fields make no sense, or not a sentence at all (noise)
  empty,         // an empty or blank line
};

const char* to_string(SentenceType type);

struct Sentence {
  SentenceType type = SentenceType::empty;
  // RMC status A / GGA quality > 0. A valid sentence always has a position.
  bool valid = false;
  double latitude = 0;   // degrees, negative south
  double longitude = 0;  // degrees, negative west
  std::optional<double> altitude_m;   // GGA, above mean sea level
  std::optional<double> speed_mps;    // RMC speed over ground (knots converted)
  std::optional<double> heading_deg;  // RMC course over ground, true
  std::optional<double> utc_seconds;  // time of day of the fix, seconds since 00:00:00 UTC
};

// A sentence of that type with no data (for the ignored kinds).
inline Sentence only(SentenceType type) {
  Sentence s;
  s.type = type;
  return s;
}

// The checksum NMEA puts after '*': XOR of every byte between '$' and '*'.
unsigned char checksum(std::string_view body);

// Parses one line (with or without the trailing CR/LF). Never throws.
Sentence parse_sentence(std::string_view line) noexcept;

// Combines successive RMC and GGA sentences into one fix. RMC V or GGA quality 0 turns it into
// "no fix" (nothing of the old fix is kept); a valid RMC updates position, speed and heading, a
// valid GGA position and altitude.
class FixAccumulator {
 public:
  explicit FixAccumulator(std::string source) { fix_.source = std::move(source); }
  // Returns true when the sentence changed the fix (an RMC or GGA), false when it was ignored.
  bool apply(const Sentence& sentence);
  const GpsFix& fix() const { return fix_; }

 private:
  GpsFix fix_;
};

// Paces the replay of a recorded log: groups sentences by their UTC time and says how long to wait
// before applying each one so the replay runs at the recording's own pace, every wait capped at
// `cap`. When times are missing or unusable, a group ends when a sentence type repeats, and groups
// are `fallback` apart. Only RMC and GGA sentences are paced; others get zero.
class ReplayPacer {
 public:
  explicit ReplayPacer(std::chrono::milliseconds cap = std::chrono::seconds(2),
                       std::chrono::milliseconds fallback = std::chrono::seconds(1))
      : cap_(cap), fallback_(fallback) {}
  std::chrono::milliseconds delay_before(const Sentence& sentence);

 private:
  std::chrono::milliseconds cap_, fallback_;
  bool started_ = false;
  std::optional<double> group_time_;
  bool seen_rmc_ = false, seen_gga_ = false;
};

}  // namespace platebus::capture::nmea
