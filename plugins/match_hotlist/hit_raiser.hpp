#pragma once
// Turns a read into the hits it raises: every live entry the read matches, once per (read_id,
// entry) within the dedupe window, each as a Hit with the entry, the match kind, the standing notice
// and the read with its images (shared, not copied).
#include <string>
#include <vector>

#include "hit_dedupe.hpp"
#include "live_matcher.hpp"
#include "platebus/hit.hpp"

namespace platebus::hotlist {

struct HitOptions {
  std::string notice;
  bool match_alternatives = true;
};

class HitRaiser {
 public:
  HitRaiser(HitOptions options, HitDedupe dedupe) : options_(std::move(options)), dedupe_(std::move(dedupe)) {}

  std::vector<Hit> hits_for(const PlateRead& read, const LiveMatcher& matcher, Timestamp now);

 private:
  HitOptions options_;
  HitDedupe dedupe_;
};

// "h-" and 16 random hex digits.
std::string new_hit_id();

}  // namespace platebus::hotlist
