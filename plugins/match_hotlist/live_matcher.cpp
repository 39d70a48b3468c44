#include "live_matcher.hpp"

namespace platebus::hotlist {

namespace {
std::vector<PlateMatch> match_in(const HotlistIndex& index, const PlateRead& read, bool alternatives, Timestamp now) {
  return alternatives ? index.match(read, now) : index.match(read.text, std::span<const std::string_view>(), now);
}
}  // namespace

std::vector<LiveMatch> LiveMatcher::match(const PlateRead& read, bool alternatives, Timestamp now) const {
  std::vector<LiveMatch> matches;
  for (const auto& found : match_in(*full, read, alternatives, now)) {
    auto entry = full->entry(found.entry);
    if (changes->masks(entry)) continue;  // removed or replaced since the full index was built
    matches.push_back({found.kind, std::move(entry), found.matched_text});
  }
  if (recent->size() > 0)
    for (const auto& found : match_in(*recent, read, alternatives, now))
      matches.push_back({found.kind, recent->entry(found.entry), found.matched_text});
  return matches;
}

}  // namespace platebus::hotlist
