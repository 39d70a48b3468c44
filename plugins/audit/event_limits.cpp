#include "event_limits.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace platebus::audit {

namespace {

bool continuation_byte(char c) { return (static_cast<unsigned char>(c) & 0xc0) == 0x80; }

// What is left of the query's allowance as it is walked.
struct QueryBudget {
  std::size_t bytes = EventLimits::query_bytes;
  std::size_t entries = EventLimits::query_entries;
};

std::string capped_query_text(std::string_view text, QueryBudget& budget) {
  auto kept = capped_text(text, std::min(EventLimits::query_text, budget.bytes));
  budget.bytes -= std::min(budget.bytes, kept.size());
  return kept;
}

// Adds `entry` (capped) to `kept`; false once the allowance is spent.
bool keep_entry(nlohmann::json& kept, const std::string* key, const nlohmann::json& entry, std::size_t depth,
                QueryBudget& budget);

nlohmann::json capped_query(const nlohmann::json& value, std::size_t depth, QueryBudget& budget) {
  if (value.is_string()) return capped_query_text(value.get_ref<const std::string&>(), budget);
  if (!value.is_structured()) return value;
  if (depth == EventLimits::query_depth) return fmt::format("[cut: nested deeper than {} levels]", depth);
  auto kept = value.is_object() ? nlohmann::json::object() : nlohmann::json::array();
  bool room = true;
  if (value.is_array()) {
    for (auto it = value.begin(); room && it != value.end(); ++it) room = keep_entry(kept, nullptr, *it, depth, budget);
  } else {
    // Plain values first (the plate, the result count), so a big nested part cannot starve them.
    for (const bool nested : {false, true})
      for (auto it = value.begin(); room && it != value.end(); ++it)
        if (it->is_structured() == nested) room = keep_entry(kept, &it.key(), *it, depth, budget);
  }
  if (!room) {
    const auto note = fmt::format("[cut {} more entries]", value.size() - kept.size());
    if (value.is_object()) kept["..."] = note;
    else kept.push_back(note);
  }
  return kept;
}

bool keep_entry(nlohmann::json& kept, const std::string* key, const nlohmann::json& entry, std::size_t depth,
                QueryBudget& budget) {
  if (budget.entries == 0 || budget.bytes == 0) return false;
  --budget.entries;
  if (!key) kept.push_back(capped_query(entry, depth + 1, budget));
  else {
    auto capped_key = capped_query_text(*key, budget);
    kept[std::move(capped_key)] = capped_query(entry, depth + 1, budget);
  }
  return true;
}

}  // namespace

std::string capped_text(std::string_view text, std::size_t limit) {
  if (text.size() <= limit) return std::string(text);
  const auto longest_marker = fmt::format("...[cut {} bytes]", text.size());
  std::size_t keep = limit > longest_marker.size() ? limit - longest_marker.size() : 0;
  while (keep > 0 && continuation_byte(text[keep])) --keep;  // never half a character
  return std::string(text.substr(0, keep)) + fmt::format("...[cut {} bytes]", text.size() - keep);
}

AuditEvent capped_event(const AuditEvent& event) {
  // Field by field: copying the query whole would recurse as deep as the sender nested it.
  AuditEvent kept;
  kept.at = event.at;
  kept.actor = event.actor;
  kept.category = event.category;
  kept.target = event.target;
  kept.case_number = event.case_number;
  kept.reason = event.reason;
  kept.outcome = event.outcome;
  kept.detail = event.detail;
  kept.emitted_by = event.emitted_by;
  kept.outcome_of = event.outcome_of;
  kept.sequence = event.sequence;
  const auto cap = [](std::string& text, std::size_t limit = EventLimits::text) { text = capped_text(text, limit); };
  cap(kept.actor.user);
  cap(kept.actor.session);
  cap(kept.actor.client);
  if (kept.actor.roles.size() > EventLimits::roles) kept.actor.roles.resize(EventLimits::roles);
  for (auto& role : kept.actor.roles) cap(role);
  cap(kept.category);
  cap(kept.target);
  cap(kept.case_number);
  cap(kept.reason);
  cap(kept.outcome);
  cap(kept.detail, EventLimits::detail);
  cap(kept.emitted_by);
  QueryBudget budget;
  kept.query = capped_query(event.query, 0, budget);
  return kept;
}

}  // namespace platebus::audit
