#pragma once
// How much of an event the audit trail keeps. Every string is capped here, in the audit plugin,
// whatever the emitter already did (the API caps at its side too), so no request can fill the
// store or the yearly report with one huge field. docs/audit.md lists the limits.
#include <cstddef>
#include <string>
#include <string_view>

#include "platebus/audit_event.hpp"

namespace platebus::audit {

struct EventLimits {
  static constexpr std::size_t text = 512;          // bytes: each actor field and role, target, category,
                                                    // outcome, case number, reason
  static constexpr std::size_t detail = 2048;       // bytes: the detail
  static constexpr std::size_t query_text = 512;    // bytes: each string and key in query, at any depth
  static constexpr std::size_t query_bytes = 8192;  // bytes: all strings and keys in query together
  static constexpr std::size_t query_entries = 256; // values kept in query, counted at every depth
  static constexpr std::size_t query_depth = 8;     // levels of nesting kept in query
  static constexpr std::size_t roles = 16;          // roles kept
};

// `text` cut to at most `limit` bytes (on a UTF-8 character boundary), ending with a marker that
// says how many bytes were cut: "...[cut 1048000 bytes]". Unchanged when it fits.
std::string capped_text(std::string_view text, std::size_t limit);

// The event as the trail keeps it: every string capped, query trimmed to EventLimits.
AuditEvent capped_event(const AuditEvent& event);

}  // namespace platebus::audit
