#include "connection_stream.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>

#include <openssl/ssl.h>

namespace platebus::api {

namespace {

constexpr auto kStopCheck = std::chrono::milliseconds(100);  // how soon a wait notices the server stopping
constexpr auto kWriteTimeout = std::chrono::seconds(5);     // a client that reads nothing for this long is dropped

void ip_and_port(const sockaddr_storage& address, std::string& ip, int& port) {
  char text[INET6_ADDRSTRLEN] = "";
  if (address.ss_family == AF_INET6) {
    const auto& v6 = reinterpret_cast<const sockaddr_in6&>(address);
    inet_ntop(AF_INET6, &v6.sin6_addr, text, sizeof text);
    port = ntohs(v6.sin6_port);
  } else {
    const auto& v4 = reinterpret_cast<const sockaddr_in&>(address);
    inet_ntop(AF_INET, &v4.sin_addr, text, sizeof text);
    port = ntohs(v4.sin_port);
  }
  ip = text;
}

}  // namespace

ConnectionStream::ConnectionStream(int fd, SSL* ssl, std::chrono::milliseconds idle_timeout,
                                   const std::atomic<bool>& stopping)
    : fd_(fd), ssl_(ssl), idle_timeout_(idle_timeout), stopping_(stopping) {
  fcntl(fd_, F_SETFL, fcntl(fd_, F_GETFL) | O_NONBLOCK);
  if (ssl_) SSL_set_fd(ssl_, fd_);
}

ConnectionStream::~ConnectionStream() {
  if (ssl_) {
    SSL_shutdown(ssl_);  // one close_notify, without waiting for the client's
    SSL_free(ssl_);
  }
}

bool ConnectionStream::wait_for(short events, Clock::time_point deadline) const {
  for (;;) {
    const auto now = Clock::now();
    if (now >= deadline || stopping_) return false;
    const auto slice = std::min(std::chrono::duration_cast<std::chrono::milliseconds>(deadline - now), kStopCheck);
    pollfd poll_fd{fd_, events, 0};
    const int ready = ::poll(&poll_fd, 1, static_cast<int>(slice.count()) + 1);
    if (ready > 0) return true;
    if (ready < 0 && errno != EINTR) return false;
  }
}

bool ConnectionStream::retry_tls(int result, Clock::time_point deadline) const {
  switch (SSL_get_error(ssl_, result)) {
    case SSL_ERROR_WANT_READ: return wait_for(POLLIN, deadline);
    case SSL_ERROR_WANT_WRITE: return wait_for(POLLOUT, deadline);
    default: return false;
  }
}

bool ConnectionStream::handshake() {
  if (!ssl_) return true;
  for (;;) {
    const int result = SSL_accept(ssl_);
    if (result == 1) return true;
    if (!retry_tls(result, read_deadline())) return false;
  }
}

bool ConnectionStream::request_arrives_within(std::chrono::milliseconds wait) {
  return (ssl_ && SSL_pending(ssl_) > 0) || wait_for(POLLIN, Clock::now() + wait);
}

bool ConnectionStream::is_readable() const {
  return (ssl_ && SSL_pending(ssl_) > 0) || wait_for(POLLIN, read_deadline());
}

bool ConnectionStream::is_writable() const { return wait_for(POLLOUT, Clock::now() + kWriteTimeout); }

template <class TlsCall, class SocketCall>
ssize_t ConnectionStream::transfer(TlsCall tls_call, SocketCall socket_call, short event, Clock::time_point deadline) {
  for (;;) {
    if (ssl_) {
      const int result = tls_call();
      if (result > 0) return result;
      if (!retry_tls(result, deadline)) return -1;
      continue;
    }
    const auto result = socket_call();
    if (result >= 0) return result;
    if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) return -1;
    if (!wait_for(event, deadline)) return -1;
  }
}

ssize_t ConnectionStream::read(char* data, size_t size) {
  const auto chunk = static_cast<int>(std::min<size_t>(size, INT32_MAX));
  return transfer([&] { return SSL_read(ssl_, data, chunk); }, [&] { return ::recv(fd_, data, size, 0); }, POLLIN,
                  read_deadline());
}

ssize_t ConnectionStream::write(const char* data, size_t size) {
  const auto chunk = static_cast<int>(std::min<size_t>(size, INT32_MAX));
  return transfer([&] { return SSL_write(ssl_, data, chunk); }, [&] { return ::send(fd_, data, size, MSG_NOSIGNAL); },
                  POLLOUT, Clock::now() + kWriteTimeout);
}

void ConnectionStream::get_remote_ip_and_port(std::string& ip, int& port) const {
  sockaddr_storage address{};
  socklen_t length = sizeof address;
  if (getpeername(fd_, reinterpret_cast<sockaddr*>(&address), &length) == 0) ip_and_port(address, ip, port);
}

void ConnectionStream::get_local_ip_and_port(std::string& ip, int& port) const {
  sockaddr_storage address{};
  socklen_t length = sizeof address;
  if (getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &length) == 0) ip_and_port(address, ip, port);
}

}  // namespace platebus::api
