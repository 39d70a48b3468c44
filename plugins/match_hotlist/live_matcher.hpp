#pragma once
// What the reading thread matches against: the full index as of its last rebuild, plus the changes
// made since (recent_changes.hpp). Immutable; the holder swaps in a new one after every change.
#include <memory>
#include <string>
#include <vector>

#include "hotlist_index.hpp"
#include "recent_changes.hpp"

namespace platebus::hotlist {

struct LiveMatch {
  MatchKind kind;
  HotPlateEntry entry;
  std::string matched_text;
};

struct LiveMatcher {
  std::shared_ptr<const HotlistIndex> full = std::make_shared<const HotlistIndex>();
  std::shared_ptr<const HotlistIndex> recent = std::make_shared<const HotlistIndex>();  // plates added since
  std::shared_ptr<const RecentChanges> changes = std::make_shared<const RecentChanges>();

  // Every live entry the read matches; with `alternatives` false, only its best text is tried.
  std::vector<LiveMatch> match(const PlateRead& read, bool alternatives, Timestamp now) const;
  std::size_t size() const { return full->size() + recent->size(); }
};

}  // namespace platebus::hotlist
