#pragma once
// The API's TLS settings in one SSL_CTX: TLS 1.2 and 1.3 only, forward-secret AEAD suites only
// (ECDHE with AES-GCM or ChaCha20-Poly1305; no RSA key exchange, no CBC, no SHA-1), and a private
// key nobody but its owner can read.
#include <memory>
#include <string>

#include <openssl/ssl.h>

namespace platebus::api {

struct SslContextFree {
  void operator()(SSL_CTX* context) const { SSL_CTX_free(context); }
};
using SslContext = std::unique_ptr<SSL_CTX, SslContextFree>;

// The TLS 1.2 suites allowed (TLS 1.3's are all AEAD and forward-secret).
inline constexpr const char* kTls12Ciphers = "ECDHE+AESGCM:ECDHE+CHACHA20";

// Throws std::invalid_argument saying what is wrong with the files and how to fix it.
SslContext tls_context(const std::string& certificate, const std::string& private_key);

}  // namespace platebus::api
