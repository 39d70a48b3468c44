#pragma once
// Records between two UTC dates, for an auditor or a court: the stored records as they are, with
// their sequence and hashes, so the export can be checked against the chain.
#include <chrono>
#include <string>

#include <nlohmann/json.hpp>

#include "audit_store.hpp"

namespace platebus::audit {

// Parses "YYYY-MM-DD"; throws std::invalid_argument naming `field` when malformed.
std::chrono::sys_days parse_date(const std::string& text, const char* field);

// The records whose time falls on a day from `from` to `to`, both included, in sequence order.
nlohmann::json export_records(const AuditStore& store, std::chrono::sys_days from, std::chrono::sys_days to);

}  // namespace platebus::audit
