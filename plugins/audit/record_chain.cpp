#include "record_chain.hpp"

#include <sodium.h>

namespace platebus::audit {

const std::string& genesis_hash() {
  static const std::string zeros(64, '0');
  return zeros;
}

std::string sha256_hex(std::string_view bytes) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

std::string canonical_json(const nlohmann::json& value) {
  // Invalid UTF-8 (which from_json would not produce, but a tampered file might) is replaced
  // rather than thrown on, so verifying never stops at one bad record.
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string record_hash(const nlohmann::json& record) {
  auto content = record;
  content.erase("hash");
  const auto previous = record.value("previous_hash", std::string());
  return sha256_hex(previous + "\n" + canonical_json(content));
}

nlohmann::json chain_record(const AuditEvent& event, std::uint64_t sequence, const std::string& previous_hash) {
  auto record = event.to_json();
  record["sequence"] = sequence;
  record["previous_hash"] = previous_hash;
  record["hash"] = record_hash(record);
  return record;
}

}  // namespace platebus::audit
