#pragma once
// One client connection as cpp-httplib's Stream, plain or TLS, on a non-blocking socket with
// deadlines of our own: cpp-httplib 0.11's socket stream only times out a read that gets no byte
// at all, so a client sending one byte every few seconds held a worker thread for ever.
#include <atomic>
#include <chrono>

#include <httplib.h>

namespace platebus::api {

class ConnectionStream final : public httplib::Stream {
 public:
  using Clock = std::chrono::steady_clock;
  // `ssl`: nullptr for plain HTTP, else a fresh SSL the stream owns and frees. `stopping`: set when
  // the server stops; every wait returns early then.
  ConnectionStream(int fd, SSL* ssl, std::chrono::milliseconds idle_timeout, const std::atomic<bool>& stopping);
  ~ConnectionStream() override;
  ConnectionStream(const ConnectionStream&) = delete;
  ConnectionStream& operator=(const ConnectionStream&) = delete;

  // Every read from now on must be done by `deadline` (the headers', then the body's).
  void read_by(Clock::time_point deadline) { read_deadline_ = deadline; }
  // The TLS handshake, done by the current read deadline; true for plain HTTP.
  bool handshake();
  // Whether a request starts within `wait` (an idle keep-alive connection).
  bool request_arrives_within(std::chrono::milliseconds wait);

  bool is_readable() const override;
  bool is_writable() const override;
  ssize_t read(char* data, size_t size) override;
  ssize_t write(const char* data, size_t size) override;
  void get_remote_ip_and_port(std::string& ip, int& port) const override;
  void get_local_ip_and_port(std::string& ip, int& port) const override;
  socket_t socket() const override { return fd_; }

 private:
  // Waits until the socket is ready for `events` (POLLIN, POLLOUT), the deadline or the stop.
  bool wait_for(short events, Clock::time_point deadline) const;
  // Retries a TLS call that wants the socket; true to try again.
  bool retry_tls(int result, Clock::time_point deadline) const;
  // One read or write: through TLS when there is TLS, else on the socket, waiting for `event`.
  template <class TlsCall, class SocketCall>
  ssize_t transfer(TlsCall tls_call, SocketCall socket_call, short event, Clock::time_point deadline);
  Clock::time_point read_deadline() const { return std::min(read_deadline_, Clock::now() + idle_timeout_); }

  int fd_;
  SSL* ssl_;
  std::chrono::milliseconds idle_timeout_;
  const std::atomic<bool>& stopping_;
  Clock::time_point read_deadline_ = Clock::time_point::max();
};

}  // namespace platebus::api
