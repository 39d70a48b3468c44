#include "guarded_server.hpp"

#include <sys/socket.h>
#include <unistd.h>

#include <openssl/ssl.h>

#include "connection_stream.hpp"

namespace platebus::api {

namespace {

// The connection whose request this thread is reading, for headers_read().
thread_local ConnectionStream* current_connection = nullptr;
thread_local std::chrono::milliseconds current_body_timeout{0};

}  // namespace

GuardedServer::GuardedServer(ConnectionLimits limits, SSL_CTX* tls) : limits_(limits), tls_(tls) {}

void GuardedServer::headers_read() {
  if (current_connection)
    current_connection->read_by(ConnectionStream::Clock::now() + current_body_timeout);
}

bool GuardedServer::admit(const std::string& client) {
  const std::lock_guard lock(mutex_);
  auto& open = open_by_client_[client];
  if (open >= limits_.connections_per_client) return false;
  ++open;
  return true;
}

void GuardedServer::release(const std::string& client) {
  const std::lock_guard lock(mutex_);
  if (--open_by_client_[client] == 0) open_by_client_.erase(client);
}

bool GuardedServer::process_and_close_socket(socket_t sock) {
  bool served = false;
  {
    ConnectionStream stream(sock, tls_ ? SSL_new(tls_) : nullptr, limits_.read_timeout, stopping_);
    std::string client;
    int port = 0;
    stream.get_remote_ip_and_port(client, port);
    // Over its limit, a client's new connection is closed at once: it never holds a worker.
    if (admit(client)) {
      current_connection = &stream;
      current_body_timeout = limits_.body_timeout;
      stream.read_by(ConnectionStream::Clock::now() + limits_.header_timeout);
      served = stream.handshake();
      for (auto left = limits_.requests_per_connection; served && left > 0; --left) {
        if (!stream.request_arrives_within(limits_.keep_alive_timeout)) break;
        stream.read_by(ConnectionStream::Clock::now() + limits_.header_timeout);
        bool closed = false;
        try {
          served = process_request(stream, left == 1, closed, nullptr);
        } catch (...) {  // on a worker thread, an escaping exception would end the host
          served = false;
        }
        if (closed) break;
      }
      current_connection = nullptr;
      release(client);
    }
  }
  shutdown(sock, SHUT_RDWR);
  close(sock);
  return served;
}

}  // namespace platebus::api
