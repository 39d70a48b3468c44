#pragma once
// cpp-httplib's server with the connection handling of our own (docs/security.md, "The API's
// limits"): at most connections_per_client connections from one address at once, each request's
// headers due within header_timeout and its body within body_timeout, an idle read past
// read_timeout dropped, TLS on an SSL_CTX we configure. cpp-httplib 0.11 keeps the accept loop,
// the worker pool and the HTTP parsing; only the per-connection loop is replaced.
#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <string>

#include <httplib.h>

#include "api_settings.hpp"

namespace platebus::api {

class GuardedServer final : public httplib::Server {
 public:
  // `tls`: the SSL_CTX for HTTPS (owned by the caller, outliving the server), or nullptr.
  GuardedServer(ConnectionLimits limits, SSL_CTX* tls);

  // Called once the headers are in (by the pre-routing handler, on the connection's thread): the
  // body now has body_timeout.
  static void headers_read();
  // Makes every connection give up its waits: stop() then does not wait out a slow client.
  void stopping() { stopping_ = true; }

 private:
  bool process_and_close_socket(socket_t sock) override;
  // Counts a connection from `client`; false when that client already has its limit.
  bool admit(const std::string& client);
  void release(const std::string& client);

  ConnectionLimits limits_;
  SSL_CTX* tls_;
  std::atomic<bool> stopping_{false};
  std::mutex mutex_;
  std::map<std::string, std::size_t> open_by_client_;
};

}  // namespace platebus::api
