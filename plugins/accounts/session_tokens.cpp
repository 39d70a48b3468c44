#include "session_tokens.hpp"

#include <stdexcept>

#include <sodium.h>

namespace platebus::accounts {

namespace {
std::string hex(const unsigned char* bytes, std::size_t size) {
  std::string text(size * 2 + 1, '\0');
  sodium_bin2hex(text.data(), text.size(), bytes, size);
  text.pop_back();
  return text;
}
}  // namespace

NewToken new_token() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
  unsigned char bytes[32];
  randombytes_buf(bytes, sizeof bytes);
  NewToken made;
  made.token = hex(bytes, sizeof bytes);
  sodium_memzero(bytes, sizeof bytes);
  made.hash = token_hash(made.token);
  made.id = session_id(made.hash);
  return made;
}

std::string token_hash(const std::string& token) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(token.data()), token.size());
  return hex(digest, sizeof digest);
}

std::string session_id(const std::string& hash) { return hash.substr(0, 12); }

}  // namespace platebus::accounts
