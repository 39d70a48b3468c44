#pragma once
// One read per car passing a camera, not one per frame. Readings of the same plate from the same
// camera belong to one read while it keeps being seen within `window` of its last sighting. The
// first reading is published at once (matching and alerts never wait); a better one later is
// published again under the same read id, and when the window closes the best is published once
// more as final.
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace platebus::recognition {

struct Sighting {
  std::string camera;
  std::string text;
  double confidence = 0;
  std::vector<std::string> alternatives;  // other readings of the same plate, best first
};

struct MergeDecision {
  std::string read_id;
  bool publish = false;  // a new read, or a better reading of an open one
  int revision = 0;      // 0 for the first publication of a read, then 1, 2, ...
};

struct ClosedRead {
  std::string read_id;
  std::string camera;
  std::string best_text;
  int revision = 0;  // the revision the final publication carries
};

class ReadMerger {
 public:
  using Clock = std::chrono::steady_clock;
  // A reading replaces the read's best only when it is at least `min_gain` more confident, so a read
  // is not republished for noise-level gains.
  explicit ReadMerger(std::chrono::milliseconds window, double min_gain = 0.05);

  MergeDecision add(const Sighting& sighting, Clock::time_point now);
  // Reads not seen for `window`; they are forgotten after this.
  std::vector<ClosedRead> close_expired(Clock::time_point now);
  // Every open read, as when the recognizer stops; they are forgotten after this.
  std::vector<ClosedRead> close_all();
  std::size_t open_reads() const { return open_.size(); }

  // Whether two readings are of the same plate: equal, one is among the other's alternatives, or
  // they differ in one character (a misread in one frame).
  static bool same_plate(const Sighting& a, const std::string& other_text,
                         const std::vector<std::string>& other_alternatives);

 private:
  struct OpenRead {
    std::string camera;
    std::string best_text;
    double best_confidence = 0;
    std::vector<std::string> alternatives;
    int revision = 0;
    Clock::time_point last_seen;
  };

  std::string next_id();
  std::vector<ClosedRead> close_if(const std::function<bool(const OpenRead&)>& closes);

  std::chrono::milliseconds window_;
  double min_gain_;
  std::map<std::string, OpenRead> open_;  // by read id
  std::uint64_t counter_ = 0;
  std::string id_prefix_;
};

}  // namespace platebus::recognition
