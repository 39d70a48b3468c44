#include "hit_raiser.hpp"

#include <random>

#include <fmt/format.h>

#include "hotlist_store.hpp"

namespace platebus::hotlist {

std::string new_hit_id() {
  thread_local std::mt19937_64 random{std::random_device{}()};
  return fmt::format("h-{:016x}", random());
}

std::vector<Hit> HitRaiser::hits_for(const PlateRead& read, const LiveMatcher& matcher, Timestamp now) {
  std::vector<Hit> hits;
  for (const auto& match : matcher.match(read, options_.match_alternatives, now)) {
    const auto& entry = match.entry;
    // Keyed by what names the entry in the store, not by its place in an index: a rebuilt index
    // numbers entries anew.
    if (!dedupe_.first_time(read.read_id, plate_key(entry.list, entry.plate, entry.state))) continue;
    Hit hit;
    hit.hit_id = new_hit_id();
    hit.match_kind = std::string(match_kind_name(match.kind));
    hit.matched_text = match.matched_text;
    hit.notice = options_.notice;
    hit.hot_plate = to_hit_hot_plate(entry);
    hit.read = read;
    hits.push_back(std::move(hit));
  }
  return hits;
}

}  // namespace platebus::hotlist
