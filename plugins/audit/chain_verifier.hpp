#pragma once
// Walks the stored records in key order and names every break in the chain by sequence: a record
// whose content no longer matches its hash, records missing from the middle or the end, a record
// stored under another record's sequence, and a record that does not follow its predecessor.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "audit_store.hpp"

namespace platebus::audit {

struct ChainProblem {
  std::uint64_t sequence = 0;  // the record the problem is about (the first one, for a range)
  std::string problem;         // "record 17: content changed (hash mismatch)"
};

struct VerifyResult {
  bool intact = true;
  std::uint64_t records = 0;
  std::uint64_t first_sequence = 0;  // 0 when the store holds no record
  std::uint64_t last_sequence = 0;
  std::string chain_hash;            // the last record's stored hash (the anchor's when none)
  std::vector<ChainProblem> problems;

  void add(std::uint64_t sequence, std::string problem);
  nlohmann::json to_json() const;
};

class ChainVerifier {
 public:
  // Starts from the purge anchor: the first record expected is anchor_sequence + 1.
  explicit ChainVerifier(const ChainState& state);

  // One stored record, in key order.
  void feed(std::uint64_t key, std::string_view stored);
  // Checks the end against the store's own last sequence and hash, and returns the result.
  VerifyResult finish();

 private:
  void check_gap(std::uint64_t key);

  ChainState state_;
  VerifyResult result_;
  std::uint64_t expected_ = 1;     // the sequence the next key should have
  std::string previous_hash_;      // the stored hash of the record before the next one
  bool previous_was_sound_ = true;  // false when the last record was itself reported
};

// "record 7" or "records 7-9".
std::string range_text(std::uint64_t first, std::uint64_t last);

// Reads the whole store and verifies it.
VerifyResult verify_store(const AuditStore& store);

}  // namespace platebus::audit
