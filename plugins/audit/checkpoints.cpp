#include "checkpoints.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>

#include <fmt/format.h>
#include <sodium.h>

#include "platebus/time.hpp"
#include "record_chain.hpp"

namespace platebus::audit {

namespace fs = std::filesystem;

namespace {

std::string to_hex(const unsigned char* bytes, std::size_t size) {
  std::string hex(size * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), bytes, size);
  hex.pop_back();
  return hex;
}

std::string from_hex(const std::string& hex, std::size_t size, const std::string& what) {
  std::string bytes(size, '\0');
  std::size_t length = 0;
  if (hex.size() != size * 2 ||
      sodium_hex2bin(reinterpret_cast<unsigned char*>(bytes.data()), size, hex.data(), hex.size(), nullptr, &length,
                     nullptr) != 0 ||
      length != size)
    throw CheckpointError(fmt::format("{} is not {} hex characters", what, size * 2));
  return bytes;
}

std::string read_whole(const fs::path& path, const std::string& what) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw CheckpointError(fmt::format("cannot read {} '{}'; check the path", what, path.string()));
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string trimmed(std::string text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.pop_back();
  return text;
}

// Writes `text` to `path` with `mode`, durably: write a temporary, fsync it, rename, fsync the folder.
void write_durably(const fs::path& path, const std::string& text, mode_t mode, bool exclusive) {
  const auto temporary = path.string() + ".tmp";
  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
  if (fd < 0) throw std::runtime_error(fmt::format("cannot create '{}': {}", temporary, std::strerror(errno)));
  bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) && ::fsync(fd) == 0;
  ok = (::close(fd) == 0) && ok;
  if (exclusive && fs::exists(path)) ok = false;
  if (!ok || std::rename(temporary.c_str(), path.c_str()) != 0) {
    ::unlink(temporary.c_str());
    throw std::runtime_error(fmt::format("cannot write '{}': {}", path.string(), std::strerror(errno)));
  }
  const int folder = ::open(path.parent_path().empty() ? "." : path.parent_path().c_str(), O_RDONLY | O_DIRECTORY);
  if (folder >= 0) {
    ::fsync(folder);
    ::close(folder);
  }
}

std::string compact_time(const std::string& iso) {
  std::string out;
  for (const char c : iso.substr(0, 19))
    if (c != '-' && c != ':') out += c;
  return out + "Z";  // 20261128T193000Z
}

}  // namespace

SigningKey load_or_create_signing_key(const fs::path& path) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
  SigningKey key;
  if (!fs::exists(path)) {
    unsigned char public_key[crypto_sign_PUBLICKEYBYTES];
    unsigned char secret_key[crypto_sign_SECRETKEYBYTES];
    crypto_sign_keypair(public_key, secret_key);
    if (!path.parent_path().empty()) fs::create_directories(path.parent_path());
    write_durably(path, to_hex(secret_key, sizeof secret_key) + "\n", 0600, true);
    write_durably(path.string() + ".pub", to_hex(public_key, sizeof public_key) + "\n", 0644, false);
    sodium_memzero(secret_key, sizeof secret_key);
  }
  struct stat info {};
  if (::stat(path.c_str(), &info) == 0 && (info.st_mode & 077) != 0)
    throw CheckpointError(fmt::format("signing key '{}' may be read by other users (mode {:o}); run chmod 600 '{}'",
                                      path.string(), info.st_mode & 0777, path.string()));
  return signing_key_from_hex(trimmed(read_whole(path, "signing key")), fmt::format("signing key '{}'", path.string()));
}

SigningKey signing_key_from_hex(const std::string& hex, const std::string& what) {
  SigningKey key;
  key.secret_key = from_hex(hex, crypto_sign_SECRETKEYBYTES, what);
  unsigned char public_key[crypto_sign_PUBLICKEYBYTES];
  crypto_sign_ed25519_sk_to_pk(public_key, reinterpret_cast<const unsigned char*>(key.secret_key.data()));
  key.public_key_hex = to_hex(public_key, sizeof public_key);
  return key;
}

SigningKey take_signing_key_from_environment(const std::string& variable) {
  // Taken once per process: the variable is wiped then, and a restarted instance needs the key again.
  static std::mutex taken_mutex;
  static std::map<std::string, SigningKey> taken;
  std::lock_guard lock(taken_mutex);
  if (const auto it = taken.find(variable); it != taken.end()) return it->second;
  char* value = std::getenv(variable.c_str());
  if (!value)
    throw CheckpointError(fmt::format("environment variable {} (signing_key_env) is not set; start platebus with "
                                      "{}=<the 128 hex characters of the signing key>",
                                      variable, variable));
  const std::string hex = trimmed(value);
  // Wiped in place (so /proc/PID/environ no longer shows it) and removed (so no child inherits it).
  sodium_memzero(value, std::strlen(value));
  ::unsetenv(variable.c_str());
  return taken[variable] = signing_key_from_hex(hex, fmt::format("environment variable {}", variable));
}

std::string read_public_key(const fs::path& path) {
  const auto hex = trimmed(read_whole(path, "public key"));
  from_hex(hex, crypto_sign_PUBLICKEYBYTES, fmt::format("public key file '{}'", path.string()));
  return hex;
}

std::string Checkpoint::signed_text() const {
  return fmt::format("platebus audit checkpoint\nsequence {}\nchain_hash {}\n", sequence, chain_hash);
}

nlohmann::json Checkpoint::to_json() const {
  return {{"sequence", sequence},     {"chain_hash", chain_hash}, {"created_at", created_at},
          {"public_key", public_key}, {"signature", signature},   {"file", file.string()}};
}

Checkpoint write_checkpoint(const ChainState& state, const SigningKey& key, const fs::path& folder) {
  Checkpoint checkpoint;
  checkpoint.sequence = state.last_sequence;
  checkpoint.chain_hash = state.last_hash;
  checkpoint.created_at = to_iso8601(now_utc());
  checkpoint.public_key = key.public_key_hex;
  const auto text = checkpoint.signed_text();
  unsigned char signature[crypto_sign_BYTES];
  crypto_sign_detached(signature, nullptr, reinterpret_cast<const unsigned char*>(text.data()), text.size(),
                       reinterpret_cast<const unsigned char*>(key.secret_key.data()));
  checkpoint.signature = to_hex(signature, sizeof signature);
  std::error_code error;
  fs::create_directories(folder, error);
  checkpoint.file = folder / fmt::format("checkpoint-{:012}-{}.json", checkpoint.sequence,
                                         compact_time(checkpoint.created_at));
  auto json = checkpoint.to_json();
  json.erase("file");
  try {
    write_durably(checkpoint.file, json.dump(2) + "\n", 0644, false);
  } catch (const std::exception& e) {
    throw std::runtime_error(fmt::format("cannot write the checkpoint into '{}': {}; check checkpoint_folder",
                                         folder.string(), e.what()));
  }
  return checkpoint;
}

Checkpoint read_checkpoint(const fs::path& file) {
  const auto json = nlohmann::json::parse(read_whole(file, "checkpoint"), nullptr, false);
  const auto bad = [&](const char* what) {
    return CheckpointError(fmt::format("checkpoint '{}' is not a checkpoint file: {}", file.string(), what));
  };
  if (!json.is_object()) throw bad("not JSON");
  Checkpoint checkpoint;
  checkpoint.file = file;
  if (!json.contains("sequence") || !json["sequence"].is_number_unsigned()) throw bad("no 'sequence' number");
  checkpoint.sequence = json["sequence"].get<std::uint64_t>();
  for (auto [name, target] : {std::pair{"chain_hash", &checkpoint.chain_hash},
                              std::pair{"public_key", &checkpoint.public_key},
                              std::pair{"signature", &checkpoint.signature}}) {
    if (!json.contains(name) || !json[name].is_string()) throw bad(fmt::format("no '{}' text", name).c_str());
    *target = json[name].get<std::string>();
  }
  checkpoint.created_at = json.value("created_at", std::string());
  return checkpoint;
}

std::vector<fs::path> checkpoint_files(const fs::path& folder, std::size_t limit) {
  std::vector<fs::path> files;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(folder, error)) {
    const auto name = entry.path().filename().string();
    if (name.starts_with("checkpoint-") && name.ends_with(".json")) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  if (limit && files.size() > limit) files.erase(files.begin(), files.end() - static_cast<std::ptrdiff_t>(limit));
  return files;
}

void check_against_checkpoint(const Checkpoint& checkpoint, const std::string& trusted_public_key,
                              const ChainState& state, const std::string& hash_at_sequence, VerifyResult& result) {
  const auto name = checkpoint.file.filename().string();
  const auto& key_hex = trusted_public_key.empty() ? checkpoint.public_key : trusted_public_key;
  bool signature_ok = false;
  try {
    const auto key = from_hex(key_hex, crypto_sign_PUBLICKEYBYTES, "public key");
    const auto signature = from_hex(checkpoint.signature, crypto_sign_BYTES, "signature");
    const auto text = checkpoint.signed_text();
    signature_ok = crypto_sign_verify_detached(reinterpret_cast<const unsigned char*>(signature.data()),
                                               reinterpret_cast<const unsigned char*>(text.data()), text.size(),
                                               reinterpret_cast<const unsigned char*>(key.data())) == 0;
  } catch (const CheckpointError&) {
  }
  if (!signature_ok) {
    result.add(checkpoint.sequence, fmt::format("checkpoint {}: signature does not verify{} (forged or altered "
                                                "checkpoint; it proves nothing)",
                                                name, trusted_public_key.empty() ? "" : " against the given public key"));
    return;
  }
  if (checkpoint.sequence > state.last_sequence && checkpoint.sequence > result.last_sequence) {
    const auto end = std::max(state.last_sequence, result.last_sequence);
    result.add(end + 1, fmt::format("{} missing: checkpoint {} vouches for sequence {} but the chain ends at {} (the "
                                    "tail was cut off)",
                                    range_text(end + 1, checkpoint.sequence), name, checkpoint.sequence, end));
    return;
  }
  if (checkpoint.sequence < state.anchor_sequence) return;  // purged since: nothing left to compare
  if (hash_at_sequence.empty()) {
    result.add(checkpoint.sequence, fmt::format("record {}: missing, but checkpoint {} vouches for it",
                                                checkpoint.sequence, name));
  } else if (hash_at_sequence != checkpoint.chain_hash) {
    result.add(checkpoint.sequence, fmt::format("record {}: hash differs from checkpoint {} (the chain was rewritten "
                                                "up to here)",
                                                checkpoint.sequence, name));
  }
}

std::string stored_hash_at(const AuditStore& store, std::uint64_t sequence) {
  const auto state = store.state();
  if (sequence == state.anchor_sequence) return state.anchor_hash;
  const auto stored = store.stored_at(sequence);
  if (!stored) return "";
  const auto record = nlohmann::json::parse(*stored, nullptr, false);
  return record.is_object() && record.contains("hash") && record["hash"].is_string() ? record["hash"].get<std::string>()
                                                                                      : "";
}

}  // namespace platebus::audit
