#pragma once
// Signed checkpoints: "the chain had reached sequence N with hash H", signed with Ed25519
// (libsodium) and written as a JSON file into a folder meant to live outside the system (another
// disk, a mounted share, a WORM store). A checkpoint kept elsewhere later proves a cut-off tail
// (the chain no longer reaches N) or a rewritten chain (record N no longer hashes to H).
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "audit_store.hpp"
#include "chain_verifier.hpp"

namespace platebus::audit {

// Bad input (an unreadable or malformed key or checkpoint file); the text names the file.
class CheckpointError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct SigningKey {
  std::string public_key_hex;  // 32 bytes
  std::string secret_key;      // libsodium's 64-byte secret key (seed + public key), raw
};

// Reads the key pair at `path`, or creates one there (mode 0600, and its public half beside it
// in PATH.pub) when the file does not exist. Refuses a key file others may read.
SigningKey load_or_create_signing_key(const std::filesystem::path& path);

// The key pair from its secret key in hex (128 characters, as in the key file); `what` names the
// source in the error.
SigningKey signing_key_from_hex(const std::string& hex, const std::string& what);

// The key pair from the environment variable `variable`, for a key the host never stores: read
// once per process, then wiped from the environment. Throws CheckpointError when it is not set or
// not a key.
SigningKey take_signing_key_from_environment(const std::string& variable);

// Reads a public key file: 64 hex characters (the PATH.pub written beside the signing key).
std::string read_public_key(const std::filesystem::path& path);

struct Checkpoint {
  std::uint64_t sequence = 0;
  std::string chain_hash;
  std::string created_at;  // UTC ISO 8601
  std::string public_key;  // hex
  std::string signature;   // hex, over signed_text()
  std::filesystem::path file;

  std::string signed_text() const;  // what the signature covers: sequence and chain hash
  nlohmann::json to_json() const;
};

// Signs the store's current end and writes it (atomically, fsync'd) as
// FOLDER/checkpoint-<sequence>-<time>.json. Throws std::runtime_error naming the folder.
Checkpoint write_checkpoint(const ChainState& state, const SigningKey& key, const std::filesystem::path& folder);

Checkpoint read_checkpoint(const std::filesystem::path& file);  // throws CheckpointError

// The checkpoint files in `folder`, oldest first (their names sort by sequence, then time); at most
// the newest `limit` of them when a limit is given.
std::vector<std::filesystem::path> checkpoint_files(const std::filesystem::path& folder, std::size_t limit = 0);

// Adds a problem to `result` when the checkpoint's signature does not verify (against
// `trusted_public_key` when given, else its own key), when the chain no longer reaches its
// sequence, or when the record at its sequence no longer has its hash. `hash_at_sequence` is the
// stored hash of that sequence ("" when the record is gone; see stored_hash_at).
void check_against_checkpoint(const Checkpoint& checkpoint, const std::string& trusted_public_key,
                              const ChainState& state, const std::string& hash_at_sequence, VerifyResult& result);

// The stored hash of the record at `sequence` ("" when absent or unreadable; the anchor's hash
// for the anchor sequence).
std::string stored_hash_at(const AuditStore& store, std::uint64_t sequence);

}  // namespace platebus::audit
