#pragma once
// Argon2id password hashes through libsodium's crypto_pwhash_str: the salt and the cost live in the
// stored string, so a verify needs nothing else.
#include <cstddef>
#include <string>

namespace platebus::accounts {

struct HashCost {
  unsigned long long operations;
  std::size_t memory;  // bytes
  // libsodium's OPSLIMIT/MEMLIMIT_INTERACTIVE: what the service always uses.
  static HashCost interactive();
  // The lowest libsodium allows; only tests use it, to keep hundreds of hashes fast.
  static HashCost minimum();
};

// Throws std::runtime_error when libsodium cannot hash (out of memory).
std::string hash_password(const std::string& password, const HashCost& cost = HashCost::interactive());
bool verify_password(const std::string& stored_hash, const std::string& password);

}  // namespace platebus::accounts
