#pragma once
// The match.hotlist instance's config, checked once: the database folder, the confusion table, the
// standing notice, hit dedupe and which kinds of match are on. Keys are described in the plugin's
// descriptor and in docs/hotlists.md.
#include <chrono>
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "confusables.hpp"
#include "platebus/descriptor.hpp"

namespace platebus::hotlist {

inline constexpr const char* kDefaultNotice =
    "Hot lists are not real-time: verify the plate visually and confirm the wanted status through CLETS before "
    "taking any action.";

struct HotlistSettings {
  std::filesystem::path database;
  ConfusableTable confusables = ConfusableTable::defaults();
  std::string notice = kDefaultNotice;
  std::chrono::milliseconds dedupe_window{std::chrono::minutes(10)};
  std::size_t dedupe_capacity = 100'000;  // (read, entry) pairs remembered at most
  bool match_alternatives = true;
  bool match_confusables = true;
  std::size_t map_size_mib = 4096;
  // Entries expired longer than this are deleted (and audited); unset: never, the policy's default
  // is that hot-list data is deleted by hand.
  std::optional<std::chrono::milliseconds> purge_expired_after;
  // Hits are purged this long after they were raised: the policy's read retention (at least a
  // year, two by default), since a hit holds its read.
  std::chrono::milliseconds hit_retention = std::chrono::hours(24 * 730);

  // The table the index is built with: none at all when confusable matching is off.
  ConfusableTable matching_table() const { return match_confusables ? confusables : ConfusableTable::none(); }

  // From settings the host checked against the plugin's key table and validate().
  static HotlistSettings from_config(const nlohmann::json& config);
  // What the key table cannot say: the confusion groups' shape and a notice that is not blank.
  static std::vector<ConfigProblem> validate(const nlohmann::json& config);
};

// The `confusables` key: a list of groups, each a string ("0ODQ") or a list of one-character strings
// (["0", "O", "D", "Q"]); null for the default table. Throws std::invalid_argument with the fix.
ConfusableTable confusables_from_config(const nlohmann::json& value);

}  // namespace platebus::hotlist
