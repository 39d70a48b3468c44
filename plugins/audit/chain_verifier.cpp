#include "chain_verifier.hpp"

#include <optional>

#include <fmt/format.h>

#include "record_chain.hpp"

namespace platebus::audit {

std::string range_text(std::uint64_t first, std::uint64_t last) {
  return first == last ? fmt::format("record {}", first) : fmt::format("records {}-{}", first, last);
}

void VerifyResult::add(std::uint64_t sequence, std::string problem) {
  intact = false;
  problems.push_back({sequence, std::move(problem)});
}

nlohmann::json VerifyResult::to_json() const {
  auto list = nlohmann::json::array();
  for (const auto& p : problems) list.push_back({{"sequence", p.sequence}, {"problem", p.problem}});
  return {{"intact", intact},
          {"records", records},
          {"first_sequence", first_sequence},
          {"last_sequence", last_sequence},
          {"chain_hash", chain_hash},
          {"problems", list}};
}

ChainVerifier::ChainVerifier(const ChainState& state)
    : state_(state), expected_(state.anchor_sequence + 1), previous_hash_(state.anchor_hash) {
  result_.chain_hash = state.anchor_hash;
}

void ChainVerifier::check_gap(std::uint64_t key) {
  if (key > expected_) {
    const auto missing = range_text(expected_, key - 1);
    result_.add(expected_, fmt::format("{} missing", missing));
    previous_was_sound_ = false;
  }
}

void ChainVerifier::feed(std::uint64_t key, std::string_view stored) {
  if (result_.records++ == 0) result_.first_sequence = key;
  result_.last_sequence = key;
  if (key <= state_.anchor_sequence)
    result_.add(key, fmt::format("record {}: still present although the purge anchor is at {} (purge records "
                                 "or the anchor were tampered with)",
                                 key, state_.anchor_sequence));
  check_gap(key);
  expected_ = key + 1;

  const auto record = nlohmann::json::parse(stored.begin(), stored.end(), nullptr, false);
  if (!record.is_object() || !record.contains("hash") || !record["hash"].is_string() ||
      !record.contains("previous_hash") || !record["previous_hash"].is_string()) {
    result_.add(key, fmt::format("record {}: content changed (no longer a readable record)", key));
    previous_hash_.clear();
    previous_was_sound_ = false;
    return;
  }
  bool sound = true;
  const auto stored_sequence = record.value("sequence", nlohmann::json()).is_number_unsigned()
                                   ? record["sequence"].get<std::uint64_t>()
                                   : 0;
  if (stored_sequence != key) {
    result_.add(key, fmt::format("record {} stored under sequence {}", stored_sequence, key));
    sound = false;
  }
  const auto stored_hash = record["hash"].get<std::string>();
  if (record_hash(record) != stored_hash) {
    result_.add(key, fmt::format("record {}: content changed (hash mismatch)", key));
    sound = false;
  }
  // A link is judged only between two records that are themselves sound, so one edit is named
  // once, not again as a broken link at its neighbour.
  if (sound && previous_was_sound_ && record["previous_hash"].get<std::string>() != previous_hash_) {
    const auto before = key - 1;
    result_.add(key, before == state_.anchor_sequence && before > 0
                         ? fmt::format("record {}: does not follow the purge anchor (record {})", key, before)
                         : fmt::format("record {}: does not follow record {} (previous_hash mismatch: record {} "
                                       "was replaced, or the chain was rewritten from here)",
                                       key, before, before));
  }
  previous_hash_ = stored_hash;
  previous_was_sound_ = sound;
  result_.chain_hash = stored_hash;
}

VerifyResult ChainVerifier::finish() {
  if (state_.last_sequence >= expected_) {
    result_.add(expected_, fmt::format("{} missing (the chain ends at {} but the store recorded {} as its last)",
                                       range_text(expected_, state_.last_sequence), expected_ - 1,
                                       state_.last_sequence));
  } else if (result_.records > 0 && state_.last_sequence == result_.last_sequence &&
             state_.last_hash != result_.chain_hash) {
    result_.add(result_.last_sequence, fmt::format("record {}: hash differs from the store's recorded last hash",
                                                   result_.last_sequence));
  } else if (result_.last_sequence > state_.last_sequence) {
    result_.add(state_.last_sequence + 1,
                fmt::format("{} present beyond the store's recorded last sequence {} (added outside the store)",
                            range_text(state_.last_sequence + 1, result_.last_sequence), state_.last_sequence));
  }
  return result_;
}

VerifyResult verify_store(const AuditStore& store) {
  std::optional<ChainVerifier> verifier;
  store.for_each_stored([&](const ChainState& state) { verifier.emplace(state); },
                        [&](std::uint64_t key, std::string_view stored) { verifier->feed(key, stored); });
  return verifier->finish();
}

}  // namespace platebus::audit
