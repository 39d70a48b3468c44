#pragma once
// How an audit record is chained: the stored record is the event's JSON with its `sequence`, the
// previous record's hash, and its own hash = SHA-256 over the previous hash and the record's
// canonical JSON (without `hash`). Changing, removing or reordering any record breaks the chain.
#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "platebus/audit_event.hpp"

namespace platebus::audit {

// The previous_hash of the first record ever written: 64 zeros.
const std::string& genesis_hash();

// Lower-case hex SHA-256 (libsodium) of `bytes`.
std::string sha256_hex(std::string_view bytes);

// Compact JSON with object keys sorted (nlohmann's default map) and UTF-8 kept as is: the same
// record always gives the same bytes, whoever writes it.
std::string canonical_json(const nlohmann::json& value);

// The hash a record must carry: over previous_hash and the canonical record without its `hash`.
std::string record_hash(const nlohmann::json& record);

// The record to store for `event` at `sequence`, following a record whose hash is `previous_hash`.
nlohmann::json chain_record(const AuditEvent& event, std::uint64_t sequence, const std::string& previous_hash);

}  // namespace platebus::audit
