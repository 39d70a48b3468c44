#pragma once
// Session tokens: 32 random bytes (256 bits) handed to the client as hex; the store keeps only the
// token's SHA-256, so a copy of the database logs nobody in. The session id that audit records and
// the actor carry is the first 12 hex characters of that hash.
#include <string>

namespace platebus::accounts {

struct NewToken {
  std::string token;  // 64 hex characters, given to the client once
  std::string hash;   // hex SHA-256 of the token, the store's key
  std::string id;     // first 12 hex characters of the hash
};

NewToken new_token();
std::string token_hash(const std::string& token);
std::string session_id(const std::string& hash);

}  // namespace platebus::accounts
