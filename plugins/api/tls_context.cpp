#include "tls_context.hpp"

#include <sys/stat.h>

#include <stdexcept>

#include <fmt/format.h>

namespace platebus::api {

namespace {

void require_private(const std::string& private_key) {
  struct stat status {};
  if (::stat(private_key.c_str(), &status) != 0)
    throw std::invalid_argument(fmt::format("cannot read private key '{}': no such file", private_key));
  if ((status.st_mode & 077) != 0)
    throw std::invalid_argument(fmt::format(
        "private key '{}' has mode {:o}: group or others may use it; make it private (chmod 600 '{}')", private_key,
        status.st_mode & 0777, private_key));
}

}  // namespace

SslContext tls_context(const std::string& certificate, const std::string& private_key) {
  SslContext context(SSL_CTX_new(TLS_server_method()));
  if (!context) throw std::invalid_argument("cannot create a TLS context (OpenSSL)");
  SSL_CTX_set_min_proto_version(context.get(), TLS1_2_VERSION);
  SSL_CTX_set_options(context.get(), SSL_OP_NO_COMPRESSION | SSL_OP_NO_RENEGOTIATION | SSL_OP_CIPHER_SERVER_PREFERENCE);
  SSL_CTX_set_mode(context.get(), SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
  if (SSL_CTX_set_cipher_list(context.get(), kTls12Ciphers) != 1 ||
      SSL_CTX_use_certificate_chain_file(context.get(), certificate.c_str()) != 1 ||
      SSL_CTX_use_PrivateKey_file(context.get(), private_key.c_str(), SSL_FILETYPE_PEM) != 1 ||
      SSL_CTX_check_private_key(context.get()) != 1)
    throw std::invalid_argument(fmt::format(
        "cannot use certificate '{}' with private key '{}': unreadable, not PEM, or they do not match", certificate,
        private_key));
  require_private(private_key);
  return context;
}

}  // namespace platebus::api
